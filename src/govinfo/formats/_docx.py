"""The Word front-end: a .docx file as a :class:`~govinfo.formats._document.CellDocument`.

A .docx is a ZIP archive of XML parts; the report is the main part, ``word/document.xml``
(WordprocessingML, in the transitional namespace Word writes or in the strict one). It is
read with the standard library's :mod:`zipfile` and :mod:`xml.etree.ElementTree`, within
bounds, since a file from the web may be hostile:

- the part is unpacked in chunks, and refused when its declared size or what it unpacks to
  passes :data:`MAX_PART` bytes (a ZIP bomb);
- a document type declaration is refused: WordprocessingML has none, and the entities of an
  internal subset can expand without bound (billion laughs);
- elements nested deeper than :data:`MAX_DEPTH`, or more than :data:`MAX_ELEMENTS` of them,
  are refused, so the tree costs no more than a report's.

Then the body's children are read in order, looking through content controls and custom XML
(``w:sdt``, ``w:customXml``) that wrap them:

- a paragraph ``w:p`` is prose; its text is that of its runs' ``w:t`` (never the deleted
  ``w:delText`` nor a field's instruction ``w:instrText``), a ``w:tab`` is a space, and a
  ``w:br`` or ``w:cr`` ends a line: each line is a paragraph of its own. Runs inside
  insertions, hyperlinks, smart tags, fields and content controls are content; deletions
  (``w:del``, ``w:moveFrom``) and the fallback of alternate content (``mc:Fallback``, which
  repeats its ``mc:Choice``) are not;
- a table ``w:tbl`` is a table: its rows ``w:tr`` (a row marked deleted is not read), their
  cells ``w:tc``. A cell's paragraphs are its lines, joined by
  :func:`~govinfo.formats._tables.join_lines`; a table inside a cell is part of its text, a
  line a cell. ``w:gridSpan`` is a cell's column span; a cell whose ``w:vMerge`` restarts a
  merge spans down over the cells below it in the same grid column (and of the same width)
  whose ``w:vMerge`` continues it, which are not cells of their own. ``w:gridBefore`` is grid
  columns left empty at a row's start, so grid columns, not cell numbers, match a
  continuation with its cell. A row repeated as a header on every page (``w:tblHeader``)
  holds header cells.

Each place's element is named in the file's terms: ``/w:body/w:p[7]`` for the 7th paragraph
of the body, ``/w:body/w:tbl[2]/w:tr[5]/w:tc[3]`` for the 3rd cell of the 5th row of the 2nd
table, counted in reading order (through the wrappers, nested tables not counted); the
source's column is the cell's slot in the grid.

Not read: headers, footers, footnotes, comments and text boxes' layout (a text box's lines
are read where it is anchored); automatic numbering (a heading numbered by Word's list
numbering, not typed, reads without its 一、); text hidden by formatting.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final
from xml.etree import ElementTree as ET
from xml.parsers import expat

from govinfo.errors import ReadError
from govinfo.formats._document import CellDocument
from govinfo.formats._tables import Builder, Lines, RawRow, join_lines, span_number

__all__ = ["MAX_DEPTH", "MAX_ELEMENTS", "MAX_PART", "PART", "document"]

PART: Final = "word/document.xml"
"""The main part of a Word file, where its body is."""
MAX_PART: Final = 64 * 1024 * 1024
"""The most bytes the main part may unpack to; a report's is well under a megabyte."""
MAX_DEPTH: Final = 500
"""The deepest the main part's elements may nest; a report's nest some twenty deep."""
MAX_ELEMENTS: Final = 500_000
"""The most elements the main part may hold; a report's hold some ten thousand."""

_CHUNK: Final = 1 << 16
_DIGITS: Final = frozenset("0123456789")
_NS: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STRICT: Final = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"
_MC: Final = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def _w(name: str) -> str:
    return _NS + name


_DOCUMENT: Final = _w("document")
_BODY: Final = _w("body")
_P: Final = _w("p")
_T: Final = _w("t")
_TBL: Final = _w("tbl")
_TR: Final = _w("tr")
_TC: Final = _w("tc")
_VAL: Final = _w("val")
_BREAKS: Final = frozenset(map(_w, ("br", "cr")))
_CHARACTERS: Final = {_w("tab"): " ", _w("ptab"): " ", _w("noBreakHyphen"): "-"}
_LINE_ENDS: Final = frozenset((_P, _TR, _TC))
"""Elements that end a line before and after them: a paragraph, and a nested table's cells."""
_SKIPPED: Final = frozenset(
    [
        *map(
            _w,
            (
                "del",
                "moveFrom",
                "delText",
                "instrText",
                "delInstrText",
                # properties: never text, skipped for speed
                "pPr",
                "rPr",
                "tblPr",
                "tblGrid",
                "trPr",
                "tcPr",
                "sectPr",
                "sdtPr",
                "sdtEndPr",
            ),
        ),
        _MC + "Fallback",
    ]
)
_WRAPPERS: Final = frozenset(map(_w, ("sdt", "sdtContent", "customXml")))
"""Elements that wrap paragraphs, tables, rows or cells without being one."""
_BLOCKS: Final = frozenset((_P, _TBL))
_ROWS: Final = frozenset((_TR,))
_CELLS: Final = frozenset((_TC,))
_ZIP_ERRORS: Final = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,  # a compression method zipfile does not have
    RuntimeError,  # an encrypted member
    EOFError,
    OSError,
    ValueError,
    zlib.error,
)


