"""The PDF front-end: a report PDF as a :class:`PdfDocument`, every place a page and a box.

A PDF is opened with pdfplumber (the optional extra ``pdf``: pdfminer.six underneath), within
bounds, since a file from the web may be hostile: at most :data:`MAX_PAGES` pages, a page's
content streams at most :data:`MAX_CONTENT` bytes decompressed (a decompression bomb is refused
before pdfminer unpacks it) printing at most :data:`MAX_PAGE_TEXT` bytes of strings (refused
before pdfminer lays the page out), at most :data:`MAX_CHARS` characters in all. A file that needs a
user password, or that pdfminer cannot parse (damaged, truncated), is a
:class:`~govinfo.errors.ReadError` that says so; one with only an owner password (copying
restricted, as many government files are) opens with the empty user password, with a note.

Each page is read in these steps:

- **Characters** printed over a copy of themselves (bold by overprinting) are read once,
  with a note.
- **Tables** are found from the ruling lines (pdfplumber's ``find_tables``). A table whose
  cells leave a hole inside its outline (a frame drawn without one border) is found again
  with its outline added as ruling. Each cell's text is the page's characters whose centres lie
  inside it, in lines (top to bottom, left to right; a gap wider than :data:`SPACE_GAP` points
  is a space), the lines joined by :func:`~govinfo.formats._tables.join_lines`: a label printed
  one character a line ("三\\n、\\n本\\n年…") is one label. Cells keep their spans: the table's
  grid is the distinct edges of its cells, and a cell covers the slots between its edges,
  handed to the one table builder (:mod:`~govinfo.formats._tables`) as HTML's and Word's are.
- **Frames around prose.** A table of one column is a frame around prose: its lines are
  prose. A row printed across a whole table of several columns (a caption, a heading, or
  prose inside the table's frame) is read as lines joined into paragraphs; they are a row of
  the table, as HTML's colspan row is (a caption is the table's), except the rows before a
  section heading at the table's top and from one at its foot, which are prose (the 洪泽区
  reports frame every page: section 一 shares table 2's frame). An empty cell in a label
  column, between a label and the row's numbers, is part of that label's cell.
- **Prose**: the characters outside every table, in lines, without page headers and footers
  ("- 3 -", "第 3 页"). Lines join into paragraphs: a line continues the one before it when
  that one reaches the right margin and this one is not indented (across a page break too).

A table that runs over a page break arrives as two tables, the continuation without a header:
when a page's last table and the next page's first have the same columns, they are one table,
and where the continuation's first row starts under a label of the cell above it (a vertical
group label, "（四）无" / "法提供", or an empty slot under it), that cell continues the label.

**Text that cannot be trusted is never read.** Trust is decided per font, from its
dictionary: a font with a ToUnicode map, a composite font with a predefined CMap
(``UniGB-UCS2-H`` …), and a simple font with a standard encoding or not embedded are
trusted; any other (an embedded font re-declared ``Identity-H`` without ToUnicode, a Type 3
font, a custom encoding) may print ``(cid:N)``, U+FFFD or plausible wrong characters: every
character it prints is read as U+FFFD, so no number comes from it (a cell holding one is
unread), with one error for each page and font naming the cause. A page without text (a scan)
is named in a warning; a PDF without text on any page is an error: reading scans (OCR) is out
of scope.
"""

from __future__ import annotations

import bisect
import contextlib
import io
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final

from govinfo import _distribution
from govinfo.diagnostics import Diagnostic, Severity
from govinfo.errors import ReadError, UnsupportedInput
from govinfo.formats._assemble import is_heading
from govinfo.formats._document import Document, Paragraph
from govinfo.formats._tables import Builder, RawRow, join_lines
from govinfo.sources import PageBoxSource

if TYPE_CHECKING:
    from pdfplumber.page import Page
    from pdfplumber.pdf import PDF

__all__ = [
    "MAX_CHARS",
    "MAX_CONTENT",
    "MAX_PAGES",
    "MAX_PAGE_TEXT",
    "SPACE_GAP",
    "PdfDocument",
    "document",
]

MAX_PAGES: Final = 1000
"""The most pages read; a report has a few dozen at most."""
MAX_CONTENT: Final = 16 * 1024 * 1024
"""The most bytes a page's content streams may decompress to; a report page's are some tens
of kilobytes."""
MAX_PAGE_TEXT: Final = 100_000
"""The most bytes of strings a page's content may print (an upper bound of its characters,
counted before the page is laid out); a report page's print some thousands."""
MAX_CHARS: Final = 500_000
"""The most characters read from all pages; a report has some thousands."""
_STRINGS: Final = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>", re.DOTALL)
SPACE_GAP: Final = 3.0
"""A gap between two characters of a line wider than this many points is a space (as
pdfplumber's ``x_tolerance``)."""

