"""The formats: a front-end per input format, one document they all produce, one assembler."""

__all__: list[str] = []
