"""The prose against the tables: the quantities sections 一, 五 and 六 state in words, read and
compared with the cells that count them; the information-processing fee (信息处理费) statement
of section 六; and prose that contradicts a table ("均已按时办结" beside applications carried
forward).

Precision over recall: a false alarm costs a reviewer more than a miss. A number is taken for
a quantity only when the words before it, back to the start of its clause, are *all*
recognised: a subject that is the reporting agency as a whole (nothing, 全年, 我局, 本机关,
全区, the agency's own name, the report's year), the quantity's words (受理…申请), and fillers
(共, 累计, 为). Anything else in the lead (a sub-unit such as 区政府办, a category such as
涉及征地拆迁的, an enumeration joined by 、, 其中, 同比, another year) and the number is not
read. A number followed by 以上, 余, 多 or 次 (an approximation, a count of times) is not read
either; neither is a percentage, which has no unit.

>>> import govinfo
>>> report = govinfo.load_example()
>>> [(s.quantity.code, s.value, s.text) for s in statements(report)]
[('prose.results_total', 3, '3')]

Paragraphs of one part are read as one text, joined by line breaks that count as nothing:
text taken from a PDF breaks sentences across lines ("答" / "复 3050 件").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Final

from attrs import frozen

from govinfo.checks._findings import CellRef, Evidence, Finding, Status
from govinfo.checks._layout import Slot
from govinfo.diagnostics import Severity
from govinfo.errors import GovInfoError
from govinfo.model import Blank, Cell, Placeholder, Report, Unread
from govinfo.sources import Source, TextSource
from govinfo.template import TemplateSpec, TemplateVersion
from govinfo.zh._chars import normalize
from govinfo.zh.amounts import parse_amount
from govinfo.zh.numerals import parse_number

__all__ = [
    "CONTRADICTIONS",
    "FEES",
    "QUANTITIES",
    "RULES",
    "Contradiction",
    "Paragraph",
    "Quantity",
    "Statement",
    "applies",
    "findings",
    "paragraphs",
    "statements",
]


# --- the quantities ------------------------------------------------------------------------


@frozen(kw_only=True)
class Quantity:
    """One quantity the prose states and the tables count.

    ``lead`` is a regular expression over the words between the subject and the number
    (normalized: full-width folded, spaces dropped); it may name the row with a group
    ``object`` that :attr:`objects` maps to a row key, put in ``{object}`` of :attr:`cells`.
    ``after``, if set, must match the words after the unit instead (the number then comes
    first: "另有 103 件顺延到下年度"); ``subjects`` are more words allowed before the lead
    (其中 and 含 name no part when the quantity is itself a carry-over).
    """

    code: str
    zh: str
    en: str
    lead: str
    cells: tuple[str, ...]
    """The JSON paths of the cells that count it, added up."""
    units: str = "件条宗个项"
    after: str = ""
    subjects: str = ""
    objects: Mapping[str, str] = {}
    needs: str = ""
    """A word the sentence must hold (an empty lead such as 办结 needs 申请 in the sentence)."""


_APPLICATIONS: Final = r"(?:政府信息公开|信息公开|依申请公开|公开)?(?:的)?申请(?:件|数|数量)?"
_AUTHORITY: Final = r"(?:(?:因|涉及)政府信息公开(?:工作|申请)?)?"
_DOCUMENTS: Final = {"规章": "rules", "规范性文件": "normative_documents"}
_DOCUMENT: Final = r"(?:的)?(?:行政)?(?P<object>规章|规范性文件)"

QUANTITIES: Final = (
    Quantity(
        code="prose.new_received",
        zh="本年收到的申请数",
        en="applications received",
        lead=rf"(?:受理|收到|新收|接收|接到|收悉)(?:了)?(?:各类)?{_APPLICATIONS}",
        cells=("$.requests.new_received.total",),
    ),
    Quantity(
        code="prose.carried_over",
        zh="上年结转的申请数",
        en="applications carried over",
        lead=r"(?:上一?年度?|往年)结转(?:的)?(?:政府信息公开|信息公开)?(?:申请)?(?:件)?",
        cells=("$.requests.carried_over.total",),
        subjects="其中|含|包括",
    ),
    Quantity(
        code="prose.results_total",
        zh="本年办理的申请数",
        en="applications processed",
        lead=r"(?:处理|办结|答复|办理|回复)(?:了)?"
        rf"(?:依申请公开(?:信息|申请|事项|件)?|依申请|{_APPLICATIONS})",
        cells=("$.requests.results_total.total",),
    ),
    Quantity(
        code="prose.results_total",
        zh="本年办理的申请数",
        en="applications processed",
        lead=r"(?:办结|答复)",
        cells=("$.requests.results_total.total",),
        needs="申请",
    ),
    Quantity(
        code="prose.carried_forward",
        zh="结转下年度的申请数",
        en="applications carried forward",
        lead=r"结转(?:至|到)?下一?年度?(?:继续)?(?:办理)?(?:的)?(?:申请)?",
        cells=("$.requests.carried_forward.total",),
        subjects="其中|另有|尚有",
    ),
    Quantity(
        code="prose.carried_forward",
        zh="结转下年度的申请数",
        en="applications carried forward",
        lead=r"",
        after=r"(?:申请)?(?:结转|顺延|转入?)(?:至|到)?下一?年度?",
        cells=("$.requests.carried_forward.total",),
        subjects="其中|另有|尚有|有",
        units="件",
    ),
    Quantity(
        code="prose.review",
        zh="行政复议数",
        en="administrative reviews",
        lead=rf"(?:政府信息公开)?{_AUTHORITY}(?:被申请|产生|发生|收到|引发|引起|涉及)?(?:的)?"
        r"行政复议(?:案件|申请)?",
        cells=("$.review_litigation.administrative_review.total",),
        units="件宗个",
    ),
    Quantity(
        code="prose.litigation",
        zh="行政诉讼数",
        en="lawsuits",
        lead=rf"(?:政府信息公开)?{_AUTHORITY}"
        r"(?:被提起|被起诉|提起|产生|发生|收到|引发|引起|涉及|应诉)?(?:的)?行政诉讼(?:案件)?",
        cells=(
            "$.review_litigation.litigation_direct.total",
            "$.review_litigation.litigation_after_review.total",
        ),
        units="件宗个",
    ),
    Quantity(
        code="prose.documents_issued",
        zh="本年制发的规章、行政规范性文件数",
        en="rules or normative documents issued",
        lead=rf"(?:制发|印发|出台|制定)(?:了)?{_DOCUMENT}",
        cells=("$.disclosure.regulations.{object}.issued",),
        objects=_DOCUMENTS,
        units="件个",
    ),
    Quantity(
        code="prose.documents_in_force",
        zh="现行有效的规章、行政规范性文件数",
        en="rules or normative documents in force",
        lead=rf"现行有效{_DOCUMENT}",
        cells=("$.disclosure.regulations.{object}.in_force",),
        objects=_DOCUMENTS,
        units="件个",
    ),
    Quantity(
        code="prose.licensing",
        zh="行政许可决定数",
        en="licensing decisions",
        lead=r"(?:作出|办理|办结|实施)?(?:的)?行政许可(?:决定|事项)?",
        cells=("$.disclosure.licensing.administrative_licensing.decisions",),
        units="件",
    ),
    Quantity(
        code="prose.penalty",
        zh="行政处罚决定数",
        en="penalty decisions",
        lead=r"(?:作出|实施|办理|查处)?(?:的)?行政处罚(?:决定|案件)?",
        cells=("$.disclosure.enforcement.administrative_penalty.decisions",),
        units="件",
    ),
)
"""Every recognised phrasing, by quantity (a quantity may have several phrasings)."""

# The subject: the reporting agency as a whole, a time that is the report's year, fillers.
_YEAR: Final = r"(?:\d{4}|[〇零一二三四五六七八九]{4})年度?"
_WHOLE: Final = (
    r"全年度?|本年度?|今年|年内|一年来|全(?:省|市|区|县|州|盟|旗|镇|乡)"
    r"|我(?:局|委|办|厅|院|区|市|县|州|省|镇|乡|单位|部门|中心|署|处|会|机关)"
    r"|本(?:机关|单位|局|委|办|厅|院|部门|中心|级)|截至(?:" + _YEAR + r")?(?:年底|年末|底|12月31日)"
    r"|目前|共|总共|一共|累计|合计|总计|依法|已|计"
)
_TAIL: Final = r"(?:共|总共|一共|累计|合计|总计|计|为|达|了)*"
_NUMBER: Final = re.compile(
    # The lookahead, one class of every first character, lets the engine skip in C to where a
    # number can start: twice as fast on prose as trying the three alternatives everywhere.
    # A number starts where its run of digits (or of numerals) starts, never inside it: tried
    # at every digit of a long run without a unit, the search took the square of its length.
    r"(?=[\d〇零一二三四五六七八九十百千万亿两])"
    r"(?P<num>(?<!\d)(?<!\d[,.])(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)"
    r"|(?<![〇零一二三四五六七八九十百千万亿两])[〇零一二三四五六七八九十百千万亿两]+)"
    r"[ \t\n]*(?P<unit>万元|元|件|条|宗|个|项)"
)
_BREAK: Final = frozenset(',:()[]【】「」“”"')
_SENTENCE: Final = re.compile(r"[^。；;！!？?]+")
_YEAR_MENTION: Final = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})[ \t\n]*年")
_APPROXIMATE: Final = re.compile(r"(?:以上|左右|多|余|次|人次)")
_SPACES: Final = re.compile(r"\s+")


@frozen(kw_only=True)
class Paragraph:
    """One paragraph of prose with its JSON path."""

    path: str
    text: str


@frozen(kw_only=True)
class Statement:
    """A quantity the prose states: its value, the number as printed, and where."""

    quantity: Quantity
    value: int
    text: str
    sentence: str
    paragraph: Paragraph
    start: int
    """Where the number starts in the paragraph's text."""
    cells: tuple[str, ...]
    """The paths of the cells that count it (with the row the words name)."""