_EDGE: Final = 3.0  # cell edges closer than this many points are one grid line
_OVERPRINT: Final = 1.0  # a character this close to a copy of itself is printed over it
_STITCH: Final = 4.0  # column edges of two fragments this close are the same column
_UNREADABLE: Final = "\ufffd"
_PAGE_MARKER: Final = re.compile(
    r"[-—–－─]+\s*[0-9０-９]+\s*[-—–－─]+"
    r"|第\s*[0-9０-９]+\s*页(?:\s*[,，/／]?\s*共\s*[0-9０-９]+\s*页)?"
    r"|[0-9０-９]+\s*/\s*[0-9０-９]+"
)
_ENUMERATOR: Final = re.compile(
    r"\s*(?:[（(]\s*[一二三四五六七八九十]+\s*[）)]|[一二三四五六七八九十]+、|[0-9０-９]+\s*[.、．])"
)
_HAS_DIGIT: Final = re.compile(r"[0-9０-９]")
_STANDARD_ENCODINGS: Final = frozenset(
    ("WinAnsiEncoding", "MacRomanEncoding", "StandardEncoding", "MacExpertEncoding")
)
_IDENTITY: Final = frozenset(("Identity-H", "Identity-V"))
_FONT_FILES: Final = ("FontFile", "FontFile2", "FontFile3")
_XOBJECT_DEPTH: Final = 8
_ORDERINGS: Final = frozenset((b"GB1", b"CNS1", b"Japan1", b"Korea1", b"KR"))


def _printable(value: object) -> str:
    if isinstance(value, bytes):
        return repr(value.decode("latin-1")) if value.isascii() else f"<{len(value)} bytes>"
    return repr(value)


class PdfDocument(Document):
    """A document read from a PDF: ``at`` indexes :attr:`boxes`, one (page, box, text) per
    place, box = (x0, top, x1, bottom) in points from the page's top left; :attr:`prose`
    the places of paragraphs outside tables (and in frames of one column)."""

    def __init__(
        self,
        paragraphs: list[Paragraph],
        boxes: list[tuple[int, tuple[float, float, float, float], str]],
        prose: set[int],
        diagnostics: Sequence[Diagnostic] = (),
    ) -> None:
        super().__init__(paragraphs)
        self.boxes = boxes
        self.prose = prose
        self.diagnostics = tuple(diagnostics)

    def is_prose(self, paragraph: Paragraph) -> bool:
        return paragraph.at in self.prose

    def locate(self, at: int, text: str) -> PageBoxSource:
        page, box, raw = self.boxes[at]
        return PageBoxSource(page=page, box=box, text=text or raw)

    def line_of(self, at: int) -> str:
        return f"page {self.boxes[at][0]}"


# --- opening, within bounds -------------------------------------------------------------------


def _pdfplumber() -> Any:
    try:
        import pdfplumber
    except ModuleNotFoundError as exc:
        if exc.name not in ("pdfplumber", "pdfminer"):
            raise
        raise UnsupportedInput(
            "reading PDF needs pdfplumber, which the core of govinfo does not install: "
            f"pip install '{_distribution.extra('pdf')}'"
        ) from None
    return pdfplumber


def _open(data: bytes) -> PDF:
    pdfplumber = _pdfplumber()
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        opened: PDF = pdfplumber.open(io.BytesIO(data))
        return opened
    except Exception as exc:  # pdfplumber wraps every pdfminer error, often with no message
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise ReadError(
                "the PDF is encrypted with a user password: it cannot be opened without it, so "
                "it is not read (decrypt it first, for example with qpdf --decrypt "
                "--password=… in.pdf out.pdf)"
            ) from None
        raise ReadError(f"not a readable PDF: damaged or truncated ({_describe(cause)})") from None


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    name = type(exc).__name__
    if not text:
        return name
    return f"{name}: {text[:200]}"


def _bounded(page: Page, number: int) -> None:
    """Raise :class:`ReadError` when the page's content streams (and the forms they draw)
    decompress to more than :data:`MAX_CONTENT` bytes, or print more than
    :data:`MAX_PAGE_TEXT` bytes of strings: checked before pdfminer unpacks and lays them out,
    chunk by chunk, so a decompression bomb costs no more than the bound, and a page of
    millions of characters (pdfminer lays out some 30,000 a second) is refused unread."""
    from pdfminer.pdftypes import PDFStream, resolve1

    budget, shown = MAX_CONTENT, 0
    streams: list[Any] = list(page.page_obj.contents)
    resources = resolve1(page.page_obj.resources) or {}
    streams += list(_forms(resources, 0))
    for ref in streams:
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream):
            continue
        data = _inflated(stream, budget)
        if data is None:
            raise ReadError(
                f"page {number} of the PDF draws more than {MAX_CONTENT // (1024 * 1024)} MiB "
                "of content once decompressed: not a report (a decompression bomb?)"
            )
        budget -= len(data)
        shown += sum(len(m) for m in _STRINGS.findall(data))
        if shown > MAX_PAGE_TEXT:
            raise ReadError(
                f"page {number} of the PDF prints more than {MAX_PAGE_TEXT:,} bytes of text: "
                "not a report's page"
            )


