"""The ``govinfo`` command line (also ``python -m govinfo``); see docs/cli.md.

Exit codes:

- 0: done, nothing to report (``convert``: files skipped as not regular files do not count);
- 1: ``check`` found something (an error, or with ``--fail-on warning`` also a warning, or
  cells that could not be read), or some input
  could not be read (each is listed on stderr, one line per file: ``FILE:LINE:COLUMN: reason``
  or ``FILE: reason``), or the output could not be written (``govinfo: error: OUT: reason``);
- 2: usage error (unknown command or option, missing argument, ``-o`` naming an input);
- 129, 130, 143: stopped by SIGHUP, SIGINT (Ctrl-C), SIGTERM; no partial output file is left;
- 141: standard output (or error) was closed by its reader (``| head``): stopped quietly.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import json
import os
import pickle
import signal
import sys
import unicodedata
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from types import FrameType
from typing import Any, BinaryIO, Final, TextIO

import govinfo
from govinfo import _distribution, tidy
from govinfo.checks import check, check_continuity
from govinfo.cli import _batch
from govinfo.diagnostics import Severity
from govinfo.errors import GovInfoError
from govinfo.formats import ReadResult
from govinfo.formats.json import findings_to_json, make_converter
from govinfo.formats.text import render_text
from govinfo.model import Report, unread_cells

__all__ = ["main"]

OK, FOUND, USAGE = 0, 1, 2
CLOSED_PIPE = 128 + 13  # what a shell reports for a tool killed by SIGPIPE
_STOPPING = {  # the signals that stop a run cleanly: exit 128 + N, the message
    signum: message
    for name, message in (
        ("SIGINT", "interrupted"),
        ("SIGTERM", "terminated (SIGTERM)"),
        ("SIGHUP", "hung up (SIGHUP)"),
    )
    if (signum := getattr(signal, name, None)) is not None
}
_CONVERTER = make_converter()


class _Notes:
    """Where warnings, notes, counts and summaries go: stderr, or nowhere with ``--quiet``.
    What failed is always said (:func:`_fail`): quiet never hides an error."""

    quiet = False

    @classmethod
    def say(cls, line: str) -> None:
        if not cls.quiet:
            print(line, file=sys.stderr)


def _fail(lines: Iterable[str]) -> int:
    """List failed inputs on stderr; the exit status."""
    failed = 0
    for line in lines:
        _say(line)
        failed += 1
    return FOUND if failed else OK


def _load(name: str, *, strict: bool = True) -> ReadResult | str:
    """The reading of ``name``, or the line describing why it cannot be read. Its warnings and
    notes (and, read leniently, its errors) go to stderr, one line each."""
    try:
        result = _batch.load(name, strict=strict)
    except GovInfoError as exc:
        return _batch.describe(name, exc)
    for diagnostic in result.diagnostics:
        line = _batch.describe_diagnostic(name, diagnostic)
        if diagnostic.severity is Severity.ERROR:
            _say(line)
        else:
            _Notes.say(line)
    return result


def _sources_json(result: ReadResult) -> dict[str, Any]:
    """A reading for ``parse --sources``: the report, where each value was read (the place as
    a line of text, and the raw text there), and the diagnostics."""
    return {
        "report": _CONVERTER.unstructure(result.report, Report),
        "sources": {
            path: {"where": str(source), "text": source.text}
            for path, source in result.sources.items()
        },
        "diagnostics": [
            {
                "severity": d.severity.value,
                "message": d.message,
                "where": None if d.source is None else str(d.source),
            }
            for d in result.diagnostics
        ],
    }


# --- parse, render, schema ---------------------------------------------------------------


def _parse(args: argparse.Namespace) -> int:
    _batch.check_output(args.output, args.files)
    errors: list[str] = []
    incomplete = False
    read = 0
    with _batch.atomic_text(args.output) as out:
        for name in _batch.discover(args.files):
            result = _load(name, strict=not args.lenient)
            if isinstance(result, str):
                errors.append(result)
                continue
            read += 1
            incomplete |= not result.ok  # an error read past, or an unread cell
            if result.unread:
                _Notes.say(f"{name}: {len(result.unread)} cell(s) unread")
            data = (
                _sources_json(result)
                if args.sources
                else _CONVERTER.unstructure(result.report, Report)
            )
            indent = 2 if args.files == [name] else None
            out.write(json.dumps(data, ensure_ascii=False, indent=indent) + "\n")
        if errors and not read:
            raise _Abandon(errors)
    return max(_fail(errors), FOUND if incomplete else OK)


class _Abandon(Exception):
    """Leave the output unwritten: no input could be read."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors


