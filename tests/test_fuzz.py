"""The fuzz campaign: real reports, mutated, through every public entry point.

Three families of cases, each checked against the promise (bad input gets a
:class:`~govinfo.errors.GovInfoError`, never another exception, never a hang) and, where a
report comes back, against the invariants of a reading:

* text: the bundled reference text and the PDF-extracted fixtures, mutated line by line and
  character by character, into ``parse_text``, ``read_text``, ``read`` (bytes in several
  encodings, some damaged) and ``read_all``;
* JSON: the reference report and generated ones, mutated in structure and in text, into
  ``from_json`` and ``read``;
* helpers: every public function of numerals, dates, enumerators and amounts;
* the other front-ends: a web page with its markup edited, a Word file with its document
  tree edited, a PDF damaged or printed from a changed report, and crawler text of the
  example pages edited, each into ``read``.

The default profile keeps the file inside the suite's budget; ``HYPOTHESIS_PROFILE=fuzz`` runs a
long campaign (see docs/reliability.md). Every case is tallied; with ``GOVINFO_FUZZ_REPORT`` set
the totals are written there as JSON when the module ends. ``GOVINFO_FUZZ_KEEP_GOING=1`` records
a broken promise and goes on, keeping the shortest input of each kind of failure, instead of
stopping the test to shrink it: for a campaign that should find every bug, not the first.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import importlib.util
import io
import json
import os
import pathlib
import re
import signal
import threading
import time
import traceback
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

import govinfo
from govinfo import amounts, dates, enumerators, numerals
from govinfo.errors import GovInfoError, TextRenderError, TextSyntaxError
from govinfo.formats._textlex import uniform
from govinfo.formats.text import BLANK_MARK, UNREAD_MARK
from govinfo.model import BLANK, Blank, Placeholder, Report, Unread
from govinfo.sources import TextSource
from govinfo.strategies import reports
from govinfo.template import ColumnKind
from govinfo.zh.amounts import Amount, Unit
from govinfo.zh.dates import DateStyle
from govinfo.zh.enumerators import Citation, Enumerator, EnumeratorKind
from govinfo.zh.numerals import NumberStyle
from test_robustness import PUBLIC

# --- the budget ---------------------------------------------------------------------------

_PER_CASE = float(os.environ.get("GOVINFO_FUZZ_TIMEOUT", "10"))
"""Seconds one case (the call and its invariants) may take before it counts as a hang."""

_KEEP_GOING = os.environ.get("GOVINFO_FUZZ_KEEP_GOING", "") not in ("", "0")


def budget(examples: int) -> Any:
    """``settings`` for a test worth ``examples`` cases in the default profile (100 examples),
    scaled by the profile's ``max_examples``: the ``fuzz`` profile runs a thousand times as
    many. Slow and large inputs are the point here, so their health checks are off."""
    profile = settings()
    return settings(
        max_examples=max(1, examples * profile.max_examples // 100),
        suppress_health_check=[
            *profile.suppress_health_check,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


# --- the tally ----------------------------------------------------------------------------


class Hang(BaseException):
    """A case ran past its time. A BaseException, so no ``except Exception`` swallows it."""


class Tally:
    """Cases per entry point, what they answered, and the promises they broke."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.cases: Counter[str] = Counter()
        self.outcomes: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.failures: Counter[str] = Counter()
        self.slowest: dict[str, float] = {}
        self.failed: dict[str, dict[str, Any]] = {}
        self.notes: Counter[str] = Counter()

    def as_json(self) -> dict[str, Any]:
        return {
            "profile": settings().max_examples,
            "seconds": round(time.monotonic() - self.started, 1),
            "cases": sum(self.cases.values()),
            "cases_by_entry": dict(sorted(self.cases.items())),
            "outcomes_by_entry": {
                k: dict(v.most_common()) for k, v in sorted(self.outcomes.items())
            },
            "exceptions_by_type": dict(
                sum((v for v in self.outcomes.values()), Counter()).most_common()
            ),
            "invariant_failures": dict(sorted(self.failures.items())),
            "slowest_case_seconds": {k: round(v, 3) for k, v in sorted(self.slowest.items())},
            "failed": self.failed,
            "notes": dict(sorted(self.notes.items())),
        }


TALLY = Tally()