def paragraphs(report: Report) -> Iterator[tuple[Paragraph, ...]]:
    """The prose that may state quantities, one part at a time: section 一's opening and each
    of its parts, section 五, section 六."""
    overview = report.overview
    if overview.intro:
        yield tuple(
            Paragraph(path=f"$.overview.intro[{i}]", text=t) for i, t in enumerate(overview.intro)
        )
    for i, part in enumerate(overview.parts):
        yield tuple(
            Paragraph(path=f"$.overview.parts[{i}][{j}]", text=t) for j, t in enumerate(part)
        )
    for field in ("problems", "other_matters"):
        texts: tuple[str, ...] = getattr(report, field)
        if texts:
            yield tuple(Paragraph(path=f"$.{field}[{i}]", text=t) for i, t in enumerate(texts))


@frozen
class _Text:
    """The paragraphs of one part as one text, joined by line breaks, normalized alike."""

    parts: tuple[Paragraph, ...]
    raw: str
    norm: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, parts: tuple[Paragraph, ...]) -> _Text:
        starts, at = [], 0
        for p in parts:
            starts.append(at)
            at += len(p.text) + 1
        raw = "\n".join(p.text for p in parts)
        return cls(parts, raw, normalize(raw), tuple(starts))

    def locate(self, offset: int) -> tuple[Paragraph, int]:
        index = max(i for i, s in enumerate(self.starts) if s <= offset)
        return self.parts[index], offset - self.starts[index]

    def sentences(self) -> Iterator[tuple[int, int]]:
        for match in _SENTENCE.finditer(self.norm):
            yield match.span()

    def shown(self, start: int, end: int) -> str:
        """The sentence as printed, its lines joined."""
        return self.raw[start:end].replace("\n", "").strip()