def _forms(resources: Any, depth: int) -> Iterator[Any]:
    from pdfminer.pdftypes import PDFStream, resolve1

    if depth > _XOBJECT_DEPTH or not isinstance(resources, dict):
        return
    xobjects = resolve1(resources.get("XObject")) or {}
    if not isinstance(xobjects, dict):
        return
    for ref in xobjects.values():
        stream = resolve1(ref)
        if isinstance(stream, PDFStream) and _name(stream.attrs.get("Subtype")) == "Form":
            yield stream
            yield from _forms(resolve1(stream.attrs.get("Resources")), depth + 1)


def _inflated(stream: Any, bound: int) -> bytes | None:
    """What ``stream`` decompresses to, if at most ``bound`` bytes (None past it); a stream
    already decoded is its data, one in a filter other than Flate (bounded by its own format)
    its raw bytes, decrypted."""
    if stream.data is not None:
        data: bytes = stream.data
        return data if len(data) <= bound else None
    raw = stream.rawdata or b""
    if stream.decipher:
        raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
    filters = stream.get_filters()
    if not filters or any(_name(f) not in ("FlateDecode", "Fl") for f, _ in filters):
        return raw if len(raw) <= bound else None
    data = raw
    for _ in filters:
        inflater = zlib.decompressobj()
        try:
            out = inflater.decompress(data, bound + 1)
        except zlib.error:
            return raw  # pdfminer reads what it can of a corrupt stream: no more than this
        if len(out) > bound or inflater.unconsumed_tail:
            return None
        data = out
    return data


def _name(value: Any) -> str:
    from pdfminer.psparser import PSLiteral

    if isinstance(value, PSLiteral):
        name = value.name
        return name.decode("latin-1") if isinstance(name, bytes) else str(name)
    return value if isinstance(value, str) else ""


# --- fonts: which to trust --------------------------------------------------------------------


def _fonts(resources: Any, depth: int = 0) -> Iterator[tuple[str, Any]]:
    """Every font of a page's resources, and of the forms it draws: (name, dictionary), the
    name as pdfminer gives its characters' ``fontname``."""
    from pdfminer.pdftypes import PDFStream, resolve1

    if depth > _XOBJECT_DEPTH or not isinstance(resources, dict):
        return
    fonts = resolve1(resources.get("Font")) or {}
    if isinstance(fonts, dict):
        for ref in fonts.values():
            font = resolve1(ref)
            if isinstance(font, dict):
                yield from ((name, font) for name in _font_names(font))
    xobjects = resolve1(resources.get("XObject")) or {}
    if isinstance(xobjects, dict):
        for ref in xobjects.values():
            stream = resolve1(ref)
            if isinstance(stream, PDFStream) and _name(stream.attrs.get("Subtype")) == "Form":
                yield from _fonts(resolve1(stream.attrs.get("Resources")), depth + 1)


def _font_names(font: dict[str, Any]) -> set[str]:
    """The names pdfminer may give the characters of ``font``: its BaseFont, and the
    FontName of its descriptor (a composite font's: its descendant's), each as pdfminer
    decodes a name."""
    from pdfminer.pdftypes import resolve1

    names: set[str] = set()
    descendants = resolve1(font.get("DescendantFonts"))
    parts = [font]
    if isinstance(descendants, list) and descendants:
        first = resolve1(descendants[0])
        if isinstance(first, dict):
            parts.append(first)
    for part in parts:
        descriptor = resolve1(part.get("FontDescriptor"))
        for value in (
            part.get("BaseFont"),
            descriptor.get("FontName") if isinstance(descriptor, dict) else None,
        ):
            names |= _decoded_names(resolve1(value))
    return names or {"unknown"}


def _decoded_names(value: Any) -> set[str]:
    raw = getattr(value, "name", value)
    if isinstance(raw, str):
        return {raw}
    if not isinstance(raw, bytes):
        return set()
    out = {str(raw), raw.decode("latin-1")}
    with contextlib.suppress(UnicodeDecodeError):
        out.add(raw.decode("utf-8"))
    return out