@pytest.fixture(scope="module", autouse=True)
def _report_totals() -> Iterator[None]:
    yield
    path = os.environ.get("GOVINFO_FUZZ_REPORT")
    if path:
        pathlib.Path(path).write_text(
            json.dumps(TALLY.as_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _where(error: BaseException) -> str:
    """The innermost line of govinfo that the error passed through."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "/govinfo/" in f.filename]
    if not frames:
        return "?"
    last = frames[-1]
    return f"{pathlib.Path(last.filename).name}:{last.lineno}"


def _broken(entry: str, case: object, what: str, error: BaseException) -> None:
    TALLY.failures[entry] += 1
    message = str(error).split("\n", 1)[0][:300]
    if isinstance(error, AssertionError):
        signature = f"{entry}: {message.split(':', 1)[0]}"
    else:
        signature = f"{entry}: {what} {type(error).__name__} at {_where(error)}"
    shown = _shown(case)
    seen = TALLY.failed.get(signature)
    if seen is None or len(shown) < len(seen["case"]):
        TALLY.failed[signature] = {
            "count": (seen or {"count": 0})["count"],
            "case": shown,
            "error": f"{type(error).__name__}: {message}",
        }
    TALLY.failed[signature]["count"] += 1
    if not _KEEP_GOING:
        raise AssertionError(
            f"{entry} {what} {type(error).__name__}: {message}\non {shown}"
        ) from error


KNOWN_BUGS: dict[str, tuple[str, Callable[[Any], bool]]] = {
    # None open. A bug a campaign finds goes here (which invariant it breaks, and a test of
    # the subject it breaks it for), with its smallest case as a strict xfail test at the end
    # of this file, until it is fixed; then both go. The four of the first campaigns were
    # fixed, their cases now tests in tests/test_reliability.py.
}
"""Bugs the campaign found and that are not fixed yet: the invariant each breaks and a test of
what breaks it (a report, or the error raised). A case that breaks that invariant and matches
is tallied under the bug's name instead of failing, so the suite stays green while the strict
xfail reproducer at the end of this file keeps the bug in sight; once the bug is fixed the
reproducer fails: remove both then."""


def known(invariant: str, subject: object) -> bool:
    """Whether ``subject`` breaking ``invariant`` is a known bug (tallied if so)."""
    for name, (broken, matches) in KNOWN_BUGS.items():
        if broken == invariant and matches(subject):
            TALLY.notes[f"known bug: {name}"] += 1
            return True
    return False


def raised(call: Callable[[], object]) -> GovInfoError | None:
    """The GovInfoError ``call`` raises, or None."""
    try:
        call()
    except GovInfoError as error:
        return error
    return None


def run(
    entry: str,
    case: object,
    call: Callable[[], Any],
    hold: Callable[[Any], None],
    *,
    raises: tuple[type[GovInfoError], ...] = (GovInfoError,),
) -> None:
    """One case: ``call`` must answer or raise a GovInfoError (one of ``raises``, the kinds
    its documentation names), within the time; what it answers must satisfy ``hold``.
    Anything else is a broken promise, shown with ``case``."""
    TALLY.cases[entry] += 1
    start = time.perf_counter()
    try:
        with _deadline(_PER_CASE):
            try:
                value = call()
            except GovInfoError as error:
                TALLY.outcomes[entry][type(error).__name__] += 1
                if not isinstance(error, raises) and not known("unlocated error", error):
                    _broken(entry, case, "raised an error of another kind,", error)
                return
            except (Exception, Hang) as error:
                TALLY.outcomes[entry][type(error).__name__] += 1
                _broken(entry, case, "raised", error)
                return
            TALLY.outcomes[entry]["ok"] += 1
            try:
                hold(value)
            except (Exception, Hang) as error:
                _broken(entry, case, "broke an invariant with", error)
    finally:
        spent = time.perf_counter() - start
        if spent > TALLY.slowest.get(entry, 0.0):
            TALLY.slowest[entry] = spent


# --- showing a case -----------------------------------------------------------------------


def compact(text: str) -> str:
    """``text`` as a Python expression, with long runs written ``'9' * 5000``."""
    parts: list[str] = []
    for match in re.finditer(r"(.)\1{15,}|(?:(.)(?!\2{15}))+", text, re.DOTALL):
        run_ = match.group()
        if match.group(1) is not None:
            parts.append(f"{run_[0]!r} * {len(run_)}")
        else:
            parts.append(repr(run_))
    return " + ".join(parts) or "''"


def _shown(value: object) -> str:
    """``value`` for a message: long runs of a str compacted, an int too long for ``repr``
    (Python writes at most 4,300 digits) by its size."""
    if isinstance(value, str):
        return compact(value)
    if isinstance(value, int) and value.bit_length() > 14_000:
        return f"<an int of {value.bit_length()} bits>"
    if isinstance(value, tuple | list):
        inner = ", ".join(_shown(v) for v in value)
        return (
            f"({inner},)"
            if isinstance(value, tuple) and len(value) == 1
            else (f"({inner})" if isinstance(value, tuple) else f"[{inner}]")
        )
    try:
        return repr(value)
    except ValueError:  # a repr that meets an int too long to write
        return f"<{type(value).__name__} too large to show>"


# --- the invariants -----------------------------------------------------------------------


def report_holds(report: govinfo.Report) -> None:
    """What every report govinfo returns must allow: checks run, JSON and text round trips."""
    try:
        govinfo.check(report)
    except Exception as error:
        raise AssertionError(f"check: check(report) raised {error!r}") from error
    again = govinfo.from_json(json.dumps(json.loads(govinfo.to_json(report))))
    assert again == report, "json round trip: from_json(to_json(r)) != r"
    try:
        text = govinfo.render_text(report)
    except TextRenderError:
        TALLY.notes["render_text refused (TextRenderError)"] += 1
        return
    try:
        back = govinfo.parse_text(text)
    except GovInfoError as error:
        raise AssertionError(
            f"text round trip: parse_text(render_text(r)) raised {error}"
        ) from error
    if back != report and known("text round trip", report):
        return
    assert back == report, "text round trip: parse_text(render_text(r)) != r"


_WIDE = str.maketrans("０１２３４５６７８９，－", "0123456789,-")
_INTEGER = re.compile(r"([+-]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)")


# ○ (U+25CB) is typed for 〇 in real reports: govinfo reads it as 〇, with the note every
# number in Chinese numerals gets (see govinfo.zh._chars.VARIANTS).
_CHINESE = re.compile(r"负?[〇○零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟廿卅]+")


_WORD_SIGNED = re.compile("([增减])([0-9]{1,4000})")


def _printed_integer(printed: str) -> int | None:
    """The integer ``printed`` says, read here without govinfo: digits (ASCII or full-width),
    an optional sign, thousands commas (None for more digits than Python reads)."""
    match = _INTEGER.fullmatch(printed.translate(_WIDE).strip())
    if match is None or len(match.group(2)) > 4000:
        return None
    number = int(match.group(2).replace(",", ""))
    return -number if match.group(1) == "-" else number


def _printed_count(printed: str, kind: ColumnKind) -> int | None:
    """The count ``printed`` says: an integer, in Chinese numerals (read with a note), or in a
    signed column the word and digits (2019's 本年增/减: 减12)."""
    said = _printed_integer(printed)
    if said is None and _CHINESE.fullmatch(printed.strip()):
        said = numerals.parse_number(printed.strip())
    signed = _WORD_SIGNED.fullmatch(printed.strip())
    if said is None and signed and kind is ColumnKind.DELTA:
        said = int(signed.group(2)) * (-1 if signed.group(1) == "减" else 1)
    return said


def _printed_is(cell: object, kind: ColumnKind, printed: str, where: str) -> None:
    if isinstance(cell, Blank):
        assert printed.strip() in ("", BLANK_MARK), (
            f"blank source: {where} is blank, printed {printed!r}"
        )
    elif isinstance(cell, Placeholder):
        assert printed == cell.text, f"placeholder source: {where} is {cell!r}, printed {printed!r}"
    elif type(cell) is int:
        said = _printed_count(printed, kind)
        assert said == cell or known("count source", printed), (
            f"count source: {where} is {cell}, printed {_shown(printed)}"
        )
    elif isinstance(cell, Decimal):
        amount = amounts.parse_amount(printed, default_unit=Unit.WAN_YUAN)
        assert amount.unit is Unit.WAN_YUAN, f"money source: {where} printed {printed!r}"
        assert amount.value == cell, f"money source: {where} is {cell}, printed {printed!r}"
        assert kind is ColumnKind.MONEY, f"money source: {where} holds money in a {kind} column"
    elif isinstance(cell, Amount):
        assert amounts.parse_amount(printed) == cell, (
            f"amount source: {where} is {cell}, printed {printed!r}"
        )
    else:
        raise AssertionError(f"cell type: {where} holds {cell!r}")


def reading_holds(result: govinfo.ReadResult, text: str) -> None:
    """A reading of ``text`` (its uniform form): the report holds, every value read is what its
    source prints, the source is where it says in the input, and an unread cell is explained."""
    report = result.report
    report_holds(report)
    sources = result.sources
    for path, grid in report.grids():
        for row, column, cell in grid.items():
            if isinstance(cell, Unread):
                continue
            where = f"{path}.{row.key}.{column.key}"
            source = sources.get(where)
            assert isinstance(source, TextSource), f"no source: {where} = {cell!r}"
            found = text[source.offset : source.offset + source.length]
            assert found == source.text, (
                f"source misplaced: {where} says {source!r}, the input there is {found!r}"
            )
            _printed_is(cell, column.kind, source.text, where)
    year = sources.get("$.year")
    if year is not None:
        digits = year.text.strip().removesuffix("年").strip()
        said = numerals.parse_number(digits) if numerals.is_valid_number(digits) else None
        assert said == report.year or known("year source", report), (
            f"year source: year {report.year}, printed {year.text!r}"
        )
    if report.publication_date is not None:
        printed = sources.get("$.publication_date")
        assert printed is not None, "no source: $.publication_date"
        found_dates = [f.date for f in dates.find_dates(printed.text)]
        assert report.publication_date in found_dates, (
            f"date source: {report.publication_date}, printed {printed.text!r}"
        )
    assert bool(result.unread) <= bool(result.errors), (
        f"unread without error: {len(result.unread)} unread cells ({result.unread[0]}), no error"
    )


# --- text cases ---------------------------------------------------------------------------

FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "pdf-text"
BASES: dict[str, str] = {
    "reference": pathlib.Path(govinfo.example_path(".txt")).read_text(encoding="utf-8"),
    **{p.stem: p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))},
}
BASE_LINES = {name: text.split("\n") for name, text in BASES.items()}

HUGE = ["9" * 5000, "1" * 4301, "1" + "0" * 15, "１" * 5000, "-" + "9" * 5000, "9" * 5000 + ".5"]
PAGE_MARKERS = [
    "- 3 -",
    "— 4 —",
    "第5页",
    "第 5 页 共 9 页",
    "第１页",
    "－ ２ －",
    "-" + "9" * 5000 + "-",
]
CONTROL = [chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]]
BREAKS = ["\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
SPACES = [" ", "\t", "\u3000", "\xa0", "  ", "\u2003", "\u200b"]
ODD = (
    "0123456789０１２３４５６７８９,.-+/|（）()、．：:"
    "零〇○一二两三四五六七八九十百千万亿点负壹贰拾佰仟萬億年月日元第条项①⑱²ⅷ١"
    "\ufeff\ud800\udfff\x00\r\u3000#*—"
)
_DIGITS = "0123456789０１２３４５６７８９,.一二十〇 "
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_STYLES = list(NumberStyle)


class Mutated:
    """A base text and the mutations made to it, in order; shown as both, never as the text
    (a plain class: Hypothesis would print every field of an attrs one)."""

    def __init__(self, base: str, ops: tuple[tuple[Any, ...], ...], text: str) -> None:
        self.base, self.ops, self.text = base, ops, text

    def __repr__(self) -> str:
        ops = ", ".join(_shown(op) for op in self.ops)
        return f"Mutated({self.base!r}, ops=[{ops}])"


def _chinese(line: str) -> str:
    number = _printed_integer(line)
    if number is None:
        return line
    try:
        return numerals.format_number(number, style=_STYLES[len(line) % len(_STYLES)])
    except GovInfoError:
        return line


def _insert(line: str, at: int, piece: str) -> str:
    at = min(at, len(line))
    return line[:at] + piece + line[at:]


def apply(lines: list[str], op: tuple[Any, ...]) -> None:
    """Make mutation ``op`` to ``lines`` in place: ``(name, line, *arguments)``."""
    name, i = op[0], op[1]
    if not lines:
        lines.append("")
    i = min(i, len(lines) - 1)
    if name == "delete":
        del lines[i : i + op[2]]
    elif name == "duplicate":
        lines[i:i] = lines[i : i + op[2]]
    elif name == "swap" and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif name == "insert":
        lines.insert(i, op[2])
    elif name == "replace":
        lines[i] = op[2]
    elif name == "put":
        lines[i] = _insert(lines[i], op[2], op[3])
    elif name == "char":
        at = min(op[2], max(len(lines[i]) - 1, 0))
        lines[i] = lines[i][:at] + op[3] + lines[i][at + 1 :]
    elif name == "wide":
        lines[i] = lines[i].translate(_FULL_WIDTH)
    elif name == "chinese":
        lines[i] = _chinese(lines[i])
    elif name == "pipes":
        lines[i : i + op[2]] = ["| " + " | ".join(lines[i : i + op[2]]) + " |"]
    elif name == "join" and i + 1 < len(lines):
        lines[i : i + 2] = [lines[i] + op[2] + lines[i + 1]]
    elif name == "split":
        at = min(op[2], len(lines[i]))
        lines[i : i + 1] = [lines[i][:at], lines[i][at:]]
    elif name == "end":
        lines[i] += op[2]
    elif name == "number" and _printed_integer(lines[i]) is not None:
        lines[i] = str(max(0, (_printed_integer(lines[i]) or 0) + op[2]))


_NUMBERS = (
    st.integers(0, 99).map(str)
    | st.integers(-(10**6), 10**18).map(str)
    | st.sampled_from(
        [
            "1,000",
            "+3",
            "-0",
            "0.5",
            "1.5万元",
            "299.8145",
            "12三",
            "三",
            "/",
            "—",
            "不适用",
            BLANK_MARK,
            UNREAD_MARK,
            "１２",
            "2021年",
            "二〇二二年一月十八日",
        ]
    )
)


@st.composite
def _op(draw: st.DrawFn, lines: list[str]) -> tuple[Any, ...]:
    i = draw(st.integers(0, max(len(lines) - 1, 0)))
    line = lines[i] if i < len(lines) else ""
    at = draw(st.integers(0, len(line)))
    name = draw(
        st.sampled_from(
            ["delete", "duplicate", "swap", "number", "stray", "junk", "huge", "page", "pipes",
             "rule", "bom", "break", "control", "surrogate", "wide", "chinese", "char", "space",
             "join", "split", "graft", "crlf", "heading", "digit", "digit", "digit"]
        )
    )  # fmt: skip
    if name in ("delete", "duplicate"):
        return (name, i, draw(st.integers(1, 3) | st.just(1)))
    if name in ("swap", "wide", "chinese"):
        return (name, i)
    if name == "number":
        return ("number", i, draw(st.integers(-3, 3)))
    if name == "stray":
        return ("insert", i, draw(_NUMBERS))
    if name == "junk":
        return ("insert", i, draw(st.text(max_size=20) | st.text(ODD, max_size=20)))
    if name == "huge":
        return (draw(st.sampled_from(["insert", "replace"])), i, draw(st.sampled_from(HUGE)))
    if name == "page":
        return ("insert", i, draw(st.sampled_from(PAGE_MARKERS)))
    if name == "pipes":
        return ("pipes", i, draw(st.integers(1, 8)))
    if name == "rule":
        return ("insert", i, draw(st.sampled_from(["|---|---|", "| --- | :---: |", "|---|"])))
    if name == "bom":
        return ("put", i, at, "\ufeff")
    if name == "break":
        return ("put", i, at, draw(st.sampled_from(BREAKS)))
    if name == "crlf":
        return ("end", i, draw(st.sampled_from(["\r", "\xa0", " ", "\u3000", "|"])))
    if name == "control":
        return ("put", i, at, draw(st.sampled_from(CONTROL)))
    if name == "digit":
        digits = [k for k, c in enumerate(line) if c.isdigit()]
        if digits:
            return ("char", i, draw(st.sampled_from(digits)), draw(st.sampled_from(_DIGITS)))
        return ("number", i, draw(st.integers(-3, 3)))
    if name == "surrogate":
        return ("put", i, at, chr(draw(st.integers(0xD800, 0xDFFF))))
    if name == "char":
        return ("char", i, at, draw(st.sampled_from(ODD) | st.characters()))
    if name == "space":
        return ("put", i, at, draw(st.sampled_from(SPACES)))
    if name == "join":
        return ("join", i, draw(st.sampled_from([*SPACES, ""])))
    if name == "split":
        return ("split", i, at)
    if name == "heading":
        return (
            "put",
            i,
            0,
            draw(st.sampled_from(["# ", "## ", "**", "|", "（一）", "一、", "1."])),
        )
    other = draw(st.sampled_from(sorted(BASE_LINES)))
    return ("insert", i, draw(st.sampled_from(BASE_LINES[other])))


@st.composite
def mutated(draw: st.DrawFn) -> Mutated:
    """A real report's text with one to eight mutations, or (now and then) a whole-text one."""
    base = draw(st.sampled_from(sorted(BASES)))
    lines = list(BASE_LINES[base])
    ops: list[tuple[Any, ...]] = []
    for _ in range(draw(st.integers(1, 8))):
        op = draw(_op(lines))
        apply(lines, op)
        ops.append(op)
    text = "\n".join(lines)
    whole = draw(st.sampled_from(["", "", "", "", "crlf", "bom", "cr", "strip"]))
    if whole:
        ops.append((whole,))
        text = {
            "crlf": lambda t: t.replace("\n", "\r\n"),
            "bom": lambda t: "\ufeff" + t,
            "cr": lambda t: t.replace("\n", "\r"),
            "strip": lambda t: t.strip(),
        }[whole](text)
    return Mutated(base, tuple(ops), text)


ENCODINGS = [
    "utf-8",
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "gbk",
    "gb18030",
    "big5",
]


class Encoded:
    """A mutated text as bytes in ``encoding``, then bytes flipped or the end cut off."""

    def __init__(
        self, text: Mutated, encoding: str, damage: tuple[tuple[Any, ...], ...], data: bytes
    ) -> None:
        self.text, self.encoding, self.damage, self.data = text, encoding, damage, data

    def __repr__(self) -> str:
        return f"Encoded({self.text!r}, {self.encoding!r}, damage={list(self.damage)!r})"


def encode(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding``: lone surrogates passed through as invalid bytes for UTF, any
    other character the encoding lacks written as its replacement (``?``)."""
    try:
        return text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


@st.composite
def encoded(draw: st.DrawFn) -> Encoded:
    text = draw(mutated())
    encoding = draw(st.sampled_from(ENCODINGS))
    data = encode(text.text, encoding)
    damage: list[tuple[Any, ...]] = []
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        how = draw(st.sampled_from(["flip", "cut", "drop", "high"]))
        if how == "flip" and data:
            bit = draw(st.integers(0, 7))
            data = data[:at] + bytes([data[at] ^ (1 << bit)]) + data[at + 1 :]
            damage.append(("flip", at, bit))
        elif how == "cut":
            data = data[:at]
            damage.append(("cut", at))
        elif how == "drop":
            data = data[:at] + data[at + 1 :]
            damage.append(("drop", at))
        else:
            byte = draw(st.integers(0x80, 0xFF))
            data = data[:at] + bytes([byte]) + data[at:]
            damage.append(("insert", at, byte))
    return Encoded(text, encoding, tuple(damage), data)


def _uniform(data: bytes) -> str:
    return uniform(govinfo.decode(data).text)


def _text_result_holds(data: bytes) -> Callable[[govinfo.ReadResult], None]:
    def hold(result: govinfo.ReadResult) -> None:
        if result.input is not None and result.input.kind is govinfo.Kind.JSON:
            report_holds(result.report)
        else:
            reading_holds(result, _uniform(data))

    return hold


@budget(200)
@given(case=mutated())
def test_parse_text(case: Mutated) -> None:
    run(
        "parse_text",
        case,
        lambda: govinfo.parse_text(case.text),
        report_holds,
        raises=(TextSyntaxError,),
    )


@budget(200)
@given(case=mutated())
def test_read_text(case: Mutated) -> None:
    def hold(result: govinfo.ReadResult) -> None:
        reading_holds(result, uniform(case.text))
        # Lenient and strict agree: strict raises exactly when the lenient reading has errors.
        strict: list[govinfo.Report] = []
        error = raised(lambda: strict.append(govinfo.parse_text(case.text)))
        if error is not None:
            assert result.errors, f"strict disagrees: parse_text raised {error!r}, no error read"
        else:
            assert not result.errors, "strict disagrees: parse_text read what read_text could not"
            assert strict == [result.report], "strict disagrees: parse_text read another report"

    run("read_text", case, lambda: govinfo.read_text(case.text), hold, raises=(TextSyntaxError,))


@budget(200)
@given(case=encoded(), strict=st.booleans())
def test_read_bytes(case: Encoded, strict: bool) -> None:
    entry = "read(bytes, strict)" if strict else "read(bytes)"
    run(entry, case, lambda: govinfo.read(case.data, strict=strict), _text_result_holds(case.data))


@budget(100)
@given(
    cases=st.lists(mutated(), min_size=1, max_size=3),
    separator=st.sampled_from(["\n", "\n\n", "\f", "\n- 1 -\n"]),
)
def test_read_all(cases: list[Mutated], separator: str) -> None:
    data = encode(separator.join(c.text for c in cases), "utf-8")
    hold_one = _text_result_holds(data)

    def hold(results: tuple[govinfo.ReadResult, ...]) -> None:
        assert results, "read_all: no result"
        for result in results:
            hold_one(result)

    run("read_all", (cases, separator), lambda: govinfo.read_all(data), hold)


# --- JSON cases ---------------------------------------------------------------------------

EXAMPLE = govinfo.load_example()
EXAMPLE_JSON = govinfo.to_json(EXAMPLE)
VALIDATOR = jsonschema.Draft202012Validator(
    govinfo.json_schema(), format_checker=jsonschema.FormatChecker()
)

_MARK = "@@fuzz{}@@"
DEEP_SIZES = [33, 100, 1000, 10_000, 100_000]
HUGE_LITERALS = [
    "9" * 5000, "-" + "9" * 5000, "1" + "0" * 4301, "1e400", "-1e400", "1E2", "1.0", "-0", "0.0",
    "1" + "0" * 15, "999999999999999", "1e-400", '"' + "9" * 5000 + '"', "2.5",
]  # fmt: skip

_json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=10)
    | st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=2)
    | st.sampled_from(
        ["", "/", "2021", "2021-01-18", "2021-02-30", "299.8145", "1e3", "V2021", "2019"]
    )
)


def _json_containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)


_json_values = st.recursive(_json_scalars, _json_containers, max_leaves=6)


class JsonCase:
    """A report's JSON, structural mutations at paths, then textual ones; as str or bytes."""

    def __init__(self, base: str, ops: tuple[tuple[Any, ...], ...], text: str | bytes) -> None:
        self.base, self.ops, self.text = base, ops, text

    def __repr__(self) -> str:
        ops = ", ".join(_shown(op) for op in self.ops)
        return f"JsonCase({self.base}, ops=[{ops}])"


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _paths(inner, (*path, index))


def _retype(value: Any, how: int) -> Any:
    if isinstance(value, bool):
        return [int(value), str(value).lower(), None][how % 3]
    if isinstance(value, int):
        return [str(value), float(value), [value], {"value": value}, value + 1, -value - 1, True][
            how % 7
        ]
    if isinstance(value, str):
        return [len(value), [value], {"placeholder": value}, value + "\ud800", value * 50, ""][
            how % 6
        ]
    if isinstance(value, list):
        return [{str(i): v for i, v in enumerate(value)}, value[:1], [*value, *value], value[::-1]][
            how % 4
        ]
    if isinstance(value, dict):
        return [list(value.values()), list(value), {}, {**value, "extra": 1}][how % 4]
    return [0, "", [], {}][how % 4]


@st.composite
def json_cases(draw: st.DrawFn) -> JsonCase:
    if draw(st.integers(0, 3)):  # a generated report costs ten cases to draw
        base, text = "example", EXAMPLE_JSON
    else:
        report = draw(reports())
        text = govinfo.to_json(report)
        base = "generated"
        note(f"base JSON: {text}")
    data = json.loads(text)
    ops: list[tuple[Any, ...]] = []
    literals: dict[str, str] = {}
    for _ in range(draw(st.integers(0, 4))):
        paths = list(_paths(data))
        path = paths[draw(st.integers(0, len(paths) - 1))]
        how = draw(
            st.sampled_from(
                ["delete", "replace", "retype", "huge", "deep", "rename", "add", "swap"]
            )
        )
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        if how == "delete" and path:
            del parent[path[-1]]
            ops.append(("delete", path))
            continue
        if how == "rename" and path and isinstance(parent, dict):
            new = (
                path[-1] + draw(st.sampled_from(["_", "s", " ", "\ud800"]))
                if draw(st.booleans())
                else path[-1].upper()
            )
            parent[new] = parent.pop(path[-1])
            ops.append(("rename", path, new))
            continue
        if how == "add" and isinstance(parent, dict):
            key = draw(st.text(max_size=8))
            parent[key] = draw(_json_values)
            ops.append(("add", path[:-1], key, parent[key]))
            continue
        if how == "swap" and path and isinstance(parent, dict) and len(parent) > 1:
            other = draw(st.sampled_from(sorted(k for k in parent if k != path[-1])))
            parent[path[-1]], parent[other] = parent[other], parent[path[-1]]
            ops.append(("swap", path, other))
            continue
        if how == "huge":
            mark = _MARK.format(len(literals))
            literals[mark] = draw(st.sampled_from(HUGE_LITERALS))
            new_value: Any = mark
            ops.append(("literal", path, literals[mark]))
        elif how == "deep":
            mark = _MARK.format(len(literals))
            n = draw(st.sampled_from(DEEP_SIZES))
            opening, closing = draw(st.sampled_from([("[", "]"), ('{"a":', "}"), ('{"":[', "]}")]))
            literals[mark] = opening * n + "0" + closing * n
            new_value = mark
            ops.append(("deep", path, f"{opening!r} * {n} + '0' + {closing!r} * {n}"))
        elif how == "retype":
            new_value = _retype(_get(data, path), draw(st.integers(0, 6)))
            ops.append(("retype", path, new_value))
        else:
            new_value = draw(_json_values)
            ops.append(("replace", path, new_value))
        if path:
            parent[path[-1]] = new_value
        else:
            data = new_value
    try:
        text = json.dumps(
            data, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2]))
        )
    except ValueError:  # a float json cannot write: leave the structure as it was
        text = EXAMPLE_JSON if base == "example" else text
    for mark, literal in literals.items():
        text = text.replace(f'"{mark}"', literal)
    as_bytes = draw(st.booleans())
    raw: str | bytes = (
        encode(text, draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "utf-32"])))
        if as_bytes
        else text
    )
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        at = draw(st.integers(0, max(len(raw) - 1, 0)))
        how = draw(st.sampled_from(["flip", "cut", "drop", "insert", "duplicate"]))
        piece = raw[at : at + draw(st.integers(1, 40))]
        if how == "flip" and raw:
            if isinstance(raw, bytes):
                bit = draw(st.integers(0, 7))
                raw = raw[:at] + bytes([raw[at] ^ (1 << bit)]) + raw[at + 1 :]
                ops.append(("flip byte", at, bit))
            else:
                char = draw(
                    st.sampled_from('{}[]":,0123456789-.etruflsn\\\ud800 ') | st.characters()
                )
                raw = raw[:at] + char + raw[at + 1 :]
                ops.append(("char", at, char))
        elif how == "cut":
            raw = raw[:at]
            ops.append(("cut", at))
        elif how == "drop":
            raw = raw[:at] + raw[at + len(piece) :]
            ops.append(("drop", at, len(piece)))
        elif how == "duplicate":
            raw = raw[:at] + piece + raw[at:]
            ops.append(("duplicate", at, len(piece)))
        elif isinstance(raw, bytes):
            junk = draw(st.binary(min_size=1, max_size=4))
            raw = raw[:at] + junk + raw[at:]
            ops.append(("insert", at, junk))
        else:
            junk = draw(st.text(min_size=1, max_size=4))
            raw = raw[:at] + junk + raw[at:]
            ops.append(("insert", at, junk))
    return JsonCase(base, tuple(ops), raw)


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def json_holds(text: str | bytes) -> Callable[[govinfo.Report], None]:
    def hold(report: govinfo.Report) -> None:
        report_holds(report)
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            data = None
            TALLY.notes["from_json read what json.loads cannot"] += 1
        if data is not None:
            errors = sorted(VALIDATOR.iter_errors(data), key=lambda e: list(e.absolute_path))
            assert not errors, f"schema disagrees: from_json read, the schema rejects: {errors[0]}"

    return hold