def _subject(quantity: Quantity, agency: str) -> str:
    words = _WHOLE + (f"|{quantity.subjects}" if quantity.subjects else "")
    words += f"|{re.escape(agency)}" if agency else ""
    return rf"(?:{_YEAR}|{words})*"


@functools.cache
def _pattern(index: int, agency: str) -> re.Pattern[str]:
    quantity = QUANTITIES[index]
    return re.compile(rf"{_subject(quantity, agency)}{quantity.lead}{_TAIL}")


@functools.cache
def _after(index: int) -> re.Pattern[str]:
    return re.compile(QUANTITIES[index].after)


def _lead(norm: str, start: int, stop: int, spans: Sequence[tuple[int, int]]) -> str:
    """The words before ``start`` back to the start of their clause: a comma, a colon, an
    unclosed bracket, a quote, an earlier number of the clause or ``stop`` (the sentence's
    start). A bracketed aside is skipped (区政府办（代表区政府）受理 keeps 区政府办), and every
    space dropped."""
    out: list[str] = []
    depth = 0
    i = start - 1
    numbered = spans[-1][1] if spans else stop  # no earlier number ends after this
    while i >= stop:
        c = norm[i]
        if c == ")":
            depth += 1
        elif c == "(":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0:
            if c in _BREAK or (i < numbered and any(a <= i < b for a, b in spans)):
                break
            out.append(c)
        i -= 1
    return _SPACES.sub("", "".join(reversed(out)))