def document(data: bytes) -> CellDocument:
    """The document of a .docx file's bytes. Raises :class:`ReadError` for a file that is not
    one, or that passes the bounds."""
    root = _root(data)
    builder = Builder("docx")
    body = root.find(_BODY)
    if body is None:
        return builder.document()
    paragraphs = tables = 0
    for block in _within(body, _BLOCKS):
        if block.tag == _P:
            paragraphs += 1
            for line in _lines(block):
                builder.prose(line, (f"/w:body/w:p[{paragraphs}]",))
        else:
            tables += 1
            builder.table(_table(block, f"/w:body/w:tbl[{tables}]"))
    return builder.document()


# --- the part, within bounds


def _root(data: bytes) -> ET.Element:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as error:
        raise ReadError(f"not a Word file (.docx): not a ZIP archive ({error})") from None
    with archive:
        try:
            info = archive.getinfo(PART)
        except KeyError:
            raise ReadError(f"not a Word file (.docx): the ZIP archive holds no {PART}") from None
        if info.file_size > MAX_PART:
            raise ReadError(
                f"{PART} declares {info.file_size:,} bytes unpacked, more than the "
                f"{MAX_PART:,} read: not a report's (a ZIP bomb?)"
            )
        parser = ET.XMLParser(target=_Tree())
        size = 0
        for chunk in _chunks(archive, info):
            size += len(chunk)
            # A second guard: zipfile itself unpacks no more than the declared size (and then
            # finds the checksum wrong), but the bound must not rest on that.
            if size > MAX_PART:
                raise ReadError(
                    f"{PART} unpacks to more than the {MAX_PART:,} bytes read: not a "
                    "report's (a ZIP bomb?)"
                )
            with _well_formed():
                parser.feed(chunk)
        with _well_formed():
            root = parser.close()
    if root.tag != _DOCUMENT:
        raise ReadError(
            f"{PART} holds {_short(root.tag)}, not a WordprocessingML document (w:document)"
        )
    return root


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's bytes, unpacked a chunk at a time; its damage a :class:`ReadError`."""
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                yield chunk
    except _ZIP_ERRORS as error:
        raise ReadError(f"{PART} cannot be unpacked: {error}") from None


@contextmanager
def _well_formed() -> Iterator[None]:
    """A syntax error of the parser as a :class:`ReadError` naming its place (1-based)."""
    try:
        yield
    except ET.ParseError as error:
        line, column = error.position
        raise ReadError(
            f"{PART} is not well-formed XML: {expat.ErrorString(error.code)} at line {line}, "
            f"column {column + 1}"
        ) from None


class _Tree(ET.TreeBuilder):
    """The tree of the part, built within bounds, the strict namespace read as the
    transitional one."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.count = 0

    def start(self, tag: str, attrs: dict[str, str], /) -> ET.Element:
        self.depth += 1
        self.count += 1
        if self.depth > MAX_DEPTH:
            raise ReadError(f"{PART} nests elements more than {MAX_DEPTH} deep: not a report's")
        if self.count > MAX_ELEMENTS:
            raise ReadError(f"{PART} holds more than {MAX_ELEMENTS:,} elements: not a report's")
        if tag.startswith(_STRICT):
            tag = _NS + tag[len(_STRICT) :]
            attrs = {
                (_NS + k[len(_STRICT) :] if k.startswith(_STRICT) else k): v
                for k, v in attrs.items()
            }
        return super().start(tag, attrs)

    def end(self, tag: str, /) -> ET.Element:
        self.depth -= 1
        return super().end(_NS + tag[len(_STRICT) :] if tag.startswith(_STRICT) else tag)

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise ReadError(
            f"{PART} declares a document type (<!DOCTYPE {name}>): WordprocessingML has none, "
            "and the entities it may declare can expand without bound; not read"
        )


def _short(tag: str) -> str:
    return tag.rpartition("}")[2] or tag


# --- content


def _within(parent: ET.Element, wanted: frozenset[str]) -> Iterator[ET.Element]:
    """The children of ``parent`` whose tag is ``wanted``, in order, looking through the
    elements that wrap them (:data:`_WRAPPERS`)."""
    stack = [iter(parent)]
    while stack:
        for child in stack[-1]:
            if child.tag in wanted:
                yield child
            elif child.tag in _WRAPPERS:
                stack.append(iter(child))
                break
        else:
            stack.pop()


def _lines(element: ET.Element) -> list[str]:
    """The lines of the text of ``element``: see the module's docstring."""
    lines = Lines()
    stack: list[ET.Element | None] = [element]
    while stack:
        node = stack.pop()
        if node is None:  # the end of a line-ending element
            lines.end()
            continue
        tag = node.tag
        if tag == _T:
            if node.text:
                lines.add(node.text)
        elif tag in _BREAKS:
            lines.end()
        elif tag in _CHARACTERS:
            lines.add(_CHARACTERS[tag])
        elif tag not in _SKIPPED:
            if tag in _LINE_ENDS:
                lines.end()
                stack.append(None)
            stack.extend(reversed(node))
    return lines.take()


