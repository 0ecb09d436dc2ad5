"""The HTML front-end: a report page as a :class:`~govinfo.formats._document.CellDocument`.

The page, decoded by the pipeline, is parsed by selectolax's Lexbor engine (the HTML standard's
tree building, so missing end tags, missing ``<tbody>``, stray tags and a ``<td>`` before the
first ``<tr>`` build the tree a browser builds). Then, in one walk of the tree:

- what is never content is skipped: ``<head>``, scripts, styles, forms, navigation, headers,
  footers, frames, and elements whose class or id names share buttons or breadcrumbs;
- text is read as a browser lays it out: runs of whitespace (``&nbsp;`` and the ideographic
  space too) are one space, inline elements join without a space, and a block element or a
  ``<br>`` ends a line; lines of one cell or paragraph join without a space between two
  Chinese characters (自/然/人 is 自然人) and with one otherwise;
- every line outside tables is a paragraph; every ``<table>`` is a table, its rows its
  ``<tr>``, their cells ``<td>`` and ``<th>`` (header cells) with their spans (read
  leniently, see :func:`~govinfo.formats._tables.span_number`). A table inside a cell is part
  of that cell's text, unless its table is a layout table (one cell a row), whose cells are
  read as the page around it.

The report is the smallest element that holds every section heading found (一、总体情况 …): what
lies outside it is page chrome. From the chrome, the page's title (``<h1>``, else ``<title>``)
and its publication line (发布时间, 成文日期) are kept for a report that prints neither.
Every cell's source names its table, row and column, and its element by XPath.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from govinfo.errors import ReadError
from govinfo.formats._assemble import is_date_line, is_heading, title_metadata
from govinfo.formats._document import CellDocument, Paragraph
from govinfo.formats._tables import Builder, Lines, RawCell, join_lines, span_number
from govinfo.template import SECTIONS

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

__all__ = ["document"]

_SKIPPED: Final = frozenset(
    [
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "svg",
        "canvas",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "textarea",
        "input",
        "map",
        "audio",
        "video",
    ]
)
_BLOCKS: Final = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "section",
        "article",
        "main",
        "center",
        "pre",
        "address",
        "hr",
        "figure",
        "figcaption",
        "caption",
        "tr",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "body",
        "html",
    ]
)
_CELLS: Final = frozenset(("td", "th"))
_CHROME: Final = re.compile(r"share|breadcrumb|crumb|bdshare|jiathis|toolbar", re.IGNORECASE)
_PUBLISHED: Final = re.compile(r"(?:发布时间|发布日期|成文日期|公开日期)\s*[:：]?\s*(\S+)")
_DEPTH: Final = 2000
"""Elements nested deeper than this are read as text, without their structure: no report
nests so deep, and a hostile page must not cost more than its size."""


def _skipped(node: LexborNode, tag: str) -> bool:
    if tag in _SKIPPED:
        return True
    attributes = node.attributes
    marks = (attributes.get("class") or "") + " " + (attributes.get("id") or "")
    return bool(marks.strip()) and _CHROME.search(marks) is not None


def _children(node: LexborNode) -> list[LexborNode]:
    out = []
    child = node.first_child
    while child is not None:
        out.append(child)
        child = child.next
    return out


def _indexed(children: list[LexborNode], base: str) -> list[tuple[LexborNode, str]]:
    """The element children with their XPaths."""
    counts: dict[str, int] = {}
    out = []
    for child in children:
        tag = child.tag
        if tag and tag[0] != "-":
            counts[tag] = counts.get(tag, 0) + 1
            out.append((child, f"{base}/{tag}[{counts[tag]}]"))
        elif tag == "-text":
            out.append((child, ""))
    return out


class _Reader:
    def __init__(self) -> None:
        self.builder = Builder("html")
        self.lines = Lines()
        self.line_path = ""
        self.spans: dict[int, tuple[int, int]] = {}  # element id -> its paragraphs [start, end)

    # --- prose

    def flush(self) -> None:
        for line in self.lines.take():
            self.builder.prose(line, (self.line_path, ""))

    def walk(self, root: LexborNode, path: str) -> None:
        """Read ``root``'s content: prose and tables, in order."""
        # A stack of (node, path, entering); an exit marker closes a block.
        stack: list[tuple[LexborNode, str, int]] = [(root, path, 1)]
        open_ids: list[int] = []
        while stack:
            node, where, entering = stack.pop()
            if not entering:
                if node.tag in _BLOCKS:
                    self.flush()
                ident = node.mem_id
                start = self.spans.get(ident, (0, 0))[0]
                self.spans[ident] = (start, len(self.builder.paragraphs))
                open_ids.pop()
                continue
            tag = node.tag
            if tag == "-text":
                text = node.text_content
                if text:
                    self.lines.add(text)
                continue
            if not tag or tag[0] == "-" or _skipped(node, tag):
                continue
            if tag == "br":
                self.lines.end()
                continue
            if tag in _BLOCKS:
                self.flush()
                self.line_path = where
            if tag == "table" and not _is_layout(node):
                self.flush()
                self.table(node, where)
                continue
            if len(open_ids) >= _DEPTH:
                text = node.text(deep=True, separator="")
                if text:
                    self.lines.add(text)
                continue
            self.spans[node.mem_id] = (len(self.builder.paragraphs), -1)
            open_ids.append(node.mem_id)
            stack.append((node, where, 0))
            for child, child_path in reversed(_indexed(_children(node), where)):
                stack.append((child, child_path, 1))
        self.flush()

    # --- tables

    def table(self, table: LexborNode, path: str) -> None:
        rows: list[list[RawCell]] = []
        for row, row_path in _rows(table, path):
            cells = []
            for cell, cell_path in _indexed(_children(row), row_path):
                tag = cell.tag
                if tag not in _CELLS:
                    continue
                attributes = cell.attributes
                cells.append(
                    RawCell(
                        _cell_text(cell),
                        rows=span_number(attributes.get("rowspan"), zero=True),
                        columns=span_number(attributes.get("colspan")),
                        header=tag == "th",
                        element=(path, cell_path[len(path) :]),
                    )
                )
            rows.append(cells)
        self.builder.table(rows)