def _year_before(norm: str, start: int, stop: int) -> int | None:
    """The last year the sentence mentions before ``start``, if any."""
    if norm.find("年", stop, start) == -1:
        return None
    years = list(_YEAR_MENTION.finditer(norm, stop, start))
    if not years:
        return None
    try:
        value = parse_number(years[-1].group(1))
    except GovInfoError:
        return None
    return value if isinstance(value, int) else None


def _has_cell(spec: TemplateSpec, path: str) -> bool:
    table, row, column = path[2:].rsplit(".", 2)
    for grid_path, grid in spec.grids():
        if grid_path == f"$.{table}":
            return row in {r.key for r in grid.rows} and column in {c.key for c in grid.columns}
    return False


def _paths(quantity: Quantity) -> tuple[str, ...]:
    rows = set(quantity.objects.values()) or {""}
    return tuple(p.format(object=r) for p in quantity.cells for r in sorted(rows))


def applies(spec: TemplateSpec, code: str) -> bool:
    """Whether the rule ``code`` has the cells it compares in ``spec`` (2019's table 2 has no
    现行有效件数), or, for the fee rules, whether ``spec`` asks for the fee statement."""
    if code in FEES:
        return spec.version is TemplateVersion.V2021
    if any(c.code == code for c in CONTRADICTIONS):
        return True
    return all(_has_cell(spec, p) for q in QUANTITIES if q.code == code for p in _paths(q))


def _quantity(
    index: int, agency: str, lead: str, trail: str, unit: str, sentence: str
) -> Mapping[str, str] | None:
    """The cells ``QUANTITIES[index]`` names by ``lead``, or None when the words are not it."""
    quantity = QUANTITIES[index]
    if unit not in quantity.units or (quantity.needs and quantity.needs not in sentence):
        return None
    if quantity.after and not _after(index).match(trail):
        return None
    match = _pattern(index, agency).fullmatch(lead)
    if match is None:
        return None
    found = match.groupdict().get("object")
    return {"object": quantity.objects[found]} if found else {}


def _texts(report: Report) -> tuple[_Text, ...]:
    return tuple(_Text.of(part) for part in paragraphs(report))


def statements(report: Report, texts: Sequence[_Text] | None = None) -> Iterator[Statement]:
    """Every quantity the prose of ``report`` states, in report order (see the module)."""
    for text in _texts(report) if texts is None else texts:
        norm = text.norm
        numbers = list(_NUMBER.finditer(norm))
        if not numbers:
            continue
        following = 0  # the first number not yet in a sentence (both come in text order)
        for start, end in text.sentences():
            tokens = []
            while following < len(numbers) and numbers[following].start() < end:
                if numbers[following].start() >= start:
                    tokens.append(numbers[following])
                following += 1
            if not tokens:
                if following == len(numbers):
                    break
                continue
            sentence = norm[start:end]
            spans = [t.span() for t in tokens]
            for n, token in enumerate(tokens):
                unit = token["unit"]
                trail = _SPACES.sub("", norm[token.end() : end])
                if unit.endswith("元") or _APPROXIMATE.match(trail):
                    continue
                lead = _lead(norm, token.start(), start, spans[:n])
                found = next(
                    (
                        (quantity, rows)
                        for index, quantity in enumerate(QUANTITIES)
                        if (rows := _quantity(index, report.agency, lead, trail, unit, sentence))
                        is not None
                    ),
                    None,
                )
                if found is None:
                    continue
                # The words name a quantity: is it of the report's year, and a count?
                year = _year_before(norm, token.start(), start)
                if year is not None and year != report.year:
                    continue
                try:
                    value = parse_number(token["num"])
                except GovInfoError:
                    continue
                if not isinstance(value, int):
                    continue
                quantity, rows = found
                paragraph, at = text.locate(token.start())
                yield Statement(
                    quantity=quantity,
                    value=value,
                    text=text.raw[token.start("num") : token.end("num")],
                    sentence=text.shown(start, end),
                    paragraph=paragraph,
                    start=at + token.start("num") - token.start(),
                    cells=tuple(p.format(**rows) for p in quantity.cells),
                )