def distrust(font: dict[str, Any]) -> str | None:
    """Why the text of ``font`` (a font dictionary) cannot be trusted, or None when it can:
    a ToUnicode map, a predefined CMap, or a simple font with a standard encoding (or not
    embedded) maps its codes to characters; anything else is a guess by the extractor."""
    from pdfminer.pdftypes import PDFStream, resolve1

    if isinstance(resolve1(font.get("ToUnicode")), PDFStream):
        return None
    subtype = _name(resolve1(font.get("Subtype")))
    encoding = resolve1(font.get("Encoding"))
    if subtype == "Type0":
        name = _name(encoding)
        if not name or name in _IDENTITY:
            how = name or "an embedded CMap"
            return f"a composite font encoded {how} without a ToUnicode map"
        # A predefined CMap (UniGB-UCS2-H, GBK-EUC-H …) maps codes to characters of the
        # character collection its descendant names: one the extractor knows, or nothing.
        descendants = resolve1(font.get("DescendantFonts"))
        first = resolve1(descendants[0]) if isinstance(descendants, list) and descendants else None
        info = resolve1(first.get("CIDSystemInfo")) if isinstance(first, dict) else None
        registry = resolve1(info.get("Registry")) if isinstance(info, dict) else None
        ordering = resolve1(info.get("Ordering")) if isinstance(info, dict) else None
        if registry != b"Adobe" or ordering not in _ORDERINGS:
            return (
                f"a composite font encoded {name} whose character collection cannot be read "
                f"(Registry {_printable(registry)}, Ordering {_printable(ordering)})"
            )
        return None
    if subtype == "Type3":
        return "a Type 3 font without a ToUnicode map"
    descriptor = resolve1(font.get("FontDescriptor"))
    embedded = isinstance(descriptor, dict) and any(k in descriptor for k in _FONT_FILES)
    name = _name(encoding)
    if name in _STANDARD_ENCODINGS:
        return None
    if not embedded and encoding is None:
        return None  # a standard font by name, read by its glyph names
    how = "a custom encoding" if encoding is not None else "its built-in encoding"
    return f"an embedded font with {how} and no ToUnicode map"


def _untrusted(page: Page) -> tuple[dict[str, str], set[str]]:
    """The fonts of a page whose text cannot be trusted, by name, with the cause; and the
    names of its fonts (a character of a font not among them is not trusted either)."""
    from pdfminer.pdftypes import resolve1

    out: dict[str, str] = {}
    trusted: set[str] = set()
    for name, font in _fonts(resolve1(page.page_obj.resources) or {}):
        cause = distrust(font)
        if cause is None:
            trusted.add(name)
        else:
            out[name] = cause
    for name in trusted & set(out):  # one name, two dictionaries: trust neither
        out[name] += " (another font of the same name has one)"
    return out, trusted | set(out)


# --- characters into lines --------------------------------------------------------------------

Box = tuple[float, float, float, float]


class _Line:
    __slots__ = ("bottom", "chars", "size", "text", "top", "x0", "x1")

    def __init__(self, chars: list[dict[str, Any]]) -> None:
        chars.sort(key=lambda c: c["x0"])
        self.chars = chars
        self.x0 = chars[0]["x0"]
        self.x1 = max(c["x1"] for c in chars)
        self.top = min(c["top"] for c in chars)
        self.bottom = max(c["bottom"] for c in chars)
        self.size = max(c["size"] for c in chars)
        parts: list[str] = []
        previous = None
        for c in chars:
            if previous is not None and c["x0"] - previous > SPACE_GAP:
                parts.append(" ")
            parts.append(c["text"])
            previous = c["x1"]
        self.text = " ".join("".join(parts).split())


def _lines(chars: list[dict[str, Any]]) -> list[_Line]:
    """Characters as lines, top to bottom: a character whose vertical centre is within
    0.4 of its size of a line's first character's centre is on that line."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: c["top"] + c["bottom"])
    lines: list[list[dict[str, Any]]] = []
    centre = -1e9
    for c in ordered:
        middle = (c["top"] + c["bottom"]) / 2
        if middle - centre > 0.4 * max(c["size"], 1.0) or not lines:
            lines.append([c])
            centre = middle
        else:
            lines[-1].append(c)
    out = [_Line(group) for group in lines]
    return [line for line in out if line.text]


# --- a page: tables, frames, prose ------------------------------------------------------------


class _Cell:
    """A cell of a table's grid: its slots and box, and its characters."""

    __slots__ = ("box", "c0", "c1", "chars", "page", "r0", "r1", "text")

    def __init__(self, box: Box, page: int) -> None:
        self.box = box
        self.page = page
        self.r0 = self.r1 = self.c0 = self.c1 = 0
        self.chars: list[dict[str, Any]] = []
        self.text = ""


