"""The HTML front-end: a report page as a :class:`~govinfo.formats._document.CellDocument`.

The page, decoded by the pipeline, is parsed by selectolax's Lexbor engine (the HTML standard's
tree building, so missing end tags, missing ``<tbody>``, stray tags and a ``<td>`` before the
first ``<tr>`` build the tree a browser builds). Then:

- what is never content is skipped (not removed, so every XPath names the page as
  published): ``<head>``, scripts, styles, form controls, navigation, headers, footers,
  frames, and elements whose class or id names share buttons, breadcrumbs or toolbars;
- text is read as a browser lays it out: runs of whitespace (``&nbsp;`` and the ideographic
  space too) are one space, inline elements join without a space, and a block element or a
  ``<br>`` ends a line; the lines of one cell join without a space between two Chinese
  characters (自/然/人 is 自然人) and with one otherwise. A cell with no line end inside
  (most: one ``<p>``) gets its text from the parser in one call; the others, found by one
  query of the whole page, node by node;
- every line outside tables is a paragraph; every ``<table>`` is a table, its rows its
  ``<tr>``, their cells ``<td>`` and ``<th>`` (header cells) with their spans (read
  leniently, see :func:`~govinfo.formats._tables.span_number`). A table inside a cell is part
  of that cell's text, unless the outer table is a layout table (one cell a row), whose cells
  are read as the page around it.

The report is the smallest element that holds every section heading found (一、总体情况 …): what
lies outside it is page chrome. From the chrome, the page's title (``<h1>``, else ``<title>``)
and its publication line (发布时间, 成文日期) are kept for a report that prints neither.
Every cell's source names its table, row and column, and its element by XPath.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Final

from govinfo.errors import ReadError
from govinfo.formats._assemble import is_heading, title_metadata
from govinfo.formats._chrome import published
from govinfo.formats._document import CellDocument, Paragraph
from govinfo.formats._tables import (
    ONE,
    Builder,
    Element,
    Lines,
    RawRow,
    collapse,
    join_lines,
    span_number,
)
from govinfo.template import SECTIONS

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["MAX_DEPTH", "document"]

# What is never content. (Not <form>: some sites wrap the whole page in one.)
_CHROME_TAGS: Final = frozenset(
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
        "button",
        "select",
        "textarea",
        "input",
        "map",
        "audio",
        "video",
    ]
)
# The chrome elements that hold text: found first, so that an inline element or a cell that
# holds one is read node by node (the others are skipped where the walk meets them). Found by
# tag name, not by a CSS query: a selector more costs the query a pass over the page, and a
# search by tag name costs a few times less. (And <head>: the parser keeps its one head. Not
# <template>: its content is not in the tree, so no text around it holds any.)
_CHROME_TEXT: Final = (
    "script",
    "style",
    "noscript",
    "textarea",
    "select",
    "button",
)
_CHROME_WORDS: Final = ("share", "crumb", "toolbar", "jiathis")
_CHROME_MARKS: Final = ", ".join(
    f"[{attribute}*={word} i]" for word in _CHROME_WORDS for attribute in ("class", "id")
)
_NAMED: Final = "[class], [id]"
_WORD_BYTES: Final = tuple(word.encode() for word in _CHROME_WORDS)
_NAMED_SHARE: Final = 40
"""Elements with a class or an id are told in Python when there are at most one for this many
``<`` of the page: each costs 1.8 µs, where the query of the words (eight selectors, a test
of each on every element) costs 40 ns for each ``<``, about half an element."""
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
        "form",
    ]
)
_CELLS: Final = frozenset(("td", "th"))
_STEPS: Final = 64
# The last steps of the XPaths of a row's first cells: /td[1] ...
_TD_STEPS: Final = [f"/td[{n}]" for n in range(_STEPS)]
_TH_STEPS: Final = [f"/th[{n}]" for n in range(_STEPS)]
_ROW_GROUPS: Final = frozenset(("thead", "tbody", "tfoot"))

MAX_DEPTH: Final = 4096
"""Elements may nest at most this deep: no report comes near it, and the parser's time grows
with the square of the depth (100 KB of nested ``<div>`` take it a quarter of a second)."""
_TAG: Final = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
# Elements whose end tag may be left out, and void ones: they do not deepen a real page.
_SHALLOW: Final = frozenset(
    [
        "p",
        "li",
        "dt",
        "dd",
        "td",
        "th",
        "tr",
        "tbody",
        "thead",
        "tfoot",
        "option",
        "optgroup",
        "colgroup",
        "caption",
        "rb",
        "rt",
        "rp",
        "html",
        "head",
        "body",
        "br",
        "img",
        "hr",
        "meta",
        "link",
        "input",
        "col",
        "area",
        "base",
        "embed",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


def _check_depth(text: str) -> None:
    """Raise :class:`ReadError` for a page nested deeper than :data:`MAX_DEPTH`."""
    depth = 0
    for found in _TAG.finditer(text):
        tag = found.group(2).lower()
        if tag in _SHALLOW:
            continue
        step = 4 if tag == "table" else 1  # a table in a cell is 4 deeper: table tbody tr td
        if found.group(1):
            depth = max(depth - step, 0)
        else:
            depth += step
            if depth > MAX_DEPTH:
                raise ReadError(
                    f"expected a report page, found elements nested more than {MAX_DEPTH:,} "
                    f"deep (at character {found.start():,})"
                )


def _cell_lines(cell: LexborNode, chrome: set[int]) -> str:
    """The text of a cell that has line ends in it (see :func:`_complex_cells`): its lines,
    ended by ``<br>``, blocks and a nested table's cells, joined by :func:`join_lines`."""
    lines = Lines()
    stack: list[LexborNode | None] = [cell]
    while stack:
        node = stack.pop()
        if node is None:  # the end of a block
            lines.end()
            continue
        tag = node.tag
        if tag == "-text":
            lines.add(node.text_content or "")
        elif not tag or tag[0] == "-" or tag in _CHROME_TAGS or node.mem_id in chrome:
            continue
        elif tag == "br":
            lines.end()
        else:
            if node is not cell and (tag in _BLOCKS or tag in _CELLS):
                lines.end()
                stack.append(None)
            stack.extend(reversed([c for c, _, _, _ in _children(node, "")]))
    parts = lines.take()
    return join_lines(parts) if parts else ""


