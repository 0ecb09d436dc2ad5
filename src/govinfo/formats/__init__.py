"""The front door for files: one reading pipeline for every input format.

``bytes -> (decoded) -> Document -> Report``: the kind of the input is told from its content
(:func:`sniff`; the file name's suffix only as a hint, ``kind=`` overrides), its bytes are
decoded by :func:`decode` (the decision recorded), a front-end turns it into a
:class:`~govinfo.formats._document.Document`, and the one assembler maps that onto the
template by label.

>>> import govinfo, pathlib
>>> result = govinfo.read(pathlib.Path(govinfo.example_path(".txt")))
>>> result.report == govinfo.load_example(), result.input.kind, result.input.encoding
(True, <Kind.TEXT: 'text'>, 'utf-8')
>>> result.sources["$.requests.withheld_enforcement_files.natural_person"]
TextSource(offset=2226, length=1, line=276, column=1, text='1')

``read`` is lenient (it reads on, and what it cannot read is unread, with a diagnostic);
``read(..., strict=True)`` and :func:`parse` raise at the first error. Warnings and notes never
raise. A new format is a front-end module here and a line in :data:`_FRONT_ENDS`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeAlias

from govinfo.diagnostics import Diagnostic, Severity
from govinfo.errors import ReadError, SeveralReports, short_repr
from govinfo.formats import _doc, _docx, _flat, _pdf
from govinfo.formats._assemble import assemble, documents, split_reports
from govinfo.formats._decode import Decoded, Kind, decode, sniff, utf8_bytes
from govinfo.formats._document import Document
from govinfo.formats._html import document as _html_document
from govinfo.formats._result import InputInfo, ReadResult
from govinfo.formats.json import from_json
from govinfo.model import Report
from govinfo.sources import Source

__all__ = [
    "Decoded",
    "InputInfo",
    "Kind",
    "ReadResult",
    "Readable",
    "decode",
    "parse",
    "read",
    "read_all",
    "sniff",
]

Readable: TypeAlias = "bytes | bytearray | memoryview | os.PathLike[str] | IO[bytes]"
"""What :func:`read` takes: the bytes of a file, its path, or a binary file object."""


def _text(data: bytes, name: str | None) -> tuple[Document, Decoded | None]:
    decoded = decode(data, name=name if name is not None else "<input>")
    return _flat.text_document(decoded.text), decoded


def _html_page(data: bytes, name: str | None) -> tuple[Document, Decoded | None]:
    decoded = decode(data, name=name if name is not None else "<input>")
    return _html_document(decoded.text, utf8_bytes(data, decoded)), decoded


def _word(data: bytes, name: str | None) -> tuple[Document, Decoded | None]:
    return _docx.document(data), None


def _legacy_word(data: bytes, name: str | None) -> tuple[Document, Decoded | None]:
    return _doc.document(data), None


def _pdf_file(data: bytes, name: str | None) -> tuple[Document, Decoded | None]:
    return _pdf.document(data), None


_FRONT_ENDS: dict[Kind, Callable[[bytes, str | None], tuple[Document, Decoded | None]]] = {
    Kind.TEXT: _text,
    Kind.HTML: _html_page,
    Kind.DOCX: _word,
    Kind.DOC: _legacy_word,
    Kind.PDF: _pdf_file,
}
"""The front-end of each kind: the bytes (and the file's name) to a document, and how the
bytes were decoded when they are text (None for a binary format, which reads its own bytes,
and says in :attr:`Document.reading` how, when not directly). JSON is read by
:func:`govinfo.from_json`, without a document."""


def _decoding(
    kind: Kind, decoded: Decoded | None, name: str | None, reading: str = ""
) -> tuple[InputInfo, tuple[Diagnostic, ...]]:
    """How the input was read (``reading``: how a binary one was), and the warning a guessed
    encoding deserves."""
    if decoded is None:
        return InputInfo(kind=kind, reason=reading, name=name), ()
    info = InputInfo(
        kind=kind,
        encoding=decoded.encoding,
        reason=decoded.reason,
        guessed=decoded.guessed,
        name=name,
    )
    if not decoded.guessed:
        return info, ()
    how = decoded.reason.removeprefix("guessed: ")
    warning = Diagnostic(
        severity=Severity.WARNING, message=f"the text encoding is a guess ({how}): check the text"
    )
    return info, (warning,)


def read(
    source: Readable,
    *,
    kind: Kind | str | None = None,
    strict: bool = False,
    name: str | None = None,
) -> ReadResult:
    """Read the one report in ``source``: bytes, a path (:class:`os.PathLike`) or a binary file
    object. Returns the report, the diagnostics, the sources and how the input was read.

    The kind is told from the content unless ``kind`` says it (a :class:`Kind` or its value);
    ``name``, the file's name for bytes, is a hint (a ``.json`` suffix) and is recorded.
    Operating-system problems (no such file, permission) raise :class:`OSError`; everything
    about the content raises a :class:`~govinfo.errors.GovInfoError`: an input holding
    several reports raises :class:`~govinfo.errors.SeveralReports` naming where each begins
    (read those with :func:`read_all`).
    """
    results = _read(source, kind, strict, name, several=False)
    return results[0]


def parse(source: Readable, *, kind: Kind | str | None = None, name: str | None = None) -> Report:
    """The report in ``source``, read strictly: raises at the first error (see :func:`read`)."""
    return read(source, kind=kind, strict=True, name=name).report


def read_all(
    source: Readable,
    *,
    kind: Kind | str | None = None,
    strict: bool = False,
    name: str | None = None,
) -> tuple[ReadResult, ...]:
    """Every report in ``source`` (a file that holds several, one after another), one result
    each, in order."""
    return _read(source, kind, strict, name, several=True)


def _read(
    source: Readable, kind: Kind | str | None, strict: bool, name: str | None, *, several: bool
) -> tuple[ReadResult, ...]:
    if name is not None and not isinstance(name, str):
        raise ReadError(f"name: expected the file's name as a str, got {short_repr(name)}")
    data, path = _bytes(source)
    name = path if name is None else name
    found = _kind(kind) if kind is not None else sniff(data, suffix=_suffix(name))
    if found is Kind.JSON:
        text = decode(data, name=name if name is not None else "<input>")
        info, notes = _decoding(found, text, name)
        return (ReadResult(report=from_json(text.text), diagnostics=notes, input=info),)
    document, decoded = _FRONT_ENDS[found](data, name)
    info, notes = _decoding(found, decoded, name, document.reading)
    if strict:
        first = next((d for d in document.diagnostics if d.severity is Severity.ERROR), None)
        if first is not None:
            raise ReadError(first.message, first.source)
    notes += document.diagnostics
    starts = split_reports(document) if document.paragraphs else [0]
    if len(starts) > 1 and not several:
        raise SeveralReports(tuple(_where(document, s) for s in starts))
    results = []
    for part in documents(document, starts):
        report, diagnostics, places = assemble(part, strict=strict)
        results.append(
            ReadResult(report=report, diagnostics=notes + diagnostics, input=info, places=places)
        )
    return tuple(results)


def _where(document: Document, start: int) -> Source:
    paragraph = document.paragraphs[start]
    return document.locate(paragraph.at, paragraph.text)


def _bytes(source: Any) -> tuple[bytes, str | None]:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), None
    if isinstance(source, os.PathLike):
        path = Path(source)
        return path.read_bytes(), str(path)
    if isinstance(source, str):
        raise ReadError(
            "read() takes bytes, a path or a binary file, not a str: for report text use "
            "govinfo.read_text(text), for a file name govinfo.read(pathlib.Path(name))"
        )
    read_ = getattr(source, "read", None)
    if callable(read_):
        data = read_()
        if not isinstance(data, bytes | bytearray):
            raise ReadError(
                f"expected a binary file (opened with 'rb'), got one that reads "
                f"{type(data).__name__}"
            )
        name = getattr(source, "name", None)
        return bytes(data), name if isinstance(name, str) else None
    raise ReadError(f"expected bytes, a path or a binary file object, got {type(source).__name__}")


def _kind(kind: Kind | str) -> Kind:
    try:
        return Kind(kind)
    except ValueError:
        known = ", ".join(repr(k.value) for k in Kind)
        raise ReadError(f"unknown kind {short_repr(kind)}; expected one of {known}") from None


def _suffix(name: str | None) -> str:
    return Path(name).suffix.lower() if name else ""