class _Table:
    """A ruled table of a page: its cells on a grid of ``rows`` x ``columns`` slots."""

    def __init__(self, page: int, bbox: Box, boxes: Sequence[Box]) -> None:
        self.page = page
        self.bbox = bbox
        self.xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
        self.ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
        self.cells: list[_Cell] = []
        for box in boxes:
            cell = _Cell(box, page)
            cell.c0, cell.c1 = _slot(self.xs, box[0]), _slot(self.xs, box[2])
            cell.r0, cell.r1 = _slot(self.ys, box[1]), _slot(self.ys, box[3])
            if cell.c1 > cell.c0 and cell.r1 > cell.r0:
                self.cells.append(cell)
        self.cells.sort(key=lambda c: (c.r0, c.c0))
        self.columns = len(self.xs) - 1
        self.rows = len(self.ys) - 1
        self._slots: dict[tuple[int, int], _Cell] = {}
        self.reslot()

    def reslot(self) -> None:
        """Map every slot to the cell covering it, again (after cells changed)."""
        self._slots.clear()
        for cell in self.cells:
            for r in range(cell.r0, cell.r1):
                for c in range(cell.c0, cell.c1):
                    self._slots[r, c] = cell

    def cell_at(self, x: float, y: float) -> _Cell | None:
        """The cell at a point of the table (one just outside its outline, as punctuation
        hanging over a frame's edge, is in the cell at the edge)."""
        x = min(max(x, self.xs[0]), self.xs[-1] - 0.01)
        y = min(max(y, self.ys[0]), self.ys[-1] - 0.01)
        r = bisect.bisect_right(self.ys, y) - 1
        c = bisect.bisect_right(self.xs, x) - 1
        return self._slots.get((r, c))

    def holds(self, x: float, y: float, slack: float) -> bool:
        """Whether a point is inside the table's outline, or within ``slack`` of its sides."""
        x0, top, x1, bottom = self.bbox
        return x0 - slack <= x <= x1 + slack and top <= y <= bottom

    def covered(self) -> float:
        """The share of the table's outline its cells cover."""
        x0, top, x1, bottom = self.bbox
        area = (x1 - x0) * (bottom - top)
        cells = sum((b[2] - b[0]) * (b[3] - b[1]) for b in (c.box for c in self.cells))
        return cells / area if area > 0 else 1.0