# What makes a cell's text more than its text nodes run together: a line end inside it, a
# <br>, a nested table or a list item (so are two blocks among its children: _two_blocks).


def _two_blocks(cell: LexborNode) -> bool:
    """Whether two of a cell's children are blocks (two lines)."""
    child = cell.first_child
    if child is None or child.next is None:  # most cells: one paragraph
        return False
    count = 0
    while child is not None:
        if child.tag in _BLOCKS:
            count += 1
        child = child.next
    return count > 1


def _complex_cells(tree: LexborHTMLParser, ends: list[LexborNode]) -> set[int]:
    """The cells (by ``mem_id``) whose text has a line end in it (one of ``ends``: the page's
    ``<br>`` and tables; or a list item) or chrome (in ``ends`` too): read node by node. Every
    other cell's text is its text nodes run together, which the parser gives in one call."""
    cells = _cell_tags()
    out: set[int] = set()
    # Every list item, by tag name: a third of the cost of a query of the ones in cells.
    for found in [*ends, *tree.tags("li")]:
        node = found.parent
        while node is not None:  # every cell around it (a nested table's, and its table's)
            if node.tag_id in cells:
                out.add(node.mem_id)
            node = node.parent
    return out


def _holders(nodes: list[LexborNode]) -> set[int]:
    """The elements that hold one of ``nodes`` (a table, or chrome), by ``mem_id``: the walk
    goes into these and reads every other element's text whole."""
    out: set[int] = set()
    for found in nodes:
        node = found.parent
        while node is not None and node.mem_id not in out:
            out.add(node.mem_id)
            node = node.parent
    return out


