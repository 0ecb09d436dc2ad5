"""The flattened layout: page text whose table rows run their numbers together.

Crawlers, search indexes and "copy all" keep a report page's text but lose its table
structure: each row comes out as its label followed by its numbers with no separator
(``一、本年新收政府信息公开申请数量640020470``), often the whole page on one line. This front-end
cuts such text into the paragraphs and cells the assembler reads, splitting the digit runs
with :mod:`govinfo.formats._solve`:

1. **Told apart** (:func:`is_flat`): a line where a row label of table 3 is directly followed
   by a digit, or a line holding two of its row labels. The official layout (a cell a line)
   and cells apart on a line never are; they are read by :mod:`govinfo.formats._textlex`.
2. **Headings first.** The six section headings are found in order in the text folded as
   labels are (:func:`govinfo.formats._labels.fold`, and without any white space, so a label
   broken by a space or a line break is found), one misprinted heading by the assembler's
   rule (:func:`~govinfo.formats._assemble.misprinted_heading`); a note in brackets after a
   heading (``（有关情况附表）``) belongs to it.
3. **Labels next.** In each table section the template's captions, group labels and row
   labels (and their aliases) are found in order; the enumerator of the next label (the
   "2." of ``00000002.其他…``) is part of that label, not of the digits before it. What
   follows a row label, as far as it is digits, signs, points and units, is that row's
   *run*; white space inside a run is a hard boundary. Table 4's run is what follows its
   header labels.
4. **Splits.** The runs of a table are split together by the solver (token rules and the
   exact identities of the rule catalogue). A cell with one value in every split that
   satisfies them is a cell of its own, at the characters of its digits, with a note for the
   run it was split from; a cell left open is an unread cell at its run, with an error listing
   its candidates and the identities that did not decide it. When no split satisfies every
   identity, an error names those no split satisfies, and only what the token rules alone
   decide is read. A run that no split fits is unread, with an error.
5. **Prose** is cut at white space (and section 一 before its parts, （一）（二）…); the lines
   before section 一 are kept whole (the crawler's header lines, read by the page-chrome
   reader). Text of section 二 outside its tables is prose the template has no place for.

A second source (the previous year's report, the same report in another format) may decide
cells left open: see :func:`govinfo.formats.flat.read_flat`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Final, NamedTuple

from govinfo.diagnostics import Severity
from govinfo.formats._assemble import (
    _ENUMERATOR,
    MISPRINT_SHARE_LABEL,
    UNREAD_KEY,
    misprinted_heading,
    version_by_markers,
)
from govinfo.formats._document import Paragraph, TextDocument
from govinfo.formats._labels import edits, fold, header_keys
from govinfo.formats._solve import (
    RUN_BUDGET,
    TABLE_BUDGET,
    CellKey,
    Equation,
    Hint,
    Outcome,
    Run,
    continuity,
    identities,
    solve,
)
from govinfo.formats._textlex import document as line_document
from govinfo.formats._textlex import uniform
from govinfo.model import Report
from govinfo.template import (
    LABEL_ALIASES,
    SECTIONS,
    ColumnKind,
    GridSpec,
    TemplateSpec,
    TemplateVersion,
    Variant,
    template,
    templates,
)
from govinfo.zh._chars import normalize
from govinfo.zh.amounts import Amount, unit_from_header

__all__ = [
    "Finding",
    "FlatDocument",
    "Source",
    "document",
    "hints_from",
    "is_flat",
    "text_document",
]


def _anchors() -> tuple[str, str]:
    """The row labels 一 and 二 of table 3 without their enumerators (the same in every spec)."""
    spec = template(TemplateVersion.V2021)
    first, second = (spec.requests.row(k).label for k in ("new_received", "carried_over"))
    return first.split("、", 1)[1], second.split("、", 1)[1]


_FIRST, _SECOND = (re.escape(a) for a in _anchors())
_DIRECT: Final = re.compile(rf"(?:{_FIRST}|{_SECOND})[0-9０-９]")
_BOTH: Final = re.compile(rf"{_FIRST}[^\n]*{_SECOND}")


def is_flat(text: str) -> bool:
    """Whether ``text`` prints table 3 flattened: a row label of table 3 directly followed by
    a digit, or two of its row labels on one line."""
    return _DIRECT.search(text) is not None or _BOTH.search(text) is not None


class Finding(NamedTuple):
    """Something the front-end has to say: replayed by the assembler at its place."""

    severity: Severity
    message: str
    at: int
    text: str


class FlatDocument(TextDocument):
    """A text document cut from the flattened layout: paragraphs of section 二 outside its
    tables are marked as prose."""

    def __init__(
        self,
        text: str,
        paragraphs: list[Paragraph],
        prose: set[int],
        findings: list[Finding],
        counts: dict[str, int],
    ) -> None:
        super().__init__(text, paragraphs)
        self._prose = prose
        self.findings = tuple(findings)
        self.counts = counts
        """How many cells were split from runs (``split``), read whole (``whole``), and left
        unread because the splits disagree or none fits (``unread``)."""

    def is_prose(self, paragraph: Paragraph) -> bool:
        return id(paragraph) in self._prose


def text_document(text: str, *, uniformed: bool = False) -> TextDocument:
    """The document of a report text: flattened (:func:`document`) when :func:`is_flat`,
    else a line a paragraph (:func:`govinfo.formats._textlex.document`)."""
    source = text if uniformed else uniform(text)
    if is_flat(source):
        return document(source, uniformed=True)
    return line_document(source, uniformed=True)


# --- folding --------------------------------------------------------------------------------

_WORDS: Final = re.compile(r"\S+")
_QUOTES: Final = str.maketrans({"“": '"', "”": '"', "＂": '"'})
_DIGIT_COMMA: Final = re.compile(r"(?<=[0-9])、")


class _Folded:
    """The text without white space, folded as labels are, and where each character is."""

    def __init__(self, uniform_text: str) -> None:
        self.norm = normalize(uniform_text)
        words = [(m.start(), m.group()) for m in _WORDS.finditer(self.norm)]
        self.raw_starts = [at for at, _ in words]
        starts, at = [], 0
        for _, word in words:
            starts.append(at)
            at += len(word)
        self.starts = starts
        joined = "".join(w for _, w in words).translate(_QUOTES)
        self.text = _DIGIT_COMMA.sub(".", joined)

    def raw(self, i: int) -> int:
        """The offset in the text of folded character ``i`` (its end, for ``len``)."""
        if i >= len(self.text):
            return len(self.norm)
        k = bisect.bisect_right(self.starts, i) - 1
        return self.raw_starts[k] + i - self.starts[k]

    def raw_end(self, i: int) -> int:
        """The offset just after folded character ``i - 1``."""
        return self.raw(i - 1) + 1 if i > 0 else 0


# --- reading --------------------------------------------------------------------------------

_RUN: Final = re.compile(r"[0-9.+\-＋增减加少元万亿\s]*")
_RUN_END: Final = re.compile(r"[0-9元](?=[^0-9元]*\Z)")
_LABEL_THEN_RUN: Final = re.compile(
    r"(?P<label>[^\n]*[\u4e00-\u9fff)”\"])\s*(?P<run>[0-9][0-9\s]*)\Z"
)
"""Text ending with an ideograph (or a closing bracket or quote) and then digits: a label
misprinted, and its run."""
_PART: Final = re.compile(r"[（(]([一二三四五六七八九十]+)[）)]")
_ORDINALS: Final = "一二三四五六七八九十"
_DIGITS: Final = frozenset("0123456789")  # the folded text's digits (never str.isdigit: ²)
_YEAR: Final = re.compile(r"(20[0-9]{2})\s*年")
_SHOWN: Final = 200
"""At most this many candidate values are listed for a cell."""


def _keys(label: str) -> list[str]:
    return [fold(label), *(fold(a) for a in LABEL_ALIASES.get(label, ()))]


def _value_text(value: object) -> str:
    if isinstance(value, tuple):
        return f"{value[0]}{value[1]}"
    return str(value)


_Item = tuple[int, str, bool, bool]
_Slot = tuple[int | None, Run, list[_Item]]
"""A run, its row (None for table 4's), and the list its cells are written to."""


@functools.cache
def _identities(
    version: TemplateVersion, variant: Variant | None
) -> tuple[tuple[Equation, ...], dict[CellKey, list[str]]]:
    """The exact identities of a spec (read from the catalogue once), and per cell the codes
    of those it takes part in."""
    equations = identities(template(version, variant))
    involved: dict[CellKey, list[str]] = {}
    for e in equations:
        for cell, _ in e.terms:
            codes = involved.setdefault(cell, [])
            if e.code not in codes:
                codes.append(e.code)
    return equations, involved


class _Label(NamedTuple):
    start: int  # folded
    end: int
    row: int | None  # the row index, None for a group label or a caption


class _Reader:
    def __init__(self, text: str, hints: Sequence[Source]) -> None:
        self.text = text
        self.folded = _Folded(text)
        self.hint_sources = hints
        # Each (at, text, prose, unread), or a list of them: a run's cells, filled when solved.
        self.paragraphs: list[_Item | list[_Item]] = []
        self.findings: list[Finding] = []
        self.counts = {"split": 0, "whole": 0, "unread": 0}

    # paragraphs

    def _add(self, start: int, end: int, *, prose: bool = False) -> None:
        """The raw text from ``start`` to ``end`` as one paragraph (stripped), if any."""
        piece = self.text[start:end]
        stripped = piece.strip()
        if stripped:
            self.paragraphs.append((start + piece.index(stripped[0]), stripped, prose, False))

    def _add_folded(self, start: int, end: int, *, prose: bool = False) -> None:
        f = self.folded
        if start < end:
            self._add(f.raw(start), f.raw_end(end), prose=prose)

    def _words(self, start: int, end: int, *, parts: bool = False) -> None:
        """The raw text from ``start`` to ``end`` cut at white space (and, with ``parts``,
        before the next part's （一）（二）…) into paragraphs."""
        expected = 0
        for m in _WORDS.finditer(self.text, start, end):
            word, at = m.group(), m.start()
            cut = 0
            if parts:
                for p in _PART.finditer(normalize(word)):
                    if expected < len(_ORDINALS) and p.group(1) == _ORDINALS[expected]:
                        if p.start() > cut:
                            self._add(at + cut, at + p.start())
                        cut = p.start()
                        expected += 1
            self._add(at + cut, m.end())

    def _lines(self, start: int, end: int) -> None:
        for line in re.finditer(r"[^\n]+", self.text[start:end]):
            self._add(start + line.start(), start + line.end())

    # the whole

    def document(self) -> FlatDocument:
        f = self.folded
        bounds = self._headings()
        found = [(k, b) for k, b in enumerate(bounds) if b is not None]
        first = found[0][1][0] if found else len(f.text)
        self._lines(0, f.raw(first) if found else len(self.text))
        region = {
            k: (end, found[n + 1][1][0] if n + 1 < len(found) else len(f.text))
            for n, (k, (_, end)) in enumerate(found)
        }
        spec = self._spec(region)
        for k, (start, end) in found:
            self._add_folded(start, end)  # the heading
            start, stop = region[k]
            if k == 1:
                self._disclosure(spec, start, stop)
            elif k == 2:
                self._requests(spec, start, stop)
            elif k == 3:
                self._review(spec, start, stop)
            else:
                last = f.raw(stop) if stop < len(f.text) else len(self.text)
                self._words(f.raw(start), last, parts=k == 0)
        paragraphs, prose = [], set()
        for item in self.paragraphs:
            for at, text, is_prose, unread in item if isinstance(item, list) else (item,):
                paragraph = Paragraph(text, at)
                if unread:
                    paragraph.key = UNREAD_KEY
                if is_prose:
                    prose.add(id(paragraph))
                paragraphs.append(paragraph)
        return FlatDocument(self.text, paragraphs, prose, self.findings, self.counts)

    def _headings(self) -> list[tuple[int, int] | None]:
        """Each section's heading (with a note in brackets after it) in the folded text, in
        order; None for a heading not found."""
        f = self.folded.text
        notes = {k for spec in templates() for k in header_keys(spec.requests)}
        out: list[tuple[int, int] | None] = []
        at = 0
        for k, section in enumerate(SECTIONS):
            keys = [fold(h) for h in (section.heading, *section.variants)]
            best: tuple[int, int] | None = None
            for key in keys:
                i = f.find(key, at)
                if i >= 0 and (best is None or i < best[0]):
                    best = (i, i + len(key))
            if best is None:
                best = self._misprinted(k, keys[0], at)
            if best is None:
                out.append(None)
                continue
            start, end = best
            if end < len(f) and f[end] == "(":
                close = f.find(")", end, end + 40)
                note = f[end : close + 1]
                if (
                    close > 0
                    and "(" not in note[1:]
                    and note not in notes
                    and not _PART.fullmatch(note)
                ):
                    end = close + 1
            out.append((start, end))
            at = end
        return out

    def _misprinted(self, k: int, key: str, at: int) -> tuple[int, int] | None:
        f = self.folded.text
        enumerator = key.split("、", 1)[0] + "、"
        bound = max(len(key) // 8, 1)
        i = f.find(enumerator, at)
        while i >= 0:
            best: tuple[int, int] | None = None
            for size in range(len(key) - bound, len(key) + bound + 1):
                cost = edits(f[i : i + size], key, bound)
                if cost <= bound and (best is None or cost < best[0]):
                    best = (cost, size)
            if best is not None and misprinted_heading(f[i : i + best[1]], k) is not None:
                return i, i + best[1]
            i = f.find(enumerator, i + 1)
        return None

    def _spec(self, region: Mapping[int, tuple[int, int]]) -> TemplateSpec:
        """The template spec the tables follow: the version whose markers are printed (else
        the title's year), and the single-（六） variant when （六）其他处理 is directly followed
        by digits and none of its sub-rows is printed (as the assembler decides)."""
        f = self.folded.text
        text = "".join(f[a:b] for k, (a, b) in region.items() if k in (1, 2))
        told = version_by_markers(text)
        if told is not None:
            version = told
        else:
            year = _YEAR.search(self.folded.norm)
            late = year is not None and int(year.group(1)) >= 2021
            version = TemplateVersion.V2021 if late else TemplateVersion.V2019
            # The assembler guesses from the title's year, this from the first year printed:
            # the two may differ, and splits under the other template's identities may too.
            start = min((a for a, _ in region.values()), default=0)
            at = self.folded.raw(start)
            markers = "、".join(m for v in TemplateVersion for m in template(v).markers)
            self._error(
                f"expected labels that tell the template version ({markers}), found as many "
                f"of each: the digit runs are split under the identities of the "
                f"{version.value} template, assumed from the year "
                f"{year.group(1) if year else 'missing'}; under the other template a split may "
                "differ",
                at,
                self.text[at : at + 1],
            )
        spec = template(version)
        for variant in templates():
            if (
                variant.version is not version
                or variant.variant is not Variant.SINGLE_OTHER_HANDLING
            ):
                continue
            (single,) = (r for r in variant.requests.rows if r not in spec.requests.rows)
            replaced = [r for r in spec.requests.rows if r not in variant.requests.rows]
            start, stop = region.get(2, (0, 0))
            section = f[start:stop]
            label = fold(single.label)
            at = section.find(label)
            direct = at >= 0 and section[at + len(label) : at + len(label) + 1] in _DIGITS
            if direct and not any(fold(r.label) in section for r in replaced):
                return variant
        return spec

    # tables

    def _labels(
        self, items: Sequence[tuple[list[str], int | None]], start: int, stop: int
    ) -> list[_Label]:
        """Each label of ``items`` (its folded keys, its row) found in order between
        ``start`` and ``stop``; a label not found is left out."""
        f = self.folded.text
        out = []
        at = start
        for keys, row in items:
            best: tuple[int, int] | None = None
            for key in keys:
                i = f.find(key, at, stop)
                if i >= 0 and (
                    best is None or i < best[0] or (i == best[0] and len(key) > best[1] - i)
                ):
                    best = (i, i + len(key))
            if best is not None:
                out.append(_Label(best[0], best[1], row))
                at = best[1]
        return out

    def _run(self, start: int, stop: int) -> tuple[list[tuple[int, str]], int]:
        """The run of digits, signs, points and units that begins at the raw offset
        ``start`` (before ``stop``): its pieces between white space, and where it ends."""
        norm = self.folded.norm
        end = _RUN.match(norm, start, stop)
        assert end is not None
        last = _RUN_END.search(norm, start, end.end())
        finish = last.end() if last is not None else start
        pieces = [(m.start(), m.group()) for m in _WORDS.finditer(norm, start, finish)]
        return pieces, finish

    def _grid_runs(
        self,
        spec: GridSpec,
        table: str,
        labels: Sequence[_Label],
        stop: int,
        *,
        prose_after: bool,
    ) -> list[_Slot]:
        """The run after each row label, each label a paragraph; what follows a run up to the
        next label a paragraph too (prose in section 二)."""
        f = self.folded
        runs: list[_Slot] = []
        for n, label in enumerate(labels):
            self._add_folded(label.start, label.end)
            after = f.raw_end(label.end)
            following = labels[n + 1].start if n + 1 < len(labels) else stop
            limit = f.raw(following) if following < len(f.text) else len(self.text)
            if label.row is None:
                self._add(after, limit)
                continue
            rows = [label.row]
            later = next((x.row for x in labels[n + 1 :] if x.row is not None), len(spec.rows))
            misprint = self._misprinted_row(spec, after, limit, label.row, later)
            pieces, finish = self._run(after, misprint[0] if misprint else limit)
            slot: list[_Item] = []
            self.paragraphs.append(slot)
            slots = [(pieces, slot)]
            if misprint is not None:
                # The one row label not found between two found ones, printed misprinted in
                # the text after this run, with its own run: the label a paragraph (the
                # assembler reads it as that label, with its warning), the run that row's.
                at, printed, run_start = misprint
                self._add(finish, at, prose=prose_after)
                self.paragraphs.append((at, printed, False, False))
                more, finish = self._run(run_start, limit)
                slot = []
                self.paragraphs.append(slot)
                slots.append((more, slot))
                rows.append(label.row + 1)
            self._add(finish, limit, prose=prose_after)
            units = [
                unit_from_header(c.label).value if c.kind is ColumnKind.MONEY else None
                for c in spec.columns
            ]
            for k, (printed_pieces, cells_slot) in zip(rows, slots, strict=True):
                cells = [(table, spec.rows[k].key, c.key) for c in spec.columns]
                run = Run(cells, [c.kind for c in spec.columns], printed_pieces, units)
                runs.append((k, run, cells_slot))
        return runs

    def _misprinted_row(
        self, spec: GridSpec, start: int, stop: int, row: int, later: int
    ) -> tuple[int, str, int] | None:
        """When exactly one row label is missing between the row ``row`` and the next row label
        found (``later``), the text from ``start`` to ``stop`` (after ``row``'s run) that prints
        it misprinted, as the assembler takes a misprint (at most one edit for each
        MISPRINT_SHARE_LABEL characters, its enumerator exact, ending as the label ends),
        followed by digits: (where it is, its text, where its run begins); else None."""
        if later != row + 2:
            return None
        wanted = fold(spec.rows[row + 1].label)
        bound = len(wanted) // MISPRINT_SHARE_LABEL
        enumerator = _ENUMERATOR.match(wanted)
        if bound == 0 or enumerator is None:
            return None
        norm = self.folded.norm
        # The label begins at its enumerator, which may follow the previous row's digits.
        at = norm.find(enumerator.group()[0], start, stop)
        while at >= 0:
            found = _LABEL_THEN_RUN.match(norm, at, stop)
            if found is not None:
                printed = self.text[at : at + found.end("label") - at].strip()
                key = fold(printed)
                if (
                    key.startswith(enumerator.group())
                    and key[-1] == wanted[-1]
                    and edits(key, wanted, bound) <= bound
                ):
                    return at, printed, found.start("run")
            at = norm.find(enumerator.group()[0], at + 1, stop)
        return None

    def _disclosure(self, spec: TemplateSpec, start: int, stop: int) -> None:
        f = self.folded.text
        captions = []
        at = start
        for block in spec.disclosure:
            i = f.find(fold(block.caption), at, stop)
            captions.append(i)
            if i >= 0:
                at = i + len(fold(block.caption))
        found = [(b, i) for b, i in zip(spec.disclosure, captions, strict=True) if i >= 0]
        first = found[0][1] if found else stop
        self._add_folded(start, first, prose=True)
        for n, (block, i) in enumerate(found):
            end = found[n + 1][1] if n + 1 < len(found) else stop
            caption_end = i + len(fold(block.caption))
            self._add_folded(i, caption_end)
            items = [(_keys(r.label), k) for k, r in enumerate(block.rows)]
            labels = self._labels(items, caption_end, end)
            self._add_folded(caption_end, labels[0].start if labels else end)  # the header
            runs = self._grid_runs(block, f"disclosure.{block.key}", labels, end, prose_after=True)
            self._solve(spec, block, runs, block.caption)

    def _requests(self, spec: TemplateSpec, start: int, stop: int) -> None:
        grid = spec.requests
        items: list[tuple[list[str], int | None]] = []
        for k, (row, opened) in enumerate(grid.groups()):
            items += [(_keys(g), None) for g in opened if g != row.label]
            items.append((_keys(row.label), k))
        labels = self._labels(items, start, stop)
        self._add_folded(start, labels[0].start if labels else stop)  # the header
        runs = self._grid_runs(grid, "requests", labels, stop, prose_after=False)
        self._solve(spec, grid, runs, SECTIONS[2].heading)

    def _review(self, spec: TemplateSpec, start: int, stop: int) -> None:
        f = self.folded
        grid = spec.review_litigation
        headers = sorted(header_keys(grid), key=len, reverse=True)
        at = start
        while at < stop and f.text[at] not in _DIGITS:
            match = next((h for h in headers if f.text.startswith(h, at)), None)
            if match is None:
                piece = at
                while at < stop and f.text[at] not in _DIGITS:
                    if any(f.text.startswith(h, at) for h in headers):
                        break
                    at += 1
                self._add_folded(piece, at)
            else:
                self._add_folded(at, at + len(match))
                at += len(match)
        if at >= stop:
            return
        limit = f.raw(stop) if stop < len(f.text) else len(self.text)
        pieces, finish = self._run(f.raw(at), limit)
        slot: list[_Item] = []
        self.paragraphs.append(slot)
        self._add(finish, limit)
        cells = [("review_litigation", r.key, c.key) for r in grid.rows for c in grid.columns]
        kinds = [c.kind for _ in grid.rows for c in grid.columns]
        self._solve(spec, grid, [(None, Run(cells, kinds, pieces), slot)], SECTIONS[3].heading)

    def _solve(self, spec: TemplateSpec, grid: GridSpec, runs: list[_Slot], name: str) -> None:
        if not runs:
            return
        equations, involved = _identities(spec.version, spec.variant)
        hints = hints_from(spec, self.hint_sources) if self.hint_sources else None
        outcome = solve([run for _, run, _ in runs], equations, hints)
        self._emit(grid, runs, outcome, involved, name)

    # writing the outcome

    def _label(self, grid: GridSpec, key: str) -> str:
        for row in grid.rows:
            if row.key == key:
                return row.label
        for column in grid.columns:
            if column.key == key:
                return column.label
        return key

    def _emit(
        self,
        grid: GridSpec,
        runs: Sequence[_Slot],
        outcome: Outcome,
        involved: Mapping[CellKey, list[str]],
        name: str,
    ) -> None:
        first = next((run for _, run, _ in runs if run.pieces), runs[0][1])
        where = (first.pieces[0][0], first.pieces[0][1]) if first.pieces else (0, "")
        if outcome.bound:
            self._error(
                f"the search for the splits of {name} stopped at its bound ({RUN_BUDGET:,} "
                f"tokens for a run, {TABLE_BUDGET:,} for the table): only the cells that the "
                "token rules alone decide are read",
                *where,
            )
        elif outcome.level == "tokens" and outcome.failed:
            failed = "; ".join(
                f"{e.code} ({self._label(grid, e.line)})" for e in dict.fromkeys(outcome.failed)
            )
            self._error(
                f"no split of the runs of {name} satisfies every identity: {failed}: only the "
                "cells that the token rules alone decide are read",
                *where,
            )
        for hint in outcome.rejected:
            self.findings.append(
                Finding(
                    Severity.WARNING,
                    f"{hint.source} agrees with no split of {name} left open ({hint.code}): "
                    "not used",
                    *where,
                )
            )
        for r, (row, run, slot) in enumerate(runs):
            self._emit_run(grid, r, row, run, slot, outcome, involved, name)

    def _emit_run(
        self,
        grid: GridSpec,
        r: int,
        row: int | None,
        run: Run,
        slot: list[_Item],
        outcome: Outcome,
        involved: Mapping[CellKey, list[str]],
        name: str,
    ) -> None:
        shown_run = " ".join(t for _, t in run.pieces)
        at = run.pieces[0][0] if run.pieces else 0
        raw_run = self.text[at : run.pieces[-1][0] + len(run.pieces[-1][1])] if run.pieces else ""
        row_name = grid.rows[row].label if row is not None else name
        columns = len(grid.columns)
        if not run.pieces or not outcome.splits[r]:
            if not run.pieces:
                return  # nothing printed: the assembler says the row has no values
            why = (
                "whose splits were not all tried: the search stopped at its bound"
                if r in outcome.bounded
                else f"which no split into {len(run.cells)} values fits (counts without "
                "leading zeros, at most one point in money, a unit with an amount)"
            )
            self._error(
                f"expected {len(run.cells)} values for the row {row_name}, found the run "
                f"{shown_run}, {why}",
                at,
                raw_run,
            )
            for _ in run.cells:
                slot.append((at, raw_run, False, True))
            self.counts["unread"] += len(run.cells)
            return
        split_needed = len(run.pieces) < len(run.cells)
        shown: list[str] = []
        for p, cell in enumerate(run.cells):
            values = outcome.values(r, p)
            cell_row = grid.rows[row].label if row is not None else grid.rows[p // columns].label
            column = grid.columns[p % columns].label
            if len(values) == 1:
                value, (start, end) = values[0]
                offset, length = run.span(start, end)
                slot.append((offset, self.text[offset : offset + length], False, False))
                shown.append(self.text[offset : offset + length])
                self.counts["split" if split_needed else "whole"] += 1
                hint = outcome.decided[r].get(p)
                if hint is not None:
                    others = ", ".join(
                        _value_text(v) for v, _ in self._all_values(outcome, r, p, hint)
                    )
                    self.findings.append(
                        Finding(
                            Severity.WARNING,
                            f"the column {column} of the row {cell_row} is read as "
                            f"{_value_text(value)}, decided by {hint.source} ({hint.code}) among "
                            f"the candidates {others}: reports break continuity too; check it",
                            offset,
                            self.text[offset : offset + length],
                        )
                    )
                continue
            shown.append("?")
            self.counts["unread"] += 1
            listed = ", ".join(_value_text(v) for v, _ in values[:_SHOWN])
            if len(values) > _SHOWN:
                listed += f" … ({len(values)} values in all)"
            codes = involved.get(cell, [])
            if outcome.level == "identities":
                why = (
                    f"the identities {', '.join(codes)} do not decide it"
                    if codes
                    else "no identity applies to it"
                )
                how = (
                    f"the {len(outcome.splits[r])} splits of the run that satisfy every identity"
                    if codes
                    else f"the {len(outcome.splits[r])} splits of the run by the token rules"
                )
            else:
                why = (
                    f"the identities {', '.join(codes)} are not used: no split satisfies them all"
                    if codes and not outcome.bound
                    else "the search stopped at its bound"
                    if outcome.bound
                    else "no identity applies to it"
                )
                how = f"the {len(outcome.splits[r])} splits of the run by the token rules"
            self._error(
                f"the value in the column {column} of the row {cell_row} is not decided by "
                f"the run {shown_run}: it is {listed} in {how}; {why}",
                at,
                raw_run,
            )
            slot.append((at, raw_run, False, True))
        if split_needed and any(s != "?" for s in shown):
            codes = list(dict.fromkeys(c for cell in run.cells for c in involved.get(cell, ())))
            level = (
                f"the one value in every split that satisfies the identities {', '.join(codes)}"
                if outcome.level == "identities" and codes
                else "the one value by the token rules alone"
            )
            self.findings.append(
                Finding(
                    Severity.NOTE,
                    f"the run {shown_run} of the row {row_name} is split as "
                    f"{' · '.join(shown)}: each value read is {level}",
                    at,
                    raw_run,
                )
            )

    def _all_values(
        self, outcome: Outcome, r: int, p: int, hint: Hint
    ) -> list[tuple[object, tuple[int, int]]]:
        return outcome.before.get((r, p), [(hint.value, (0, 0))])

    def _error(self, message: str, at: int, text: str) -> None:
        self.findings.append(Finding(Severity.ERROR, message, at, text))


def document(text: str, *, uniformed: bool = False, hints: Sequence[Source] = ()) -> FlatDocument:
    """The flattened ``text`` cut into a document (see the module docstring); ``hints``: second
    sources that may decide cells the identities leave open."""
    source = text if uniformed else uniform(text)
    return _Reader(source, hints).document()


def _solver_value(value: object) -> object | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, Amount):
        return value.value, value.unit.value
    return None


class Source(NamedTuple):
    """A second source: a report, its name for messages, and whether it is the previous
    year's report of the same agency (else the same report, in another format)."""

    report: Report
    name: str
    previous: bool


def hints_from(spec: TemplateSpec, sources: Sequence[Source]) -> dict[CellKey, Hint]:
    """The cells a second source gives, as hints for the solver: a report of the same year
    (another format of the same report) gives each of its cells that is a number; a report of
    an earlier year the cells the rules across years carry over (上年结转 = its
    结转下年度继续办理)."""
    out: dict[CellKey, Hint] = {}
    for source in sources:
        cells: dict[CellKey, object] = {}
        for path, grid in source.report.grids():
            table = path.removeprefix("$.")
            for row, values in zip(grid.spec.rows, grid.cells, strict=True):
                for column, value in zip(grid.spec.columns, values, strict=True):
                    cells[(table, row.key, column.key)] = value
        name = source.name
        if source.previous:
            for cell, earlier, code in continuity(spec):
                parts = [cells.get(p) for p in earlier]
                numbers = [v for v in parts if type(v) is int]
                if len(numbers) == len(parts):
                    out.setdefault(cell, Hint(sum(numbers), name, code))
        else:
            for cell, printed in cells.items():
                solved = _solver_value(printed)
                if solved is not None:
                    out.setdefault(cell, Hint(solved, name, "the same report"))
    return out