def _render(args: argparse.Namespace) -> int:
    _batch.check_output(args.output, [args.file])
    result = _load(args.file)
    if isinstance(result, str):
        return _fail([result])
    try:
        text = render_text(result.report)
    except GovInfoError as exc:
        return _fail([_batch.describe(args.file, exc)])
    with _batch.atomic_text(args.output) as out:
        out.write(text if text.endswith("\n") else text + "\n")
    return OK


def _schema(args: argparse.Namespace) -> int:
    with _batch.atomic_text(args.output) as out:
        out.write(json.dumps(govinfo.json_schema(), ensure_ascii=False, indent=2) + "\n")
    return OK


# --- check --------------------------------------------------------------------------------


FAIL_ON: Final = ("error", "warning")
"""The values of ``check --fail-on``: the least severity that makes ``check`` exit 1."""


def _listed(finding: Any) -> bool:
    """Whether a finding says something is wrong: every finding but "not assessable" ones
    (a blank or placeholder took part, so nothing is known to be wrong)."""
    return bool(finding.status.value != "not_assessable")


def _counts(finding: Any, fail_on: str = "error") -> bool:
    """Whether a finding makes ``check`` exit 1: with ``error`` (the default) a wrong number
    (a broken identity, its culprit); with ``warning`` also every warning (prose against the
    tables, dates, template, continuity), which are heuristics, so a batch does not fail on
    them unless asked to."""
    return _listed(finding) and (fail_on == "warning" or bool(finding.is_error))


def _evidence_lines(name: str, findings: Sequence[Any]) -> list[str]:
    """One line per piece of evidence: the rule, the words as printed, the sentence, where."""
    out = []
    for finding in findings:
        for e in finding.evidence:
            where = ", ".join(filter(None, (e.path, str(e.source) if e.source else "")))
            sentence = f" in “{e.sentence}”" if e.sentence and e.sentence != e.text else ""
            out.append(f"{name}: {finding.code}: “{e.text}”{sentence} ({where})\n")
    return out


def _short_label(cell: Any) -> str:
    """A cell as 'row / column' by its Chinese labels, without the outermost group of the row
    (三、本年度办理结果, 行政诉讼): the rest is unique and much shorter."""
    parts = cell.row.split(tidy.SEPARATOR)
    return f"{tidy.SEPARATOR.join(parts[1:] if len(parts) > 1 else parts)} / {cell.column}"


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, govinfo.Blank):
        return "(blank)"
    if isinstance(value, govinfo.Unread):
        return "(unread)"
    if isinstance(value, govinfo.Placeholder):
        return value.text
    return str(value)


def _culprit_text(finding: Any, culprits: Sequence[Any]) -> str:
    paths = {c.path for c in finding.cells}
    for culprit in culprits:
        if paths & {c.path for c in culprit.cells}:
            if culprit.status.value != "located":
                return f"ambiguous ({len(culprit.candidates)} fits)"
            return "; ".join(
                f"{_short_label(c)} {_shown(c.printed)}→{_shown(c.expected)}" for c in culprit.cells
            )
    return ""