# --- evidence and cells --------------------------------------------------------------------


def _source(
    paragraph: Paragraph, start: int, text: str, sources: Mapping[str, Source]
) -> Source | None:
    """Where ``text`` (at ``start`` of the paragraph) was read: the span itself when the
    paragraph was read from one line of text as printed, else the paragraph's source."""
    source = sources.get(paragraph.path)
    if isinstance(source, TextSource) and source.text == paragraph.text:
        return TextSource(
            offset=source.offset + start,
            length=len(text),
            line=source.line,
            column=source.column + start,
            text=text,
        )
    return source


def _evidence(
    paragraph: Paragraph, sentence: str, start: int, text: str, sources: Mapping[str, Source]
) -> Evidence:
    return Evidence(
        path=paragraph.path,
        sentence=sentence,
        text=text,
        source=_source(paragraph, start, text, sources),
    )


def _slot(report: Report, path: str) -> tuple[Slot, Cell]:
    table, row, column = path[2:].rsplit(".", 2)
    grid = dict(report.grids())[f"$.{table}"]
    return Slot.of(table, grid.spec.row(row), grid.spec.column(column)), grid[row, column]


def _ref(report: Report, path: str) -> CellRef:
    slot, cell = _slot(report, path)
    return CellRef(
        path=slot.path,
        row=slot.row_label,
        column=slot.column_label,
        printed=cell,
        agency=report.agency,
        year=report.year,
    )


def _count(cell: Cell) -> int | None:
    if isinstance(cell, Blank | Placeholder | Unread) or not isinstance(cell, int):
        return None
    return cell


def _sum(cell: Callable[[str], Cell], paths: Sequence[str]) -> int | None:
    """The cells at ``paths`` added up; None when one is not a count (a blank is no 0)."""
    total = 0
    for path in paths:
        value = _count(cell(path))
        if value is None:
            return None
        total += value
    return total


def _labels(refs: Sequence[CellRef]) -> tuple[str, str]:
    return "＋".join(f"{r.row}／{r.column}" for r in refs), " + ".join(r.path for r in refs)


def _who(report: Report) -> tuple[str, str]:
    return f"{report.agency}{report.year}年", f"{report.agency} {report.year}"


def _mismatch(
    report: Report,
    statement: Statement,
    sources: Mapping[str, Source],
    derived: Callable[[str], Cell],
) -> Finding | None:
    printed = _sum(lambda path: _slot(report, path)[1], statement.cells)
    if printed is None or printed == statement.value:
        return None
    refs = tuple(_ref(report, p) for p in statement.cells)
    zh_cells, en_cells = _labels(refs)
    who, who_en = _who(report)
    quantity = statement.quantity
    zh = f"{who}：正文所述{quantity.zh}（{statement.text}）与表格不符：{zh_cells}填报 {printed}"
    en = f"{who_en}: the text states {statement.value} {quantity.en}, the table's "
    en += f"{en_cells} prints {printed}"
    parts = _sum(derived, statement.cells)
    if parts is not None and parts != printed and parts == statement.value:
        zh += f"；正文与各分项之和 {parts} 一致，表中合计可能有误"
        en += f"; the sum of its parts is {parts}, as the text says: the printed total is "
        en += "likely wrong"
    return Finding(
        code=quantity.code,
        severity=Severity.WARNING,
        status=Status.BROKEN,
        cells=refs,
        expected=statement.value,
        printed=printed,
        difference=printed - statement.value,
        message_zh=f"{zh}（“{statement.sentence}”）",
        message_en=f"{en} (“{statement.sentence}”)",
        evidence=(
            _evidence(
                statement.paragraph, statement.sentence, statement.start, statement.text, sources
            ),
        ),
    )


# --- fees and contradictions ---------------------------------------------------------------

FEE_STATEMENT: Final = "fees.statement"
FEE_CONTRADICTION: Final = "fees.contradiction"
FEES: Final = {
    FEE_STATEMENT: (
        "2021年版模板：第六部分应说明信息处理费的收取情况",
        "2021 template: section 六 must say whether information-processing fees (信息处理费) "
        "were collected",
    ),
    FEE_CONTRADICTION: (
        "正文称未收取信息处理费，又写有大于0的收费金额",
        "the text says no information-processing fee was collected, yet states an amount above 0",
    ),
}
"""The rules about the 信息处理费 statement: code → (说明, description). The 行政事业性收费 of
table 2 is another fee: never compared with it."""