def _edges(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _EDGE:
            out.append(v)
    return out


def _slot(edges: list[float], value: float) -> int:
    i = bisect.bisect_left(edges, value - _EDGE)
    return min(i, len(edges) - 1)


def _find_tables(page: Page, number: int) -> list[_Table]:
    tables = []
    for found in page.find_tables():
        table = _Table(number, found.bbox, found.cells)
        if table.covered() < 0.98:  # a hole inside the outline: a border not drawn
            outline = {
                "object_type": "rect",
                "x0": found.bbox[0],
                "top": found.bbox[1],
                "x1": found.bbox[2],
                "bottom": found.bbox[3],
                "width": found.bbox[2] - found.bbox[0],
                "height": found.bbox[3] - found.bbox[1],
                "y0": float(page.height) - found.bbox[3],
                "y1": float(page.height) - found.bbox[1],
                "doctop": float(page.initial_doctop) + found.bbox[1],
            }
            settings = {
                "explicit_vertical_lines": [outline],
                "explicit_horizontal_lines": [outline],
            }
            again = [t for t in page.find_tables(settings) if _inside(t.bbox, found.bbox)]
            if len(again) == 1:
                table = _Table(number, again[0].bbox, again[0].cells)
        tables.append(table)
    return tables


def _inside(box: Box, outer: Box) -> bool:
    return (
        box[0] >= outer[0] - _EDGE
        and box[1] >= outer[1] - _EDGE
        and box[2] <= outer[2] + _EDGE
        and box[3] <= outer[3] + _EDGE
    )


class _Prose:
    """A line of prose with its page and the margins of the text it is part of."""

    __slots__ = ("left", "line", "page", "right")

    def __init__(self, line: _Line, page: int, left: float, right: float) -> None:
        self.line, self.page, self.left, self.right = line, page, left, right

    def indented(self) -> bool:
        return bool(self.line.x0 - self.left > 0.8 * self.line.size)

    def short(self) -> bool:
        return bool(self.right - self.line.x1 > 1.5 * self.line.size)


class _Reader:
    def __init__(self) -> None:
        self.builder = Builder("pdf")
        self.boxes: list[tuple[int, Box, str]] = []
        self.prose: set[int] = set()
        self.lines: list[_Prose] = []  # prose lines waiting to be joined
        self.lines_prose = True  # whether the waiting lines are prose (else full-width rows)
        self.diagnostics: list[Diagnostic] = []

    # prose

    def add(self, lines: list[_Prose], *, prose: bool) -> None:
        """Lines to join into paragraphs: prose, or rows printed across a table."""
        if not lines:
            return
        if prose != self.lines_prose:
            self.flush_lines()
        self.lines_prose = prose
        self.lines.extend(lines)

    def add_lines(self, lines: list[_Line], page: int, *, prose: bool) -> None:
        """Lines of one block of text (a frame), its margins theirs."""
        if lines:
            left = min(line.x0 for line in lines)
            right = max(line.x1 for line in lines)
            self.add([_Prose(line, page, left, right) for line in lines], prose=prose)

    def flush_lines(self) -> None:
        paragraph: list[_Prose] = []
        for item in self.lines:
            if paragraph and (item.indented() or paragraph[-1].short()):
                self.paragraph(paragraph)
                paragraph = []
            paragraph.append(item)
        if paragraph:
            self.paragraph(paragraph)
        self.lines = []

    def paragraph(self, lines: list[_Prose]) -> None:
        text = join_lines([p.line.text for p in lines])
        first = [p for p in lines if p.page == lines[0].page]
        box = (
            min(p.line.x0 for p in first),
            min(p.line.top for p in first),
            max(p.line.x1 for p in first),
            max(p.line.bottom for p in first),
        )
        builder = self.builder
        if self.lines_prose:
            made = builder.prose(text, ())
            if made is None:
                return
            self.prose.add(made.at)
        else:
            at = builder.place(-1, 0, 1, ())
            builder.paragraphs.append(Paragraph(text, at))
        self.boxes.append((lines[0].page, box, text))

    # tables

    def table(self, table: _Table) -> None:
        """A table of several columns: its rows printed across the whole table are
        paragraphs (prose when they run before a section heading at the table's top or from one
        at its foot, as in a frame around a page; otherwise rows of the table: a caption), the
        others rows of cells."""
        rows: dict[int, list[_Cell]] = {}
        for cell in table.cells:
            rows.setdefault(cell.r0, []).append(cell)
        order = sorted(rows)
        wide = [
            len(rows[r]) == 1 and rows[r][0].c0 == 0 and rows[r][0].c1 == table.columns
            for r in order
        ]
        texts = [rows[r][0].text if w else "" for r, w in zip(order, wide, strict=True)]
        lead = next((i for i, w in enumerate(wide) if not w), len(wide))
        prose_until = max((i + 1 for i in range(lead) if is_heading(texts[i])), default=0)
        tail = next((i for i in range(len(wide) - 1, -1, -1) if not wide[i]), -1) + 1
        prose_from = next((i for i in range(tail, len(wide)) if is_heading(texts[i])), len(wide))
        wide_lines = [
            line for r, w in zip(order, wide, strict=True) if w for line in _lines(rows[r][0].chars)
        ]
        left = min((line.x0 for line in wide_lines), default=0.0)
        right = max((line.x1 for line in wide_lines), default=0.0)
        segment: list[_Cell] = []
        for i, r in enumerate(order):
            if not wide[i]:
                if not segment:
                    self.flush_lines()
                segment.extend(rows[r])
                continue
            if segment:
                self.rows(segment)
                segment = []
            prose = i < prose_until or i >= prose_from
            cell = rows[r][0]
            lines = [_Prose(line, cell.page, left, right) for line in _lines(cell.chars)]
            self.add(lines, prose=prose)
        if segment:
            self.flush_lines()
            self.rows(segment)

    def rows(self, cells: list[_Cell]) -> None:
        if not cells:
            return
        by_row: dict[int, list[_Cell]] = {}
        for cell in cells:
            by_row.setdefault(cell.r0, []).append(cell)
        first = min(by_row)
        raw_rows: list[RawRow] = []
        boxes = self.boxes
        for r in range(first, max(by_row) + 1):
            row = sorted(by_row.get(r, ()), key=lambda c: c.c0)
            layouts = []
            column = 0
            for cell in row:
                layouts.append((cell.r1 - cell.r0, cell.c1 - cell.c0, max(cell.c0 - column, 0)))
                boxes.append((cell.page, cell.box, cell.text))
                column = cell.c1
            raw_rows.append(RawRow([c.text for c in row], [()] * len(row), None, layouts))
        self.builder.table(raw_rows)

    def document(self) -> PdfDocument:
        self.flush_lines()
        builder = self.builder
        if len(self.boxes) != len(builder.places):  # every place has its box
            raise AssertionError("a place without its box")
        return PdfDocument(builder.paragraphs, self.boxes, self.prose, self.diagnostics)


def _text(chars: list[dict[str, Any]]) -> str:
    lines = _lines(chars)
    return join_lines([line.text for line in lines]) if lines else ""


def _distrusted(
    chars: list[dict[str, Any]], untrusted: dict[str, str], known: set[str]
) -> dict[str, int]:
    """Replace in place the text of every character of an untrusted font with U+FFFD; the
    number of characters replaced, by font."""
    counts: dict[str, int] = {}
    for c in chars:
        font = c.get("fontname", "unknown")
        text = c["text"]
        if font not in untrusted:
            if font not in known:
                untrusted[font] = "not among the fonts the page declares"
            elif text[:5] == "(cid:" or _UNREADABLE in text:
                # the extractor found no character for a code: whatever the font says
                untrusted[font] = "a font printing codes that have no character ((cid:N))"
            else:
                continue
        if not text.isspace():
            c["text"] = _UNREADABLE
            counts[font] = counts.get(font, 0) + 1
    return counts


def _dedupe(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``chars`` without the copies of a character printed over itself (within
    :data:`_OVERPRINT` points: bold made by printing twice, as word processors do), which
    would otherwise read "44" for a bold "4"; in order."""
    groups: dict[str, list[int]] = {}
    for i, c in enumerate(chars):
        groups.setdefault(c["text"], []).append(i)
    copies: set[int] = set()
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        indexes.sort(key=lambda i: chars[i]["top"])
        window: list[dict[str, Any]] = []
        for i in indexes:
            c = chars[i]
            window = [k for k in window if c["top"] - k["top"] <= _OVERPRINT]
            if any(abs(c["x0"] - k["x0"]) <= _OVERPRINT for k in window):
                copies.add(i)
            else:
                window.append(c)
    if not copies:
        return chars
    return [c for i, c in enumerate(chars) if i not in copies]


def _continues(before: _Table, after: _Table) -> bool:
    """Whether ``after``, a page's first table, continues ``before``, the last table of the
    page before: the same columns (their inner edges, within :data:`_STITCH` points)."""
    if before.columns != after.columns or before.columns < 2:
        return False
    return all(abs(a - b) <= _STITCH for a, b in zip(before.xs[1:-1], after.xs[1:-1], strict=True))


def _stitch(before: _Table, after: _Table) -> None:
    """Append ``after``'s rows to ``before``; where ``after``'s first row starts under a
    label cell reaching the foot of ``before`` (in the label columns before the row's own
    label), it continues that cell: an empty slot, or text that does not begin a label (an
    enumerator)."""
    offset = before.rows
    last = offset - 1
    top = sorted((c for c in after.cells if c.r0 == 0), key=lambda c: c.c0)
    labels: list[_Cell] = []
    for cell in top:
        if _HAS_DIGIT.search(cell.text) and not _ENUMERATOR.match(cell.text):
            break
        labels.append(cell)
    merged: set[int] = set()
    for cell in labels[:-1]:  # the last is the row's own label
        above = before._slots.get((last, cell.c0))
        if (
            above is None
            or above.c0 != cell.c0
            or above.c1 != cell.c1
            or above.r1 != before.rows
            or not above.text
            or (_HAS_DIGIT.search(above.text) and not _ENUMERATOR.match(above.text))
        ):
            continue
        if cell.text and _ENUMERATOR.match(cell.text):
            continue  # a label of its own
        above.r1 = offset + cell.r1
        if cell.text:
            above.text = join_lines([above.text, cell.text])
        merged.add(id(cell))
    for cell in after.cells:
        if id(cell) in merged:
            continue
        cell.r0 += offset
        cell.r1 += offset
        before.cells.append(cell)
    before.rows += after.rows
    before.cells.sort(key=lambda c: (c.r0, c.c0))
    before.reslot()


def document(data: bytes) -> PdfDocument:
    """The document of a PDF file's bytes. Raises :class:`ReadError` for a PDF that cannot be
    opened (a user password, damage), that passes a bound, or that has no text at all, and
    :class:`UnsupportedInput` without the extra ``pdf``."""
    pdf = _open(data)
    try:
        return _read(pdf)
    except ReadError:
        raise
    except Exception as exc:  # pdfminer fails in many ways on damaged files
        raise ReadError(f"not a readable PDF: damaged or truncated ({_describe(exc)})") from None
    finally:
        # Closing reads the page tree if the reading did not get that far, and so can fail
        # as the reading would have: what is closed is gone, and the answer stands.
        with contextlib.suppress(Exception):
            pdf.close()


def _read(pdf: PDF) -> PdfDocument:
    reader = _Reader()
    if pdf.doc.encryption is not None:
        reader.diagnostics.append(
            Diagnostic(
                severity=Severity.NOTE,
                message="the PDF is encrypted with an owner password only (its use is "
                "restricted, as is common for government files): read with the empty user "
                "password",
            )
        )
    pages = pdf.pages
    if len(pages) > MAX_PAGES:
        raise ReadError(
            f"expected a report of at most {MAX_PAGES:,} pages, found a PDF of {len(pages):,}"
        )
    total = trusted = untrusted_total = 0
    textless: list[int] = []
    items_by_page: list[list[tuple[float, object]]] = []
    for number, page in enumerate(pages, 1):
        _bounded(page, number)
        printed = page.chars
        chars = _dedupe(printed)
        if len(chars) < len(printed):
            copies = len(printed) - len(chars)
            reader.diagnostics.append(
                Diagnostic(
                    severity=Severity.NOTE,
                    message=f"page {number}: {copies} character{'s are' if copies > 1 else ' is'} "
                    "printed over a copy of itself (bold by overprinting): read once",
                )
            )
        total += len(chars)
        if total > MAX_CHARS:
            raise ReadError(
                f"expected a report, found more than {MAX_CHARS:,} characters by page {number}"
            )
        if not any(c["text"].strip() for c in chars):
            textless.append(number)
            items_by_page.append([])
            continue
        untrusted, known = _untrusted(page)
        replaced = _distrusted(chars, untrusted, known)
        untrusted_total += sum(replaced.values())
        trusted += sum(1 for c in chars if c["text"].strip() and c["text"] != _UNREADABLE)
        for font, count in replaced.items():
            reader.diagnostics.append(
                Diagnostic(
                    severity=Severity.ERROR,
                    message=f"page {number}: the font {font} is {untrusted[font]}: its "
                    f"{count} character{'s' if count > 1 else ''} cannot be trusted and "
                    "are not read (as U+FFFD; the cells holding them are unread)",
                    source=PageBoxSource(
                        page=number,
                        box=(0.0, 0.0, float(page.width), float(page.height)),
                        text="",
                    ),
                )
            )
        items_by_page.append(_page_items(page, number, chars))
    if trusted == 0 and untrusted_total:
        first = next(d for d in reader.diagnostics if d.severity is Severity.ERROR)
        raise ReadError(f"no text of the PDF can be trusted: {first.message}", first.source)
    if len(textless) == len(pages):
        raise ReadError(
            f"the PDF has no text layer on any of its {len(pages)} page"
            f"{'s' if len(pages) != 1 else ''} (a scan?): reading scans (OCR) is out of scope; "
            "run OCR first and read its text"
        )
    for number in textless:
        reader.diagnostics.append(
            Diagnostic(
                severity=Severity.WARNING,
                message=f"page {number} has no text layer (a scan or a picture): nothing on it "
                "is read (reading scans, OCR, is out of scope)",
            )
        )
    _in_order(reader, items_by_page)
    return reader.document()


def _page_items(page: Page, number: int, chars: list[dict[str, Any]]) -> list[tuple[float, object]]:
    """The page's tables and prose lines, by their tops."""
    tables = _find_tables(page, number)
    loose: list[dict[str, Any]] = []
    for c in chars:
        x = (c["x0"] + c["x1"]) / 2
        y = (c["top"] + c["bottom"]) / 2
        for table in tables:
            if table.holds(x, y, min((c["x1"] - c["x0"]) / 2, 8.0)):
                cell = table.cell_at(x, y)
                if cell is not None:
                    cell.chars.append(c)
                    break
        else:
            loose.append(c)
    items: list[tuple[float, object]] = []
    for table in tables:
        for cell in table.cells:
            cell.text = _text(cell.chars)
        items.append((table.bbox[1], table))
    lines = [line for line in _lines(loose) if not _PAGE_MARKER.fullmatch(line.text)]
    if lines:
        left = min(line.x0 for line in lines)
        right = max(line.x1 for line in lines)
        for line in lines:
            items.append((line.top, _Prose(line, number, left, right)))
    items.sort(key=lambda item: item[0])
    return items


def _in_order(reader: _Reader, pages: list[list[tuple[float, object]]]) -> None:
    """The pages' items in reading order, a table continued on the next page stitched."""
    pending: _Table | None = None
    for items in pages:
        for k, (_, item) in enumerate(items):
            if isinstance(item, _Table):
                if pending is not None and k == 0 and _continues(pending, item):
                    _stitch(pending, item)
                    continue
                if pending is not None:
                    _emit(reader, pending)
                pending = item
                continue
            if pending is not None:
                _emit(reader, pending)
                pending = None
            assert isinstance(item, _Prose)
            reader.add([item], prose=True)
        if pending is not None and items and items[-1][1] is not pending:
            _emit(reader, pending)
            pending = None
    if pending is not None:
        _emit(reader, pending)


_NUMBER: Final = re.compile(r"[\s0-9０-９.,，+\-－%]*[0-9０-９][\s0-9０-９.,，+\-－%]*")


def _spread_labels(table: _Table) -> None:
    """An empty cell in a label column (one whose cells hold text, never a number), just
    right of a label in the same row and left of the row's numbers, is part of that label's
    cell: a row label printed in a cell drawn as two ("（六）其他处理" beside the empty slot of
    the sub-rows' labels), not a blank value."""
    numbers = {c.c0 for c in table.cells if c.text and _NUMBER.fullmatch(c.text)}
    words = {c.c0 for c in table.cells if c.text and not _NUMBER.fullmatch(c.text)}
    labels = words - numbers
    if not labels:
        return
    by_place = {(c.r0, c.r1, c.c1): c for c in table.cells}
    # the rows that print a number, and the first column they print it in
    valued: dict[int, int] = {}
    for c in table.cells:
        if c.text and _NUMBER.fullmatch(c.text):
            valued[c.r0] = min(valued.get(c.r0, c.c0), c.c0)
    gone: set[int] = set()
    for cell in sorted(table.cells, key=lambda c: c.c0):
        if cell.text or cell.c0 not in labels or valued.get(cell.r0, -1) < cell.c1:
            continue  # only an empty slot between a label and the row's numbers
        left = by_place.get((cell.r0, cell.r1, cell.c0))
        if left is None or id(left) in gone or not left.text or _NUMBER.fullmatch(left.text):
            continue
        del by_place[(left.r0, left.r1, left.c1)]
        left.c1 = cell.c1
        by_place[(left.r0, left.r1, left.c1)] = left
        gone.add(id(cell))
    if gone:
        table.cells = [c for c in table.cells if id(c) not in gone]
        table.reslot()


def _emit(reader: _Reader, table: _Table) -> None:
    _spread_labels(table)
    if table.columns < 2:  # a frame around prose
        chars = [c for cell in table.cells for c in cell.chars]
        lines = _lines(chars)
        lines = [line for line in lines if not _PAGE_MARKER.fullmatch(line.text)]
        reader.add_lines(lines, table.page, prose=True)
        return
    reader.table(table)
