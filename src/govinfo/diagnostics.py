"""What a reading has to say about its input: diagnostics, each with a severity and a place.

- **error**: something could not be read (its cells are unread); strict reading raises it;
- **warning**: read, but a person should look (a guessed encoding, a tolerated deviation);
- **note**: how something was read, for the record.

>>> from govinfo.sources import TextSource
>>> where = TextSource(offset=0, length=2, line=1, column=1, text="规章")
>>> print(Diagnostic(severity=Severity.WARNING, message="a label read loosely", source=where))
warning: a label read loosely (line 1, column 1)

The same :class:`Severity` grades the findings of :mod:`govinfo.checks`.
"""

from __future__ import annotations

import enum

from attrs import frozen

from govinfo.sources import Source, TextSource

__all__ = ["Diagnostic", "Severity"]


class Severity(enum.Enum):
    """How much a diagnostic or a finding matters, most first."""

    ERROR = "error"
    """Something is wrong: a value could not be read, or (checks) an identity the template
    states or its labels imply is broken, a wrong number."""
    WARNING = "warning"
    """A person should look: read with a guess or a tolerance, or (checks) a heuristic across
    years that failed."""
    NOTE = "note"
    """How something was read; nothing to do."""


@frozen(kw_only=True)
class Diagnostic:
    """One thing a reading has to say: its severity, what, where (a :data:`Source`, or None
    for the input as a whole) and, for text, the line with a caret under the span."""

    severity: Severity
    message: str
    source: Source | None = None
    excerpt: str = ""

    @property
    def line(self) -> int | None:
        """The 1-based line of a text source, else None."""
        return self.source.line if isinstance(self.source, TextSource) else None

    @property
    def column(self) -> int | None:
        """The 1-based column of a text source, else None."""
        return self.source.column if isinstance(self.source, TextSource) else None

    def __str__(self) -> str:
        where = f" ({self.source})" if self.source is not None else ""
        head = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        return f"{head}{self.message}{where}" + (f"\n{self.excerpt}" if self.excerpt else "")