_FEE: Final = re.compile(r"处理费|信息公开(?:相关|的)?(?:费用|收费)")
_NOT_COLLECTED: Final = re.compile(
    r"(?:未|没有|不|无|免)(?:向申请人)?(?:收取|收费|产生|发生|征收|涉及|收)|免收|零收费"
)
_OTHER_FEE: Final = "行政事业性"


@frozen(kw_only=True)
class Contradiction:
    """A phrase that says a table's cells are 0; the rule finds it beside cells that are not."""

    code: str
    zh: str
    en: str
    phrase: re.Pattern[str]
    cells: Mapping[str, tuple[str, ...]]
    """The cells each group of ``phrase`` names (a group ``""``: the phrase as a whole)."""
    words: tuple[str, ...]
    """Words the phrase holds one of: a part without any is not searched."""
    unless: str = ""
    """Words that take the phrase back in its sentence (结转: the carry-over is said)."""


_AFTER_AUTHORITY: Final = (
    r"(?:因政府信息公开(?:工作)?(?:而)?)?(?:被申请|被提起|被|引起|引发|产生|提起|申请)?(?:的)?"
)
CONTRADICTIONS: Final = (
    Contradiction(
        code="contradiction.carried_forward",
        zh="正文称申请均已办结，表三却有结转下年度继续办理的申请",
        en="the text says every application was completed, yet table 3 carries some forward",
        phrase=re.compile(
            r"(?P<all>(?:均|全部|都)(?:已|已经)?(?:按时|按期|依法|如期|在法定期限内)?(?:予以)?"
            r"(?:办结|办理完毕|办理完成))"
        ),
        cells={"all": ("$.requests.carried_forward.total",)},
        words=("办结", "办理完"),
        unless=r"结转|顺延|下一?年",
    ),
    Contradiction(
        code="contradiction.review_litigation",
        zh="正文称未发生行政复议或行政诉讼，表四却有",
        en="the text says there were no administrative reviews or lawsuits, yet table 4 counts "
        "some",
        phrase=re.compile(
            r"(?:未|没有|无)(?:发生|出现|产生|收到|涉及)?"
            + _AFTER_AUTHORITY
            + r"(?P<a>行政复议|行政诉讼)(?:案件)?"
            + r"(?:[、和及与或](?:被提起|提起)?(?P<b>行政复议|行政诉讼))?"
        ),
        cells={
            "行政复议": ("$.review_litigation.administrative_review.total",),
            "行政诉讼": (
                "$.review_litigation.litigation_direct.total",
                "$.review_litigation.litigation_after_review.total",
            ),
        },
        words=("行政复议", "行政诉讼"),
    ),
)
"""Prose that contradicts a table."""


def _sentences(texts: Sequence[_Text], *words: str) -> Iterator[tuple[_Text, int, int]]:
    """The sentences of ``texts``; with ``words``, only those of texts that hold one."""
    for text in texts:
        if words and not any(w in text.norm for w in words):
            continue
        for start, end in text.sentences():
            yield text, start, end


def _fee_findings(
    report: Report, texts: Sequence[_Text], sources: Mapping[str, Source], codes: frozenset[str]
) -> list[Finding]:
    stated = False
    refusals: list[Evidence] = []
    amounts: list[tuple[Evidence, Decimal]] = []
    for text, start, end in _sentences(texts, "费"):
        sentence = text.norm[start:end]
        if not _FEE.search(sentence):
            continue
        stated = True
        shown = text.shown(start, end)
        refusal = _NOT_COLLECTED.search(sentence)
        if refusal:
            paragraph, at = text.locate(start + refusal.start())
            refusals.append(
                _evidence(
                    paragraph,
                    shown,
                    at,
                    text.raw[start + refusal.start() : start + refusal.end()],
                    sources,
                )
            )
        if _OTHER_FEE in sentence:
            continue
        for token in _NUMBER.finditer(text.norm, start, end):
            if not token["unit"].endswith("元"):
                continue
            try:
                amount = parse_amount(token["num"] + token["unit"])
            except GovInfoError:
                continue
            paragraph, at = text.locate(token.start())
            printed = text.raw[token.start() : token.end()]
            amounts.append((_evidence(paragraph, shown, at, printed, sources), amount.to_yuan()))
    out = []
    who, who_en = _who(report)
    # A report without prose (tables only, as JSON can hold) says nothing, and is not judged.
    if not stated and FEE_STATEMENT in codes and bool(texts):
        zh, en = FEES[FEE_STATEMENT]
        out.append(
            _plain(
                FEE_STATEMENT,
                f"{who}：{zh}，未见相关说明",
                f"{who_en}: {en}; it says nothing of them",
                (),
            )
        )
    positive = [(e, v) for e, v in amounts if v > 0]
    if refusals and positive and FEE_CONTRADICTION in codes:
        zh, en = FEES[FEE_CONTRADICTION]
        ((first, value),) = positive[:1]
        out.append(
            _plain(
                FEE_CONTRADICTION,
                f"{who}：{zh}：“{refusals[0].sentence}”；“{first.sentence}”",
                f"{who_en}: {en}: {value} 元 (“{refusals[0].sentence}”; “{first.sentence}”)",
                (refusals[0], first),
            )
        )
    return out