@budget(60)
@given(case=json_cases())
def test_from_json(case: JsonCase) -> None:
    run("from_json", case, lambda: govinfo.from_json(case.text), json_holds(case.text))


@budget(30)
@given(case=json_cases(), kind=st.sampled_from([None, "json"]))
def test_read_json(case: JsonCase, kind: str | None) -> None:
    data = case.text if isinstance(case.text, bytes) else encode(case.text, "utf-8")

    def hold(result: govinfo.ReadResult) -> None:
        if result.input is not None and result.input.kind is govinfo.Kind.JSON:
            json_holds(data)(result.report)
        else:
            reading_holds(result, _uniform(data))

    run("read(json)", case, lambda: govinfo.read(data, kind=kind), hold)


# --- helpers ------------------------------------------------------------------------------

_HELPER_ALPHABET = (
    "0123456789０１２３.,-/:()（）、．+ "
    "零〇○一二两三四五六七八九十百千万亿廿卅点负"
    "壹贰拾佰仟萬億年月日星期周起至止自从到元圆角分整第条项款①⑱²ⅷ\u3000单位：\ud800"
)
_REFERENCE = "".join(BASES.values())


_FAMILIES = ["number", "date", "period", "enumerator", "citation", "amount", "header"]


def _formatted(draw: st.DrawFn, family: str) -> str:
    """A well-formed number, date, period, marker, citation, amount or header, in any style."""
    try:
        if family == "number":
            value = draw(
                st.integers(-(10**20), 10**20)
                | st.decimals(allow_nan=False, allow_infinity=False, places=4)
                | st.sampled_from([0, 10**15, 10**48 - 1, Decimal("0.5"), Decimal("-1.05")])
            )
            return numerals.format_number(value, style=draw(st.sampled_from(_STYLES)))
        if family in ("date", "period"):
            day = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)))
            text = dates.format_date(day, style=draw(st.sampled_from(list(DateStyle))))
            if family == "period":
                end = day + datetime.timedelta(draw(st.integers(-5, 400)))
                written = dates.format_date(end, style=draw(st.sampled_from(list(DateStyle))))
                if end.year == day.year and draw(st.booleans()):
                    written = written.split("年", 1)[-1]
                start = draw(st.sampled_from(["", "自", "从", "自 "]))
                joiner = draw(st.sampled_from(["起至", "至", "起到", " 至 ", "-"]))
                text = f"{start}{text}{joiner}{written}{draw(st.sampled_from(['止', '']))}"
            return text
        if family == "enumerator":
            found = Enumerator(
                kind=draw(st.sampled_from(list(EnumeratorKind))), ordinal=draw(st.integers(1, 120))
            )
            return enumerators.format_enumerator(found) + draw(
                st.sampled_from(["", "其他", " 予以公开", "5万元", ".5"])
            )
        if family == "citation":
            cited = Citation(
                article=draw(st.integers(1, 99)), item=draw(st.none() | st.integers(1, 20))
            )
            return enumerators.format_citation(cited)
        if family == "amount":
            value = draw(st.decimals(min_value=0, max_value=10**12, places=draw(st.integers(0, 6))))
            unit = draw(st.sampled_from(list(Unit)))
            return amounts.format_amount(Amount(value=value, unit=unit))
    except GovInfoError:
        return "0"
    return draw(
        st.sampled_from(
            [
                "本年收费金额（单位：万元）",
                "金额(元)",
                "采购总金额（亿元）",
                "单位:万元",
                "（单位：元）",
            ]
        )
    )