class _Reader:
    def __init__(
        self,
        holders: set[int],
        layouts: set[int],
        chrome: set[int],
        complex_cells: set[int],
        spanned: dict[int, tuple[int, int, int]],
        builder: Builder,
    ) -> None:
        self.builder = builder
        self.chrome = chrome
        self.layouts = layouts
        """The tables that hold a table: a layout table among them is read as the page."""
        self.complex = complex_cells
        self.spanned = spanned
        """The layout of each cell that has a span attribute, by ``mem_id``: (rows,
        columns, 0)."""
        self.lines = Lines()
        self.line_path = ""
        self.holders = holders
        self.spans: dict[int, tuple[int, int]] = {}  # element id -> its paragraphs [start, end)

    def flush(self) -> None:
        lines = self.lines
        if lines.parts or lines.done:  # most block ends have nothing to flush
            for line in lines.take():
                self.builder.prose(line, (self.line_path,))

    def walk(self, root: LexborNode, path: str) -> None:
        """Read ``root``'s content, prose and tables, in order: into every block and every
        element that holds a table, a ``<br>`` or chrome; any other (inline) element's text at
        once."""
        # Work: (node, its tag, its path, None) for a node to read, and (its mem_id, its tag,
        # the path to return to, the number of paragraphs before it) for the end of an element
        # walked into.
        stack: list[tuple[LexborNode, str, str, None] | tuple[int, str, str, int]] = [
            (root, root.tag or "", path, None)
        ]
        paragraphs = self.builder.paragraphs
        holders, spans, chrome, layouts = self.holders, self.spans, self.chrome, self.layouts
        while stack:
            work = stack.pop()
            if work[3] is not None:  # the end of an element walked into
                ended, tag, where, before = work
                if tag in _BLOCKS:
                    self.flush()
                spans[ended] = (before, len(paragraphs))
                self.line_path = where
                continue
            node, tag, where, _ = work
            if tag == "-text":
                self.lines.add(node.text_content or "")
                continue
            ident = node.mem_id
            if tag in _CHROME_TAGS or ident in chrome:
                continue
            if tag == "br":
                self.lines.end()
            elif tag == "table" and not (ident in layouts and _is_layout(node)):
                self.flush()
                self.table(node, where)
            elif tag in _BLOCKS or ident in holders:
                if tag in _BLOCKS:
                    self.flush()
                stack.append((ident, tag, self.line_path, len(paragraphs)))
                self.line_path = where
                stack.extend(reversed(_children(node, where)))
            else:  # an inline element with nothing but text inside: its text, at once
                self.lines.add(node.text_lexbor())
        self.flush()

    def table(self, table: LexborNode, path: str) -> None:
        rows: list[RawRow] = []
        complex_cells, spanned, chrome = self.complex, self.spanned, self.chrome
        td, th = _cell_tags()
        # This runs for every cell of every page: tags are told by Lexbor's number (its name
        # is a new str each time), the text is Lexbor's own text content (the text nodes
        # run together, as text() gives them, in one call), collapse() is called only for a
        # text that is not one word, _two_blocks() only for a cell of two children or more,
        # the steps of the cells' XPaths are made once, and a row's headers and spans are
        # listed only when it has one.
        for row, row_path in _rows(table):
            texts: list[str] = []
            elements: list[Element] = []
            headers: list[bool] | None = None
            layouts: list[tuple[int, int, int]] | None = None
            tds = ths = 0
            for cell in row.iter():  # element children only
                tag = cell.tag_id
                if tag == td:
                    tds += 1
                    step = _TD_STEPS[tds] if tds < _STEPS else f"/td[{tds}]"
                elif tag == th:
                    ths += 1
                    step = _TH_STEPS[ths] if ths < _STEPS else f"/th[{ths}]"
                    if headers is None:
                        headers = [False] * len(texts)
                else:
                    continue
                ident = cell.mem_id
                child = cell.first_child
                if ident in complex_cells or (
                    child is not None and child.next is not None and _two_blocks(cell)
                ):
                    text = _cell_lines(cell, chrome)
                else:
                    text = cell.text_lexbor()
                    if not text.isalnum():  # a number or a word has no space to collapse
                        text = collapse(text)
                if spanned and ident in spanned:
                    if layouts is None:
                        layouts = [ONE] * len(texts)
                    layouts.append(spanned[ident])
                elif layouts is not None:
                    layouts.append(ONE)
                if headers is not None:
                    headers.append(tag == th)
                texts.append(text)
                elements.append((path, row_path, step))
            rows.append(RawRow(texts, elements, headers, layouts))
        self.builder.table(rows)


@cache
def _cell_tags() -> tuple[int, int]:
    """Lexbor's numbers of the tags ``td`` and ``th`` (its own, read from a parse)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser("<table><tr><td></td><th></th></tr></table>")
    td, th = (node.tag_id for node in tree.css("td, th"))
    return td, th


def _children(node: LexborNode, path: str) -> list[tuple[LexborNode, str, str, None]]:
    """The element and text children of ``node``, each with its tag and its XPath."""
    out: list[tuple[LexborNode, str, str, None]] = []
    counts: dict[str, int] = {}
    child = node.first_child
    while child is not None:
        tag = child.tag
        if tag == "-text":
            out.append((child, tag, "", None))
        elif tag and tag[0] != "-":
            counts[tag] = n = counts.get(tag, 0) + 1
            out.append((child, tag, f"{path}/{tag}[{n}]", None))
        child = child.next
    return out


def _rows(table: LexborNode) -> list[tuple[LexborNode, str]]:
    """The rows of ``table`` (not of tables inside it), in order, with their XPaths relative
    to the table's."""
    out = []
    for child, tag, child_path, _ in _children(table, ""):
        if tag == "tr":
            out.append((child, child_path))
        elif tag in _ROW_GROUPS:
            out.extend((r, p) for r, t, p, _ in _children(child, child_path) if t == "tr")
    return out


def _is_layout(table: LexborNode) -> bool:
    """A table used for layout: no row has more than one cell (and it holds a table)."""
    rows = _rows(table)
    return bool(rows) and all(
        sum(1 for _, tag, _, _ in _children(row, "") if tag in _CELLS) <= 1 for row, _ in rows
    )