def _rows(table: LexborNode, path: str) -> list[tuple[LexborNode, str]]:
    """The rows of ``table`` (not of tables inside it), in order, with their XPaths."""
    out = []
    for child, child_path in _indexed(_children(table), path):
        tag = child.tag
        if tag == "tr":
            out.append((child, child_path))
        elif tag in ("thead", "tbody", "tfoot"):
            out.extend(
                (row, row_path)
                for row, row_path in _indexed(_children(child), child_path)
                if row.tag == "tr"
            )
    return out


def _is_layout(table: LexborNode) -> bool:
    """A table used for layout: no row has more than one cell, and a cell holds a table."""
    rows = _rows(table, "")
    if not rows:
        return False
    for row, _ in rows:
        if sum(1 for c in _children(row) if c.tag in _CELLS) > 1:
            return False
    return table.css_first("td table, th table") is not None


def _cell_text(cell: LexborNode) -> str:
    """The text of a cell: its lines (a ``<br>``, a block, a nested table's rows and cells
    end one) joined by :func:`join_lines`."""
    lines = Lines()
    stack = [cell]
    depth_left = _DEPTH
    while stack:
        node = stack.pop()
        if node is None:  # the end of a block
            lines.end()
            continue
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            if text:
                lines.add(text)
            continue
        if not tag or tag[0] == "-" or _skipped(node, tag):
            continue
        if tag == "br":
            lines.end()
            continue
        block = tag in _BLOCKS or (tag in _CELLS and node is not cell)
        if block:
            lines.end()
            stack.append(None)  # type: ignore[arg-type]
        depth_left -= 1
        if depth_left <= 0:
            lines.add(node.text(deep=True, separator=""))
            continue
        stack.extend(reversed(_children(node)))
    parts = lines.take()
    return join_lines(parts) if parts else ""


def document(text: str) -> CellDocument:
    """The document of a decoded HTML page."""
    try:
        from selectolax.lexbor import LexborHTMLParser
    except ImportError:  # pragma: no cover - a core dependency
        raise ReadError("reading HTML needs selectolax: pip install selectolax") from None
    tree = LexborHTMLParser(text)
    root = tree.root
    if root is None:
        return Builder("html").document()
    reader = _Reader()
    reader.walk(root, "/html")
    built = reader.builder
    paragraphs = built.paragraphs
    inside = _report_range(reader, paragraphs)
    doc = built.document()
    if inside is not None:
        start, end = inside
        outside = paragraphs[:start] + paragraphs[end:]
        doc.paragraphs = paragraphs[start:end]
        doc.page_date = next(filter(None, map(_published, outside)), None)
    doc.page_title = _page_title(tree, built)
    return doc


def _report_range(reader: _Reader, paragraphs: list[Paragraph]) -> tuple[int, int] | None:
    """The paragraphs of the smallest element that holds every section heading found (two
    at least); None when fewer are found (the whole page is read)."""
    found: list[int] = []
    k = 0
    for i, paragraph in enumerate(paragraphs):
        if k < len(SECTIONS) and paragraph.single and is_heading(paragraph.text, k):
            found.append(i)
            k += 1
    if len(found) < 2:
        return None
    first, last = found[0], found[-1]
    best: tuple[int, int] | None = None
    for start, end in reader.spans.values():
        if start <= first and end > last and (best is None or end - start < best[1] - best[0]):
            best = (start, end)
    return best


def _published(paragraph: Paragraph) -> Paragraph | None:
    """The date of a publication line (发布时间：2026-01-16 14:46), at the line's place."""
    found = _PUBLISHED.search(paragraph.text)
    if found is None or is_date_line(found.group(1)) is None:
        return None
    return Paragraph(found.group(1), paragraph.at)


def _page_title(tree: object, built: Builder) -> Paragraph | None:
    """The page's ``<h1>`` or ``<title>``, when it names a report year."""
    for selector in ("h1", "title"):
        node = tree.css_first(selector)  # type: ignore[attr-defined]
        if node is None:
            continue
        text = " ".join(node.text(deep=True, separator=" ").split())
        if text and title_metadata(text)[1] is not None:
            at = built.place(0, 0, 1, (f"//{selector}[1]", ""))
            return Paragraph(text, at)
    return None