def _family(name: str) -> str:
    for family, words in [
        ("number", ["number"]),
        ("period", ["period"]),
        ("date", ["date"]),
        ("citation", ["citation"]),
        ("enumerator", ["enumerator"]),
        ("header", ["header"]),
        ("amount", ["amount"]),
    ]:
        if any(word in name for word in words):
            return family
    return "number"


@st.composite
def helper_texts(draw: st.DrawFn, family: str) -> str:
    """Text for a helper of ``family``: mostly well-formed values of its own kind, sometimes of
    another, slices of real reports or junk; then mutated a character or a run at a time."""
    seed = draw(st.sampled_from(["own", "own", "own", "other", "slice", "alphabet", "any"]))
    if seed == "own":
        text = _formatted(draw, family)
    elif seed == "other":
        text = _formatted(draw, draw(st.sampled_from(_FAMILIES)))
    elif seed == "slice":
        at = draw(st.integers(0, len(_REFERENCE) - 1))
        text = _REFERENCE[at : at + draw(st.integers(1, 40))]
    elif seed == "alphabet":
        text = draw(st.text(_HELPER_ALPHABET, max_size=30))
    else:
        text = draw(st.text(max_size=20))
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2, 3]))):
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["insert", "delete", "replace", "repeat", "wide", "wrap"]))
        char = draw(st.sampled_from(_HELPER_ALPHABET) | st.characters())
        if how == "insert":
            text = text[:at] + char + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + 1 :]
        elif how == "replace":
            text = text[:at] + char + text[at + 1 :]
        elif how == "repeat":
            text = text[:at] + char * draw(st.sampled_from([2, 16, 500, 5000])) + text[at:]
        elif how == "wide":
            text = text.translate(_FULL_WIDTH)
        else:
            text = char + text + char
    return text