def _rows(
    name: str, findings: Sequence[Any], where: dict[str, str] | None = None
) -> list[tuple[str, ...]]:
    """A row per finding but the culprits (which fill the last columns); ``where``: the place
    each cell was printed at, by path, for the column "first printed at"."""
    where = where or {}
    culprits = [f for f in findings if f.code == "culprit"]
    rows: list[tuple[str, ...]] = []
    for finding in findings:
        if finding in culprits:
            continue
        first = _short_label(finding.cells[0]) if finding.cells else ""
        more = f" (+{len(finding.cells) - 1})" if len(finding.cells) > 1 else ""
        rows.append(
            (
                name,
                finding.code,
                finding.status.value,
                first + more,
                _shown(finding.expected),
                _shown(finding.printed),
                _culprit_text(finding, culprits),
                where.get(finding.cells[0].path, "") if finding.cells else "",
            )
        )
    return rows


_HEADER = (
    "file",
    "rule",
    "status",
    "cells",
    "expected",
    "printed",
    "likely culprit",
    "first printed at",
)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: Sequence[tuple[str, ...]], out: TextIO) -> None:
    """Columns aligned for a terminal (wide characters count two); the column of places only
    when some place is known (reports read from JSON have none)."""
    header = _HEADER if any(r[-1] for r in rows) else _HEADER[:-1]
    rows = [r[: len(header)] for r in rows]
    widths = [max(_width(r[i]) for r in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        cells = [c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)]
        out.write("  ".join(cells).rstrip() + "\n")


_UNREAD_SHOWN = 5  # paths listed per report; the JSON output lists them all


def _unread_line(name: str, paths: Sequence[str]) -> str:
    shown = ", ".join([*paths[:_UNREAD_SHOWN], *(["…"] if len(paths) > _UNREAD_SHOWN else [])])
    return f"{name}: {len(paths)} cell(s) could not be read (unread): {shown}\n"


def _check(args: argparse.Namespace) -> int:
    _batch.check_output(args.output, [*args.files, *([args.previous] if args.previous else [])])
    previous: Report | None = None
    strict = not args.lenient
    if args.previous:
        loaded = _load(args.previous, strict=strict)
        if isinstance(loaded, str):
            return _fail([loaded])
        previous = loaded.report
    errors: list[str] = []
    incomplete = False
    where: dict[str, dict[str, str]] = {}  # per file, where each cell of a finding was printed
    # Each checked report: its name, its findings and the paths of its unread cells, which
    # count as something found: a cell that could not be read is not known to be right.
    results: list[tuple[str, tuple[Any, ...], tuple[str, ...]]] = []
    for name in _batch.discover(args.files):
        result = _load(name, strict=strict)
        if isinstance(result, str):
            errors.append(result)
            continue
        report = result.report
        incomplete |= bool(result.errors)
        sources = result.sources
        try:
            findings = check(report, sources=sources)
            if previous is not None:
                findings += check_continuity(previous, report)
        except GovInfoError as exc:
            errors.append(_batch.describe(name, exc))
            continue
        results.append((name, findings, unread_cells(report)))
        named = {c.path for f in findings for c in f.cells}
        where[name] = {p: str(sources[p]) for p in sorted(named) if p in sources}
    with _batch.atomic_text(args.output) as out:
        if args.format == "json":
            documents = [
                {
                    "file": name,
                    "findings": json.loads(findings_to_json(findings)),
                    "unread": list(unread),
                    "sources": where[name],
                }
                for name, findings, unread in results
            ]
            out.write(json.dumps(documents, ensure_ascii=False, indent=2) + "\n")
        else:
            rows = [
                row for name, findings, _ in results for row in _rows(name, findings, where[name])
            ]
            if rows:
                _table(rows, out)
            for name, findings, unread in results:
                out.writelines(_evidence_lines(name, findings))
                if unread:
                    out.write(_unread_line(name, unread))
            checked = len(results)
            flagged = sum(1 for _, f, unread in results if unread or any(map(_listed, f)))
            out.write(f"{checked} report(s) checked, {flagged} with findings\n")
    fails = functools.partial(_counts, fail_on=args.fail_on)
    found = incomplete or any(unread or any(map(fails, f)) for _, f, unread in results)
    return max(_fail(errors), FOUND if found else OK)


# --- convert ------------------------------------------------------------------------------


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number of processes, got {text!r}")
    return jobs


def _convert(args: argparse.Namespace) -> int:
    _batch.check_output(args.output, args.inputs)
    if args.resume and (args.output == "-" or "-" in args.inputs):
        _say(
            "govinfo convert: error: --resume keeps its work beside -o OUT: it needs an OUT "
            "file and inputs that are files or folders, not -"
        )
        return USAGE
    if args.resume and os.path.exists(args.output) and not os.path.isfile(args.output):
        _say(
            "govinfo convert: error: --resume writes -o OUT from parts kept beside it: "
            f"{args.output} is not a regular file"
        )
        return USAGE
    if args.to == "parquet":
        try:  # before anything is read: without pyarrow, no Parquet
            tidy.parquet_schema()
        except ModuleNotFoundError as exc:
            _say(f"govinfo: error: {exc}")
            return FOUND
    if args.scheduler is not None:
        from govinfo.cli import _dask

        try:  # before anything is read: without Dask, no cluster
            _dask.available()
        except ModuleNotFoundError as exc:
            _say(f"govinfo: error: {exc}")
            return FOUND
    show = not _Notes.quiet and (
        args.progress if args.progress is not None else sys.stderr.isatty()
    )
    with _engine(args) as engine:
        if args.resume:
            return _convert_resumed(args, engine, show)
        # Counting first costs one more walk of the folders, but no memory: only for the bar.
        total = sum(1 for _ in _batch.discover(args.inputs)) if show else None
        progress = _batch.Progress(sys.stderr, total) if show else None
        tally = _Tally()
        with _batch.atomic_output(args.output) as out, _writer(args.to, out) as write:
            if args.scheduler is None:
                outcomes = _batch.convert(
                    _batch.discover(args.inputs),
                    args.to,
                    jobs=args.jobs,
                    chunksize=args.chunksize,
                    strict=not args.lenient,
                )
            else:
                chunks = _batch._chunks(_batch._items(_batch.discover(args.inputs)), args.chunksize)
                outcomes = (o for group in engine(chunks) for o in group)
            try:
                for outcome in outcomes:
                    output = tally.take(outcome)
                    if output is not None:
                        write(output)
                    if progress:
                        progress.update(tally.done, len(tally.errors))
            finally:
                outcomes.close()
            if progress:
                progress.update(tally.done, len(tally.errors), final=True)
    return _summary(args, tally)


Engine = Callable[[Iterable[list[_batch.Item]]], Generator[list[_batch.Outcome], None, None]]
"""What converts partitions of files: their outcomes, a list per partition, in order."""


@contextlib.contextmanager
def _engine(args: argparse.Namespace) -> Iterator[Engine]:
    """Worker processes of this machine (``--jobs``), or a Dask cluster (``--scheduler``)."""
    strict = not args.lenient
    if args.scheduler is None:
        yield functools.partial(_batch.partitioned, to=args.to, jobs=args.jobs, strict=strict)
        return
    from govinfo.cli import _dask

    with _dask.client(args.scheduler, args.jobs) as client:
        yield functools.partial(_dask.partitioned, client, to=args.to, strict=strict)


class _Tally:
    """The outcomes of a run as they are taken, in input order: their lines on stderr (as
    each file comes, whether it was converted now or by an earlier run) and their counts."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.done = self.unread = self.skipped = 0

    def take(self, outcome: _batch.Outcome) -> bytes | None:
        """Say what there is to say of ``outcome``; its output, if it has one."""
        self.done += 1
        if outcome.skipped is not None:  # a FIFO, a socket, a device: not a failure
            self.skipped += 1
            _Notes.say(outcome.skipped)
        for i, line in enumerate(outcome.diagnostics):
            (_say if i < outcome.errors else _Notes.say)(line)
        if outcome.unread:
            _Notes.say(f"{outcome.name}: {outcome.unread} cell(s) unread")
        self.unread += outcome.incomplete
        if outcome.error is not None:
            self.errors.append(outcome.error)
            return None
        return outcome.output


def _summary(args: argparse.Namespace, tally: _Tally) -> int:
    if args.to == "csv" and args.output != "-":
        _write_data_package(args.output)
    done, skipped, errors = tally.done, tally.skipped, tally.errors
    converted = done - skipped - len(errors)
    partly = f", {tally.unread} read only in part" if tally.unread else ""
    special = f"; {skipped} skipped (not a regular file)" if skipped else ""
    _Notes.say(f"converted {converted} of {done - skipped} file(s){partly}{special}")
    if errors:
        _say(f"{len(errors)} file(s) failed:")
    return max(_fail(errors), FOUND if tally.unread else OK)


def _convert_resumed(args: argparse.Namespace, engine: Engine, show: bool) -> int:
    """Convert what the work folder of ``-o`` does not hold yet, a part per partition, then
    assemble the output from the parts in input order; see :mod:`govinfo.cli._resume`."""
    from govinfo.cli import _resume

    names = list(_batch.discover(args.inputs))  # the paths and keys stay in memory
    keys = [_resume.key(name) for name in names]
    tally = _Tally()
    with _resume.Work(args.output, args.to, not args.lenient) as work:
        if work.discarded:
            _Notes.say(
                f"{work.folder}: made with another --to, --lenient or govinfo: started afresh"
            )
        plan = work.plan(keys, args.chunksize)
        if plan.done:
            _Notes.say(
                f"resuming: {plan.done} of {len(keys)} file(s) converted already ({work.folder})"
            )
        parts = dict(plan.reused)
        progress = _batch.Progress(sys.stderr, len(keys)) if show else None
        done = plan.done
        failed = sum(o.error is not None for p in parts.values() for o in p.outcomes)
        groups = engine(_resume.items(keys, indices) for indices in plan.missing)
        try:
            for indices, outcomes in zip(plan.missing, groups, strict=True):
                parts[indices[0]] = work.record([keys[i] for i in indices], outcomes)
                done += len(outcomes)
                failed += sum(o.error is not None for o in outcomes)
                if progress:
                    progress.update(done, failed)
        finally:
            groups.close()
        if progress:
            progress.update(done, failed, final=True)
        with _batch.atomic_output(args.output) as out, _writer(args.to, out) as write:
            for start in sorted(parts):
                part = parts[start]
                for outcome in part.outcomes:
                    tally.take(outcome)
                for data in work.contents(part):
                    write(data)
        work.remove()
    return _summary(args, tally)


@contextlib.contextmanager
def _writer(to: str, out: BinaryIO) -> Iterator[Callable[[bytes], object]]:
    """What takes each file's output: the output file itself (JSON Lines; CSV, after its
    header), or the Parquet writer, which gets the pickled rows the workers made."""
    if to == "csv":
        out.write(tidy.csv_header().encode())
    if to != "parquet":
        yield out.write
        return
    with tidy.ParquetWriter(out) as parquet:
        yield lambda data: parquet.write(pickle.loads(data))


DATA_PACKAGE: Final = "datapackage.json"
"""The Frictionless data package written beside a CSV output, declaring its columns."""


def _write_data_package(output: str) -> None:
    """Declare the CSV at ``output`` in the ``datapackage.json`` of its folder: added to the
    package there (a package of several CSVs keeps the others), or a new one."""
    folder, base = os.path.split(os.path.realpath(output))
    where = os.path.join(folder, DATA_PACKAGE)
    package: dict[str, Any] | None = None
    try:
        with open(where, encoding="utf-8") as f:
            found = json.load(f)
    except FileNotFoundError:
        found = None
    except (OSError, ValueError) as exc:
        raise OSError(errno.EINVAL, f"not a data package ({exc}); not replaced", where) from None
    if found is not None:
        if not isinstance(found, dict) or not isinstance(found.get("resources"), list):
            raise OSError(errno.EINVAL, "not a data package; not replaced", where)
        package = found
    with _batch.atomic_text(where) as out:
        out.write(json.dumps(tidy.data_package(base, package), ensure_ascii=False, indent=2))
        out.write("\n")


# --- demo ---------------------------------------------------------------------------------


def _demo(args: argparse.Namespace) -> int:
    """Parse the bundled reference report, print it as JSON and what the checks find."""
    with open(govinfo.example_path(".txt"), "rb") as f:
        report = _batch.load(govinfo.example_path(".txt"), f.read()).report
    print(govinfo.to_json(report))
    print()
    _table(_rows("(reference report)", check(report)), sys.stdout)
    return OK


# --- the parser ---------------------------------------------------------------------------


def _output(
    command: argparse.ArgumentParser, help_: str = "write to OUT (default: stdout)"
) -> None:
    command.add_argument("-o", "--output", metavar="OUT", default="-", help=help_)


_EPILOG = """\
exit status: 0 fine; 1 findings or unread cells (check), or inputs that could not be read
(listed on stderr), or the output could not be written; 2 usage error (-o naming an input
included); 130 interrupted, 143 terminated, 129 hung up; 141 stdout closed by its reader.
Each file's kind is told from its content: govinfo JSON, or report text (UTF-8, GBK,
UTF-16 ...), HTML, Word, or PDF (with the extra pdf installed).
Use - for standard input or output."""


def _lenient(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--lenient",
        action="store_true",
        help="read on past what cannot be read: those cells are unread, each problem is listed "
        "on stderr, and the exit status is 1",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govinfo",
        description="政府信息公开工作年度报告 (open government information reports) as data.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"govinfo {_distribution.version()} ({_distribution.NAME})",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_: str, run: Callable[[argparse.Namespace], int]) -> Any:
        sub = commands.add_parser(
            name,
            help=help_,
            description=help_,
            epilog=_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(run=run)
        sub.add_argument(
            "-q",
            "--quiet",
            action="store_true",
            help="say nothing on stderr but what failed: no warnings, notes, counts of unread "
            "cells, progress or summary",
        )
        return sub

    parse = command("parse", "read reports; write them as JSON", _parse)
    parse.add_argument(
        "files", nargs="+", metavar="FILE", help="report text (or .json); - for stdin"
    )
    _lenient(parse)
    parse.add_argument(
        "--sources",
        action="store_true",
        help='write {"report", "sources", "diagnostics"}: where each value was read',
    )
    _output(
        parse,
        "write to OUT (default: stdout); one FILE gives a JSON document, several give JSON Lines",
    )

    render = command("render", "write a JSON report as canonical report text", _render)
    render.add_argument("file", metavar="FILE.json", help="a govinfo JSON report; - for stdin")
    _output(render)

    check = command(
        "check", "check the identities (勾稽关系) of reports; list what does not add up", _check
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="reports; - for stdin")
    check.add_argument(
        "--previous",
        metavar="FILE",
        help="last year's report of the same agency: also "
        "check continuity (carried over = carried forward, …)",
    )
    check.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="table for people (default), json for machines",
    )
    check.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="error",
        help="exit 1 for errors only (default: broken identities, unread cells), or for "
        "warnings too (prose against the tables, dates, template, continuity)",
    )
    _lenient(check)
    _output(check)

    convert = command(
        "convert",
        "convert many reports and folders to one JSON Lines, CSV or Parquet file",
        _convert,
    )
    convert.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=f"report files, or folders (their {' and '.join(_batch.FOLDER_SUFFIXES)} files, "
        "recursively)",
    )
    convert.add_argument(
        "--to",
        choices=("jsonl", "csv", "parquet"),
        required=True,
        help="jsonl: one JSON report per line; csv: one row per table cell (long format), with "
        f"its {DATA_PACKAGE} beside it; parquet: the same rows, typed (needs pyarrow: "
        f"{_distribution.extra('parquet')})",
    )
    convert.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=True,
        help="the output file, written atomically (- for stdout)",
    )
    convert.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=os.cpu_count() or 1,
        help="worker processes (default: the number of cores, here %(default)s)",
    )
    convert.add_argument(
        "--chunksize",
        type=_jobs,
        default=100,
        help="at most this many files per task sent to a worker (%(default)s)",
    )
    convert.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr (default: when stderr is a terminal)",
    )
    convert.add_argument(
        "--resume",
        action="store_true",
        help="keep the work in a folder beside OUT (.OUT.govinfo-work), a part per batch of "
        "files, so that a run stopped part way (Ctrl-C, SIGKILL, a crash) and run again with "
        "--resume converts only what is missing; OUT is assembled from the parts at the end",
    )
    convert.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="convert on a Dask cluster: tcp://HOST:PORT of its scheduler (the workers must see "
        "the input paths), or 'local' for a local cluster of --jobs worker processes (needs "
        f"Dask: {_distribution.extra('dask')})",
    )
    _lenient(convert)

    command("schema", "print the JSON Schema of the report format", _schema)
    _output(commands.choices["schema"])
    command("demo", "parse, check and print the bundled reference report", _demo)
    return parser


def _say(line: str) -> None:
    """A line on stderr, unless stderr is gone too."""
    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr)


class _Stopped(BaseException):
    """A signal asked the run to stop: unwind (removing the temporary output), exit 128 + N."""

    def __init__(self, signum: int) -> None:
        self.signum = signum


def _stop(signum: int, frame: FrameType | None) -> None:
    # Once only: a second Ctrl-C must not cut short the cleanup the first one started.
    for other in _STOPPING:
        signal.signal(other, signal.SIG_IGN)
    raise _Stopped(signum)


def _silence_std_streams() -> None:
    """Point stdout and stderr at /dev/null, so that flushing them at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError, AttributeError):
                os.dup2(devnull, stream.fileno())
        os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # SIGTERM and SIGHUP unwind like Ctrl-C, so the temporary output file is removed on the way
    # out (and the workers are stopped).
    previous: dict[int, Any] = {}
    try:
        for signum in _STOPPING:
            previous[signum] = signal.signal(signum, _stop)
    except ValueError:  # not the main thread: leave signals alone
        pass
    _Notes.quiet = args.quiet
    try:
        status: int = args.run(args)
        sys.stdout.flush()  # here, where a closed pipe is handled, not at exit
    except (KeyboardInterrupt, _Stopped) as exc:
        signum = exc.signum if isinstance(exc, _Stopped) else signal.SIGINT
        _say(f"govinfo: {_STOPPING.get(signum, 'interrupted')}")
        return 128 + signum
    except _Abandon as exc:
        return _fail(exc.errors)
    except _batch.OutputIsInput as exc:
        _say(f"govinfo: error: {exc}")
        return USAGE
    except BrokenPipeError:
        # The reader of our stdout went away (| head): stop quietly, as Unix tools do.
        _silence_std_streams()
        return CLOSED_PIPE
    except OSError as exc:  # writing the output: the error names the -o path
        where = f"{exc.filename}: " if exc.filename else ""
        _say(f"govinfo: error: {where}{exc.strerror or exc}")
        return FOUND
    finally:
        _Notes.quiet = False
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return status


if __name__ == "__main__":
    sys.exit(main())