class _Cell:
    """A ``w:tc`` being laid out: its first grid column, width, merge and rows spanned."""

    __slots__ = ("element", "header", "hidden", "last", "merge", "rows", "start", "width")

    def __init__(
        self, element: ET.Element, start: int, width: int, merge: str, header: bool
    ) -> None:
        self.element = element
        self.start = start
        self.width = width
        self.merge = merge
        self.header = header
        self.rows = 1
        self.last = -1  # the last row a restarted merge reaches so far
        self.hidden = False  # a continuation: its slots are its origin's


def _table(table: ET.Element, path: str) -> list[RawRow]:
    """The rows of ``table`` for :meth:`Builder.table`: each printed cell once, with its
    spans, the continuations of vertical merges left out."""
    grid: list[tuple[int, int, list[tuple[int, _Cell]]]] = []  # (tr number, before, cells)
    for number, row in enumerate(_within(table, _ROWS), 1):
        properties = row.find(_w("trPr"))
        if properties is not None and properties.find(_w("del")) is not None:
            continue  # a deleted row
        before = _grid_value(properties, "gridBefore")
        header = properties is not None and _on(properties.find(_w("tblHeader")))
        cells: list[tuple[int, _Cell]] = []
        column = before
        for k, tc in enumerate(_within(row, _CELLS), 1):
            cell_properties = tc.find(_w("tcPr"))
            width = _grid_value(cell_properties, "gridSpan", least=1)
            merge = _merge(cell_properties)
            cells.append((k, _Cell(tc, column, width, merge, header)))
            column += width
        grid.append((number, before, cells))
    _merge_down(grid)
    rows: list[RawRow] = []
    for number, before, cells in grid:
        shown = [(k, cell) for k, cell in cells if not cell.hidden]
        rows.append(
            RawRow(
                [join_lines(_lines(cell.element)) for _, cell in shown],
                [(path, f"/w:tr[{number}]/w:tc[{k}]") for k, _ in shown],
                [cell.header for _, cell in shown],
                [(cell.rows, cell.width, 0 if i else before) for i, (_, cell) in enumerate(shown)],
            )
        )
    return rows


def _merge_down(grid: list[tuple[int, int, list[tuple[int, _Cell]]]]) -> None:
    """Extend each restarted vertical merge over the continuations right below it, in the
    same grid column and of the same width, and hide those. A continuation with nothing to
    continue is a cell of its own."""
    restarted: dict[int, _Cell] = {}  # grid column -> the last merge restarted there
    for r, (_, _, cells) in enumerate(grid):
        for _, cell in cells:
            if cell.merge == "continue":
                origin = restarted.get(cell.start)
                if origin is not None and origin.last == r - 1 and origin.width == cell.width:
                    origin.rows += 1
                    origin.last = r
                    cell.hidden = True
            elif cell.merge == "restart":
                cell.last = r
                restarted[cell.start] = cell


def _grid_value(properties: ET.Element | None, name: str, *, least: int = 0) -> int:
    """A count of grid columns (``w:gridSpan``, ``w:gridBefore``) of ``properties``:
    ``least`` when it is missing or not a number."""
    found = properties.find(_w(name)) if properties is not None else None
    value = found.get(_VAL, "") if found is not None else ""
    if value.strip()[:1] not in _DIGITS:
        return least
    return max(least, span_number(value, zero=True))


def _merge(properties: ET.Element | None) -> str:
    """A cell's vertical merge: ``restart``, ``continue`` or empty."""
    found = properties.find(_w("vMerge")) if properties is not None else None
    if found is None:
        return ""
    return "restart" if found.get(_VAL) == "restart" else "continue"


def _on(flag: ET.Element | None) -> bool:
    """Whether an on/off property is on: present, and not ``false``, ``0`` or ``off``."""
    return flag is not None and flag.get(_VAL, "true") not in ("false", "0", "off")