def _round_trip(parse: Callable[[str], Any], write: Callable[[Any], str]) -> Callable[[Any], None]:
    def hold(value: Any) -> None:
        try:
            written = write(value)
        except GovInfoError:
            TALLY.notes["helper wrote nothing (GovInfoError)"] += 1
            return
        assert parse(written) == value, (
            f"helper round trip: {value!r} written {written!r} reads back otherwise"
        )

    return hold


def _is_bool(value: Any) -> None:
    assert type(value) is bool, f"is_valid: answered {value!r}"


def _period(value: tuple[datetime.date, datetime.date]) -> None:
    first, last = value
    assert first <= last, f"period: {first} after {last}"
    _round_trip(dates.parse_date, dates.format_date)(first)
    _round_trip(dates.parse_date, dates.format_date)(last)


def _unit(value: Any) -> None:
    assert isinstance(value, Unit), f"unit: answered {value!r}"


HOLDS: dict[str, Callable[[str], Callable[[Any], None]]] = {
    "parse_number": lambda t: _round_trip(numerals.parse_number, numerals.format_number),
    "parse_number lenient": lambda t: _round_trip(numerals.parse_number, numerals.format_number),
    "parse_date": lambda t: _round_trip(dates.parse_date, dates.format_date),
    "parse_period": lambda t: _period,
    "parse_enumerator": lambda t: _round_trip(
        enumerators.parse_enumerator, enumerators.format_enumerator
    ),
    "parse_citation": lambda t: _round_trip(
        enumerators.parse_citation, enumerators.format_citation
    ),
    "parse_amount": lambda t: _round_trip(amounts.parse_amount, amounts.format_amount),
    "parse_amount 万元": lambda t: _round_trip(amounts.parse_amount, amounts.format_amount),
    "unit_from_header": lambda t: _unit,
}