def _plain(
    code: str, zh: str, en: str, evidence: tuple[Evidence, ...], cells: tuple[CellRef, ...] = ()
) -> Finding:
    return Finding(
        code=code,
        severity=Severity.WARNING,
        status=Status.BROKEN,
        cells=cells,
        expected=None,
        printed=None,
        difference=None,
        message_zh=zh,
        message_en=en,
        evidence=evidence,
    )


def _contradictions(
    report: Report, texts: Sequence[_Text], sources: Mapping[str, Source], codes: frozenset[str]
) -> list[Finding]:
    out = []
    who, who_en = _who(report)
    for rule in CONTRADICTIONS:
        if rule.code not in codes:
            continue
        for text, start, end in _sentences(texts, *rule.words):
            sentence = text.norm[start:end]
            if rule.unless and re.search(rule.unless, sentence):
                continue
            for match in rule.phrase.finditer(sentence):
                named = [v for v in match.groupdict().values() if v]
                paths = [
                    p for word in named for p in rule.cells.get(word, rule.cells.get("all", ()))
                ]
                if "all" in match.groupdict():
                    paths = list(rule.cells["all"])
                refs = tuple(_ref(report, p) for p in paths)
                counts = [_count(r.printed) for r in refs]
                if not any(c for c in counts):
                    continue
                paragraph, at = text.locate(start + match.start())
                evidence = _evidence(
                    paragraph,
                    text.shown(start, end),
                    at,
                    text.raw[start + match.start() : start + match.end()],
                    sources,
                )
                zh_cells, en_cells = _labels(refs)
                shown = "、".join(str(r.printed) for r in refs)
                out.append(
                    _plain(
                        rule.code,
                        f"{who}：{rule.zh}：“{evidence.sentence}”；{zh_cells}填报 {shown}",
                        f"{who_en}: {rule.en}: “{evidence.sentence}”; {en_cells} prints {shown}",
                        (evidence,),
                        refs,
                    )
                )
                break
    return out


# --- all of them ---------------------------------------------------------------------------


def findings(
    report: Report,
    sources: Mapping[str, Source],
    codes: Sequence[str],
    derived: Callable[[str], Cell],
) -> list[Finding]:
    """The findings of the prose rules ``codes`` (the report's, in catalogue order), each
    rule's in report order. ``derived`` gives the cell at a path with the report's totals
    recomputed, asked for only when a stated total disagrees (to say whether the text agrees
    with the parts)."""
    wanted = frozenset(codes)
    texts = _texts(report)
    out = [
        f
        for s in statements(report, texts)
        if s.quantity.code in wanted
        for f in [_mismatch(report, s, sources, derived)]
        if f is not None
    ]
    out += _fee_findings(report, texts, sources, wanted)
    out += _contradictions(report, texts, sources, wanted)
    order = {code: i for i, code in enumerate(codes)}
    return sorted(out, key=lambda f: order[f.code])


RULES: Final[Mapping[str, tuple[str, str]]] = {
    **{
        q.code: (f"正文所述{q.zh}与表格一致", f"the {q.en} the text states agree with the tables")
        for q in QUANTITIES
    },
    **FEES,
    **{c.code: (c.zh, c.en) for c in CONTRADICTIONS},
}
"""Code → (说明, description) of every prose rule, in the order of their findings."""