def document(text: str, utf8: bytes | None = None) -> CellDocument:
    """The document of a decoded HTML page; ``utf8``, when given, the bytes whose UTF-8
    decoding is ``text`` (the parser reads UTF-8: it takes those as they are instead of
    encoding ``text`` again; bytes of any other encoding are never given to it). Raises
    :class:`ReadError` for a page nested deeper than :data:`MAX_DEPTH` or a table of too many
    cells."""
    from selectolax.lexbor import LexborDocumentOptions, LexborHTMLParser

    # The UTF-8 bytes' "<" are the text's, and removing them (memchr) costs half a count.
    tags = text.count("<") if utf8 is None else len(utf8) - len(utf8.replace(b"<", b""))
    if tags > MAX_DEPTH:  # fewer tags cannot nest deeper
        _check_depth(text)
    # Without mutation events: in this Lexbor the only ones are an <option>'s, copying it into
    # its <select>'s <selectedcontent>, and a <select> is chrome. They cost a tenth of the parse.
    tree = LexborHTMLParser(
        utf8 if utf8 is not None else text, options=LexborDocumentOptions.WO_EVENTS
    )
    built = Builder("html")
    page_title = _page_title(tree, built)
    # Chrome is skipped, not removed: every XPath names the element of the page as published.
    head = tree.head
    chrome = [] if head is None else [head]
    chrome += [node for tag in _CHROME_TEXT for node in tree.tags(tag)]
    chrome += _marked(tree, tags)
    root = tree.root
    tables = tree.tags("table")
    ends = [*tables, *tree.tags("br"), *chrome]
    reader = _Reader(
        _holders(ends),
        _holders(tables),
        {n.mem_id for n in chrome},
        _complex_cells(tree, ends),
        _spans(tree),
        built,
    )
    if root is not None:
        reader.walk(root, "/html")
    paragraphs = built.paragraphs
    inside = _report_range(reader, paragraphs)
    doc = built.document()
    if inside is not None:
        start, end = inside
        outside = paragraphs[:start] + paragraphs[end:]
        doc.paragraphs = paragraphs[start:end]
        doc.page_date = next(filter(None, (published(p, _whole) for p in outside)), None)
    doc.page_title = page_title
    return doc


def _marked(tree: LexborHTMLParser, tags: int) -> list[LexborNode]:
    """The elements whose class or id names share buttons, breadcrumbs or toolbars (a word of
    :data:`_CHROME_WORDS` in it, ASCII case aside, as ``[class*=share i]`` matches), in a
    page of ``tags`` ``<``: told in Python when few elements have a class or an id, else by
    the query of the words. Never skipped by a search of the page's text for the words: a
    regular expression of alternatives, case aside, has no literal to skip to, and costs 40 ns
    a character where no word is (6 ms for a page of 141 KB)."""
    named = tree.css(_NAMED)
    if len(named) * _NAMED_SHARE > tags:
        return tree.css(_CHROME_MARKS)
    out = []
    seen: set[int] = set()  # the query lists an element once for each selector it matches
    for node in named:
        ident = node.mem_id
        if ident in seen:
            continue
        seen.add(ident)
        attributes = node.attributes
        for name in ("class", "id"):
            value = attributes.get(name)
            # bytes.lower() lowers ASCII only, as the selector's "i" does.
            if value and any(word in value.encode().lower() for word in _WORD_BYTES):
                out.append(node)
                break
    return out


def _spans(tree: LexborHTMLParser) -> dict[int, tuple[int, int, int]]:
    """The layout (rows, columns, 0) of each cell that has a span attribute, by ``mem_id``."""
    out: dict[int, tuple[int, int, int]] = {}
    read: dict[tuple[str | None, str | None], tuple[int, int, int]] = {}  # a page repeats them
    cells = _cell_tags()
    for cell in tree.css("[rowspan], [colspan]"):
        if cell.tag_id not in cells:
            continue
        attributes = cell.attributes
        key = (attributes.get("rowspan"), attributes.get("colspan"))
        layout = read.get(key)
        if layout is None:
            layout = read[key] = (span_number(key[0], zero=True), span_number(key[1]), 0)
        out[cell.mem_id] = layout
    return out


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


def _whole(paragraph: Paragraph, offset: int) -> int:
    """A place inside a paragraph of a page: the paragraph's (its places are whole)."""
    return paragraph.at


def _page_title(tree: object, built: Builder) -> Paragraph | None:
    """The page's ``<h1>`` or ``<title>``, when it names a report year."""
    for selector in ("h1", "title"):
        node = tree.css_first(selector)  # type: ignore[attr-defined]
        if node is None:
            continue
        text = " ".join(node.text(deep=True, separator=" ").split())
        if text and title_metadata(text)[1] is not None:
            at = built.place(0, 0, 1, (f"//{selector}[1]",))
            return Paragraph(text, at)
    return None