def _found_dates(text: str) -> Callable[[Any], None]:
    def hold(found: tuple[dates.FoundDate, ...]) -> None:
        last = 0
        for f in found:
            assert last <= f.start < f.end <= len(text), (
                f"find_dates: span {f.start}:{f.end} out of order or place"
            )
            assert dates.parse_date(text[f.start : f.end]) == f.date, (
                f"find_dates: {f.date} read at {f.start}:{f.end}, printed {text[f.start : f.end]!r}"
            )
            last = f.end

    return hold


def _split(line: str) -> Callable[[Any], None]:
    def hold(value: tuple[Enumerator | None, str]) -> None:
        marker, rest = value
        assert line.endswith(rest), (
            f"split_enumerator: the rest {rest!r} is not the end of the line"
        )
        if marker is not None:
            printed = line[: len(line) - len(rest)].strip(" \t\u3000")
            assert enumerators.parse_enumerator(printed) == marker, (
                f"split_enumerator: {marker!r} read from {printed!r}"
            )

    return hold


HOLDS["find_dates"] = _found_dates
HOLDS["split_enumerator"] = _split
_VALIDITY = {
    "is_valid_number": numerals.parse_number,
    "is_valid_date": dates.parse_date,
    "is_valid_enumerator": enumerators.parse_enumerator,
    "is_valid_citation": enumerators.parse_citation,
    "is_valid_amount": amounts.parse_amount,
}


def _validity(name: str, text: str) -> Callable[[Any], None]:
    def hold(valid: Any) -> None:
        _is_bool(valid)
        try:
            _VALIDITY[name](text)  # type: ignore[operator]
        except GovInfoError:
            assert not valid, f"is_valid: {name} says yes, the parser says no"
        else:
            assert valid, f"is_valid: {name} says no, the parser reads it"

    return hold


def _holds(name: str, text: str) -> Callable[[Any], None]:
    if name in _VALIDITY:
        return _validity(name, text)
    if name in HOLDS:
        return HOLDS[name](text)
    return lambda value: None


