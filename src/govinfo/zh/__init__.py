"""The Chinese helpers: numerals, dates, enumerators and amounts, on one character table.

Each reads strictly by default and raises a located error; each has a writer whose output it
reads back. They know nothing of the report template.
"""

__all__: list[str] = []