@pytest.mark.parametrize("name", sorted(PUBLIC))
@budget(100)
@given(data=st.data())
def test_helpers_read_text(name: str, data: st.DataObject) -> None:
    text = data.draw(helper_texts(_family(name)), label="text")
    run(name, compact(text), lambda: PUBLIC[name](text), _holds(name, text))


class Build:
    """A value still to be made (its constructor is an entry point too: it may refuse)."""

    def __init__(self, make: Callable[..., Any], **arguments: Any) -> None:
        self.make, self.arguments = make, arguments

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={_shown(v)}" for k, v in self.arguments.items())
        return f"{self.make.__name__}({shown})"


_values = (
    st.integers(-(10**30), 10**30)
    | st.sampled_from([10**5000, -(10**5000), 0, True, None, float("nan"), 1.5])
    | st.decimals()
    | st.dates()
    | st.builds(
        lambda kind, ordinal: Build(Enumerator, kind=kind, ordinal=ordinal),
        st.sampled_from(list(EnumeratorKind)),
        st.integers(-5, 10**6) | st.just(10**5000),
    )
    | st.builds(
        lambda article, item: Build(Citation, article=article, item=item),
        st.integers(-5, 10**6),
        st.none() | st.integers(-5, 10**6),
    )
    | st.builds(
        lambda value, unit: Build(Amount, value=value, unit=unit),
        st.decimals(max_value=10**20, places=4) | st.decimals(),
        st.sampled_from(list(Unit)) | st.just("元"),
    )
    | st.text(max_size=5)
)

_WRITERS: dict[str, tuple[Callable[..., str], Callable[[str], Any], list[Any]]] = {
    "format_number": (numerals.format_number, numerals.parse_number, _STYLES),
    "format_date": (dates.format_date, dates.parse_date, list(DateStyle)),
    "format_enumerator": (enumerators.format_enumerator, enumerators.parse_enumerator, [None]),
    "format_citation": (enumerators.format_citation, enumerators.parse_citation, [None]),
    "format_amount": (amounts.format_amount, amounts.parse_amount, [None]),
}


@pytest.mark.parametrize("name", sorted(_WRITERS))
@budget(100)
@given(value=_values, style=st.integers(0, 3))
def test_helpers_write_values(name: str, value: object, style: int) -> None:
    write, parse, styles = _WRITERS[name]
    chosen = styles[style % len(styles)]

    made: list[Any] = []

    def call() -> str:
        made.append(value.make(**value.arguments) if isinstance(value, Build) else value)
        return write(made[0]) if chosen is None else write(made[0], style=chosen)

    def hold(text: Any) -> None:
        assert type(text) is str, f"writer: answered {text!r}"
        again = parse(text)
        assert again == made[0], f"writer round trip: {made[0]!r} written {text!r} reads {again!r}"

    run(f"{name}(value)", (value, chosen), call, hold)


# --- HTML pages ---------------------------------------------------------------------------

_PAGE = (
    Path(__file__).parent / "fixtures" / "web" / "pingtan-finance-bureau-2025" / "article.html"
).read_text(encoding="utf-8")
_HTML_PIECES = (
    "<td>",
    "</td>",
    "<tr>",
    "</tr>",
    "<table>",
    "</table>",
    "<th>",
    "<br>",
    "<p>",
    "</p>",
    "<td rowspan=0>",
    "<td colspan=99999>",
    "<td rowspan=3 colspan=2>",
    "<tbody>",
    "<div>" * 50,
    "<!--",
    "-->",
    "<![if mso]>",
    "<o:p>",
    "&nbsp;",
    "&#0;",
    "\ud800",
    "7",
    "一、总体情况",
    "<script>",
    "<title>某局2021年政府信息公开工作年度报告</title>",
    "<h1>",
    "\x00",
)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """The finance bureau's page with one to six edits of its markup."""
    page = _PAGE
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(page)))
        how = draw(st.sampled_from(["delete", "insert", "repeat"]))
        if how == "delete":
            page = page[:at] + page[at + draw(st.integers(1, 400)) :]
        elif how == "insert":
            page = page[:at] + draw(st.sampled_from(_HTML_PIECES)) + page[at:]
        else:
            piece = page[at : at + draw(st.integers(1, 2000))]
            page = page[:at] + piece * draw(st.integers(2, 5)) + page[at:]
    return page


def _cells_hold(result: govinfo.ReadResult) -> None:
    """Every count read is what the cell (HTML, Word) or box (PDF) its source names prints."""
    sources = result.sources
    for path, grid in result.report.grids():
        for row, values in zip(grid.spec.rows, grid.cells, strict=True):
            for column, value in zip(grid.spec.columns, values, strict=True):
                if type(value) is int:
                    source = sources[f"{path}.{row.key}.{column.key}"]
                    said = _printed_count(source.text, column.kind)
                    assert said == value, (path, row.key, column.key, value, source)


@budget(50)
@given(page=html_pages(), strict=st.booleans())
def test_read_html(page: str, strict: bool) -> None:
    data = page.encode("utf-8", errors="surrogatepass")
    entry = "read(html, strict)" if strict else "read(html)"
    run(entry, compact(page), lambda: govinfo.read(data, kind="html", strict=strict), _cells_hold)


# --- PDF --------------------------------------------------------------------------------------

_PDF = (Path(__file__).parent / "fixtures" / "pdf" / "huaian-hongze-district-2024.pdf").read_bytes()
_PDF_PIECES = (b"\x00" * 64, b"endstream", b"obj", b"/Length 99999999", b"%%EOF", b"xref", b"(")


@st.composite
def _printed_report(draw: st.DrawFn) -> Report:
    """The reference report with up to six cells of tables 3 and 4 changed: to a count, a
    blank or a placeholder (a PDF prints what a report holds: no unread cell)."""
    report = govinfo.load_example()
    for name in ("requests", "review_litigation"):
        grid = getattr(report, name)
        slots = [(r.key, c.key) for r in grid.spec.rows for c in grid.spec.columns]
        values = st.integers(0, 10**6) | st.just(BLANK) | st.sampled_from(["—", "/", "无"])
        changes = draw(st.dictionaries(st.sampled_from(slots), values, max_size=6))
        made = {k: Placeholder(v) if isinstance(v, str) else v for k, v in changes.items()}
        report = attrs.evolve(report, **{name: grid.replace(made)})
    return report


@st.composite
def pdf_files(draw: st.DrawFn) -> bytes:
    """A 洪泽区 PDF with one to four edits of its bytes (cut, junk put in, bytes repeated), or
    a report printed as a PDF (tests/pdf_fixtures.py, its content uncompressed, so that an
    edit lands in what it draws) with none to two."""
    printed = importlib.util.find_spec("reportlab") is not None and draw(st.booleans())
    if printed:
        from pdf_fixtures import report_pdf

        data = report_pdf(draw(_printed_report()))
    else:
        data = _PDF
    for _ in range(draw(st.integers(0, 2) if printed else st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(["cut", "delete", "insert", "repeat"]))
        if how == "cut":
            data = data[:at]
        elif how == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 4000)) :]
        elif how == "insert":
            data = data[:at] + draw(st.sampled_from(_PDF_PIECES)) + data[at:]
        else:
            data = data[:at] + data[at : at + draw(st.integers(1, 2000))] * 3 + data[at:]
    return data


@budget(8)
@given(data=pdf_files())
def test_read_pdf(data: bytes) -> None:
    if importlib.util.find_spec("pdfplumber") is None:
        pytest.skip("the extra pdf is not installed")
    run("read(pdf)", f"<{len(data)} bytes of PDF>", lambda: govinfo.read(data), _cells_hold)


# --- Word files -------------------------------------------------------------------------------

_DOCX = (
    Path(__file__).parent / "fixtures" / "docx" / "pingtan-finance-bureau-2025.docx"
).read_bytes()
with zipfile.ZipFile(io.BytesIO(_DOCX)) as _archive:
    _DOCX_PARTS = {name: _archive.read(name) for name in _archive.namelist()}
_DOCX_XML = _DOCX_PARTS["word/document.xml"]
for _prefix, _uri in re.findall(rb'xmlns:(\w+)="([^"]+)"', _DOCX_XML[:4000]):
    ET.register_namespace(_prefix.decode(), _uri.decode())  # written back with its prefixes
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCX_TEXTS = ("", "7", "0 0", "12", "减12", "一、总体情况", "总计", "9" * 50, "〇", " ")
_DOCX_SPANS = ("0", "1", "2", "3", "99999", "-1", "x", "")
_DOCX_RAW = ("<", "&", "&e;", "\x00", "<w:tc>", "</w:tr>", '<!DOCTYPE w [<!ENTITY e "x">]>')


def _docx_edit(draw: st.DrawFn, root: ET.Element) -> None:
    """One edit of a document tree: an element removed or repeated, a cell's span or a row's
    empty grid slots set, a text replaced."""
    parents = {child: parent for parent in root.iter() for child in parent}
    how = draw(st.sampled_from(["delete", "repeat", "span", "merge", "before", "text"]))
    tag = {"span": "tc", "merge": "tc", "before": "tr", "text": "t"}.get(how)
    nodes = [n for n in parents if tag is None or n.tag == _W + tag]
    if not nodes:
        return
    node = draw(st.sampled_from(nodes))
    parent = parents[node]
    if how == "delete":
        parent.remove(node)
    elif how == "repeat":
        at = list(parent).index(node)
        for k in range(draw(st.integers(1, 3))):
            parent.insert(at + 1 + k, copy.deepcopy(node))
    elif how == "text":
        node.text = draw(st.sampled_from(_DOCX_TEXTS))
    else:
        holder_tag, name = {
            "span": ("tcPr", "gridSpan"),
            "merge": ("tcPr", "vMerge"),
            "before": ("trPr", "gridBefore"),
        }[how]
        holder = node.find(_W + holder_tag)
        if holder is None:
            holder = ET.Element(_W + holder_tag)
            node.insert(0, holder)
        value = draw(st.sampled_from(_DOCX_SPANS if how != "merge" else ("restart", "continue")))
        element = ET.SubElement(holder, _W + name)
        if value != "continue":
            element.set(_W + "val", value)


def _wrap_deep(draw: st.DrawFn, root: ET.Element) -> None:
    """An element wrapped in 2 to 600 levels of ``w:sdt``/``w:sdtContent`` (the reader's bound
    is 500). Once a file: ElementTree writes a tree back with a call a level, so two such
    wrappings inside each other would pass Python's recursion limit in the test itself."""
    parents = {child: parent for parent in root.iter() for child in parent}
    if not parents:  # an edit took the body away
        return
    node = draw(st.sampled_from(list(parents)))
    parent = parents[node]
    outer = ET.Element(_W + "sdt")
    inner = ET.SubElement(outer, _W + "sdtContent")
    for _ in range(draw(st.integers(1, 300)) - 1):
        inner = ET.SubElement(ET.SubElement(inner, _W + "sdt"), _W + "sdtContent")
    parent[list(parent).index(node)] = outer
    inner.append(node)


@st.composite
def docx_files(draw: st.DrawFn) -> bytes:
    """The finance bureau's page as a .docx, with one to four edits of its document tree
    (:func:`_docx_edit`); now and then an element wrapped deep (:func:`_wrap_deep`), a raw
    piece of markup put into its XML, or the ZIP's bytes cut or a bit flipped."""
    root = ET.fromstring(_DOCX_XML)
    for _ in range(draw(st.integers(1, 4))):
        _docx_edit(draw, root)
    if draw(st.integers(0, 6)) == 0:
        _wrap_deep(draw, root)
    xml = ET.tostring(root, encoding="unicode")
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(xml)))
        xml = xml[:at] + draw(st.sampled_from(_DOCX_RAW)) + xml[at:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, part in _DOCX_PARTS.items():
            archive.writestr(name, xml.encode("utf-8") if name == "word/document.xml" else part)
    data = out.getvalue()
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data) - 1))
        if draw(st.booleans()):
            data = data[:at]
        else:
            data = data[:at] + bytes([data[at] ^ (1 << draw(st.integers(0, 7)))]) + data[at + 1 :]
    return data


@budget(20)
@given(data=docx_files())
def test_read_docx(data: bytes) -> None:
    run("read(docx)", f"<{len(data)} bytes of .docx>", lambda: govinfo.read(data), _cells_hold)


# --- flattened page text ----------------------------------------------------------------------

_FLAT = {
    page.parent.name: page.read_text(encoding="utf-8")
    for page in sorted((Path(__file__).parent / "fixtures" / "web").glob("*/page.txt"))
}
_FLAT_PIECES = (
    "0",
    "1",
    "12",
    "0 0",
    " ",
    "\u3000",
    "1.",
    "（一）",
    "总计",
    "一、",
    "9" * 50,
    "〇",
)


@st.composite
def flat_pages(draw: st.DrawFn) -> tuple[str, tuple[tuple[Any, ...], ...], str]:
    """A crawler's page text with one to six edits: a stretch cut out, a digit, space or label
    put in, a stretch repeated. Its name, the edits and the text."""
    name = draw(st.sampled_from(sorted(_FLAT)))
    text, edits = _FLAT[name], []
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["delete", "insert", "repeat"]))
        if how == "delete":
            n = draw(st.integers(1, 40))
            text = text[:at] + text[at + n :]
            edits.append((how, at, n))
        elif how == "insert":
            piece = draw(st.sampled_from(_FLAT_PIECES))
            text = text[:at] + piece + text[at:]
            edits.append((how, at, piece))
        else:
            n = draw(st.integers(1, 300))
            text = text[:at] + text[at : at + n] * 2 + text[at:]
            edits.append((how, at, n))
    return name, tuple(edits), text


@budget(50)
@given(case=flat_pages(), strict=st.booleans())
def test_read_flat(case: tuple[str, tuple[tuple[Any, ...], ...], str], strict: bool) -> None:
    name, edits, text = case
    data = text.encode("utf-8")
    entry = "read(flat, strict)" if strict else "read(flat)"
    run(
        entry,
        (name, edits),
        lambda: govinfo.read(data, strict=strict),
        _text_result_holds(data),
    )
