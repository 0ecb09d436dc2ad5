"""The installed ``govinfo`` command, run as a subprocess, as a user runs it."""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

import govinfo
from govinfo import _samples, tidy
from govinfo.template import template


def _command() -> list[str]:
    beside = Path(sys.executable).parent / "govinfo"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("govinfo")
    return [found] if found else [sys.executable, "-m", "govinfo"]


GOVINFO = _command()
SUFFIX = ".txt"  # generated reports are written as report text


def _environment() -> dict[str, str]:
    """The environment of every command run here: the tree that holds the govinfo under test
    first on PYTHONPATH, so that the command (an installed script) imports it, not another."""
    tree = str(Path(govinfo.__file__).resolve().parent.parent)
    paths = [tree, *(p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


ENV = _environment()


def run(
    *args: str,
    cwd: Path | None = None,
    stdin: bytes | None = None,
    timeout: float = 120,
    preexec_fn: Callable[[], object] | None = None,
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [*GOVINFO, *args],
        cwd=cwd,
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
        env=ENV,
        preexec_fn=preexec_fn,
    )
    return result


@contextlib.contextmanager
def started(*args: str, cwd: Path | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """The command running in a process group of its own (as a shell job is), its standard
    streams pipes; on the way out, whatever is left of the group is killed."""
    process = subprocess.Popen(
        [*GOVINFO, *args],
        cwd=cwd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        for stream in (process.stdin, process.stdout, process.stderr):
            with contextlib.suppress(OSError):
                stream.close()  # type: ignore[union-attr]
        process.wait(timeout=30)


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def group_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def digest(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder`` and its content: what must not change."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink() and stat.S_ISREG(p.stat().st_mode)
    }


def write_reports(folder: Path, count: int, suffix: str = SUFFIX, seed: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, report in enumerate(_samples.variants(count, seed=seed)):
        path = folder / f"report-{index:04d}{suffix}"
        path.write_text(_samples.render(report, suffix), encoding="utf-8")
        paths.append(path)
    return paths


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


# --- usage --------------------------------------------------------------------------------

COMMANDS = ("parse", "render", "check", "convert", "schema", "demo")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: govinfo {command}")
    assert "exit status: 0 fine; 1 findings" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("frobnicate",),
        ("parse",),
        ("convert", "x"),
        ("convert", "x", "--to", "xml", "-o", "y"),
        ("convert", "x", "--to", "csv", "-o", "y", "--jobs", "0"),
        ("check", "--format", "yaml", "x"),
    ],
)
def test_usage_errors_exit_2(args: Sequence[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "usage: govinfo" in result.stderr
    assert result.stdout == ""


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "govinfo", "schema"],
        capture_output=True,
        check=False,
        env=ENV,
        timeout=60,
    )
    assert result.returncode == 0
    assert json.loads(result.stdout) == govinfo.json_schema()


# --- schema, parse, render ------------------------------------------------------------------


def test_schema_prints_the_json_schema(tmp_path: Path) -> None:
    result = run("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == govinfo.json_schema()
    assert run("schema", "-o", str(tmp_path / "s.json")).returncode == 0
    assert json.loads((tmp_path / "s.json").read_text("utf-8")) == govinfo.json_schema()


def test_parse_one_json_file_gives_one_document(tmp_path: Path) -> None:
    result = run("parse", govinfo.example_path(".json"))
    assert result.returncode == 0
    assert result.stdout == govinfo.to_json(govinfo.load_example()) + "\n"


def test_parse_several_files_gives_json_lines(tmp_path: Path) -> None:
    paths = write_reports(tmp_path, 3, ".json")
    out = tmp_path / "out.jsonl"
    result = run("parse", *map(str, paths), "-o", str(out))
    assert result.returncode == 0, result.stderr
    lines = out.read_text("utf-8").splitlines()
    assert [govinfo.from_json(line) for line in lines] == list(_samples.variants(3))


def test_parse_reads_stdin_and_writes_stdout() -> None:
    data = Path(govinfo.example_path(".json")).read_bytes()
    result = run("parse", "-", stdin=data)
    assert result.returncode == 0
    assert govinfo.from_json(result.stdout) == govinfo.load_example()


def test_parse_failure_names_the_file_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "govinfo.report/1", "version": "2021"}', encoding="utf-8")
    out = tmp_path / "out.json"
    result = run("parse", str(bad), "-o", str(out))
    assert result.returncode == 1
    assert result.stderr == f'{bad}: $: missing field "agency"; $: missing field "year"; ' + (
        '$: missing field "disclosure"; $: missing field "requests"; '
        '$: missing field "review_litigation"\n'
    )
    assert not out.exists()
    assert leftovers(tmp_path) == []


def test_missing_file_is_a_failed_input(tmp_path: Path) -> None:
    result = run("parse", str(tmp_path / "nowhere.txt"))
    assert result.returncode == 1
    assert result.stderr == f"{tmp_path / 'nowhere.txt'}: No such file or directory\n"


def test_parse_render_round_trip_of_the_reference_report(tmp_path: Path) -> None:
    parsed = run("parse", govinfo.example_path(".txt"), "-o", str(tmp_path / "r.json"))
    assert parsed.returncode == 0, parsed.stderr
    assert govinfo.from_json((tmp_path / "r.json").read_text("utf-8")) == govinfo.load_example()
    rendered = run("render", str(tmp_path / "r.json"), "-o", str(tmp_path / "r.txt"))
    assert rendered.returncode == 0, rendered.stderr
    again = run("parse", str(tmp_path / "r.txt"))
    assert again.returncode == 0, again.stderr
    assert again.stdout == (tmp_path / "r.json").read_text("utf-8")
    # Canonical: rendering what was parsed from the rendering gives the same text.
    canonical = run("render", "-", stdin=again.stdout.encode())
    assert canonical.stdout == (tmp_path / "r.txt").read_text("utf-8")


# --- check --------------------------------------------------------------------------------


def test_check_names_the_wrong_total_and_exits_1() -> None:
    result = run("check", govinfo.example_path(".json"))
    assert result.returncode == 1
    total = template(govinfo.TemplateVersion.V2021).requests.row("results_total").label
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "file", "rule", "status", "cells", "expected", "printed", "likely", "culprit"
    ]  # fmt: skip
    assert all(total in line for line in lines[1:-1] if " t3." in line)
    assert lines[-1] == "1 report(s) checked, 1 with findings"


def test_check_as_json_for_machines() -> None:
    result = run("check", "--format", "json", govinfo.example_path(".json"))
    assert result.returncode == 1
    (document,) = json.loads(result.stdout)
    assert document["file"] == govinfo.example_path(".json")
    paths = {c["path"] for f in document["findings"] for c in f["cells"]}
    assert "$.requests.results_total.total" in paths


def test_check_a_consistent_report_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "fixed.json"
    path.write_text(govinfo.to_json(_consistent()), encoding="utf-8")
    result = run("check", str(path))
    assert (result.returncode, result.stdout) == (0, "1 report(s) checked, 0 with findings\n")


def _consistent(date: datetime.date = datetime.date(2022, 1, 18)) -> govinfo.Report:
    """The reference report with its totals corrected and dated in the following January."""
    report = govinfo.load_example()
    fixed = report.requests.replace(
        {("results_total", "natural_person"): 3, ("results_total", "total"): 3}
    )
    return _evolve(report, requests=fixed, publication_date=date)


def test_check_lists_warnings_with_their_evidence_and_fails_on_them_only_when_asked(
    tmp_path: Path,
) -> None:
    path = tmp_path / "early.json"
    path.write_text(govinfo.to_json(_consistent(datetime.date(2021, 1, 18))), encoding="utf-8")
    default = run("check", str(path))
    assert (default.returncode, default.stdout.splitlines()[1:]) == (
        0,
        [
            f"{path}  date.early  broken",
            f"{path}: date.early: “二〇二一年一月十八日” ($.publication_date)",
            "1 report(s) checked, 1 with findings",
        ],
    )
    assert run("check", "--fail-on", "warning", str(path)).returncode == 1
    assert run("check", "--fail-on", "error", str(path)).returncode == 0
    assert run("check", "--fail-on", "never", str(path)).returncode == 2
    # Errors fail with either policy.
    assert run("check", "--fail-on", "warning", govinfo.example_path(".json")).returncode == 1


def test_check_of_text_shows_where_the_prose_was_printed() -> None:
    result = run("check", govinfo.example_path(".txt"))
    assert (
        f"{govinfo.example_path('.txt')}: prose.results_total: “3” in "
        "“2021年,我局共处理依申请公开信息3条,回复率达到100%” ($.overview.parts[1][0], line 15, "
        "column 114)"
    ) in result.stdout.splitlines()


def test_check_a_report_with_an_unread_cell_exits_1_and_says_where(tmp_path: Path) -> None:
    report = _consistent()
    fees = report.disclosure["fees"].replace({("administrative_fees", "amount"): govinfo.UNREAD})
    blocks = (*report.disclosure.blocks[:-1], fees)
    path = tmp_path / "unread.json"
    path.write_text(
        govinfo.to_json(_evolve(report, disclosure=govinfo.Disclosure(blocks))), encoding="utf-8"
    )
    result = run("check", str(path))
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        f"{path}: 1 cell(s) could not be read (unread): "
        "$.disclosure.fees.administrative_fees.amount\n"
        "1 report(s) checked, 1 with findings\n",
        "",
    )
    result = run("check", "--format", "json", str(path))
    assert result.returncode == 1
    (document,) = json.loads(result.stdout)
    assert document == {
        "file": str(path),
        "findings": [],
        "unread": ["$.disclosure.fees.administrative_fees.amount"],
        "sources": {},  # a JSON report has no places
    }


def test_check_lists_at_most_five_unread_cells_per_report(tmp_path: Path) -> None:
    report = _consistent()
    columns = [c.key for c in report.requests.spec.columns]
    grid = report.requests.replace({("granted", c): govinfo.UNREAD for c in columns})
    (tmp_path / "unread.json").write_text(
        govinfo.to_json(_evolve(report, requests=grid)), encoding="utf-8"
    )
    (tmp_path / "fine.json").write_text(govinfo.to_json(report), encoding="utf-8")
    result = run("check", "fine.json", "unread.json", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert all(" not_assessable " in line for line in lines[1:-2])  # each identity it is in
    assert lines[-2:] == [
        "unread.json: 7 cell(s) could not be read (unread): $.requests.granted.natural_person, "
        "$.requests.granted.commercial_enterprise, $.requests.granted.research_institution, "
        "$.requests.granted.social_organization, $.requests.granted.legal_service_agency, …",
        "2 report(s) checked, 1 with findings",
    ]
    documents = json.loads(
        run("check", "--format", "json", "fine.json", "unread.json", cwd=tmp_path).stdout
    )
    assert [d["unread"] for d in documents] == [[], [f"$.requests.granted.{c}" for c in columns]]


def test_check_with_previous_year_reports_continuity(tmp_path: Path) -> None:
    report = govinfo.load_example()
    previous = _evolve(
        report,
        year=2020,
        requests=report.requests.replace({("carried_forward", "natural_person"): 5}),
    )
    (tmp_path / "2020.json").write_text(govinfo.to_json(previous), encoding="utf-8")
    plain = run("check", "--format", "json", govinfo.example_path(".json"))
    both = run(
        "check", "--format", "json", "--previous", str(tmp_path / "2020.json"),
        govinfo.example_path(".json"),
    )  # fmt: skip
    assert both.returncode == 1
    assert len(json.loads(both.stdout)[0]["findings"]) > len(
        json.loads(plain.stdout)[0]["findings"]
    )


def _evolve(report: govinfo.Report, **changes: object) -> govinfo.Report:
    import attrs

    return attrs.evolve(report, **changes)


# --- convert ------------------------------------------------------------------------------


def _corrupt(folder: Path, suffix: str = SUFFIX) -> dict[str, Path]:
    good = _samples.render(govinfo.load_example(), suffix).encode("utf-8")
    truncated = folder / f"truncated{suffix}"
    truncated.write_bytes(good[: len(good) // 2])
    binary = folder / f"binary{suffix}"
    binary.write_bytes(random.Random(7).randbytes(4000))
    wrong = folder / f"utf16{suffix}"
    wrong.write_bytes(good.decode("utf-8").encode("utf-16-le"))  # no byte order mark
    return {"truncated": truncated, "binary": binary, "wrong encoding": wrong}


def test_convert_a_folder_to_csv_continues_past_bad_files(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    write_reports(reports, 197)
    bad = _corrupt(reports)  # 200 files in all
    out = tmp_path / "cells.csv"
    started = time.monotonic()
    result = run("convert", str(reports), "--to", "csv", "-o", str(out), "--jobs", "2")
    assert time.monotonic() - started < 60
    assert result.returncode == 1
    errors = result.stderr.splitlines()
    assert "converted 197 of 200 file(s)" in errors
    assert "3 file(s) failed:" in errors
    listed = [line for line in errors if line.startswith(str(reports))]
    assert [line.split(":")[0] for line in listed] == [
        str(bad["binary"]), str(bad["truncated"]), str(bad["wrong encoding"])
    ]  # fmt: skip
    assert "not UTF-8 or GBK text" in listed[0]
    assert listed[2] == (
        f"{bad['wrong encoding']}: not UTF-8 or GBK text: perhaps utf-16-le, but only a guess "
        "says so (save it as UTF-8)"
    )
    assert leftovers(tmp_path) == []
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    expected = sum(tidy.cell_count(r) for r in _samples.variants(197))
    assert len(rows) == expected
    assert len({row["file"] for row in rows}) == 197
    assert list(rows[0]) == [c.name for c in tidy.COLUMNS]
    first = next(_samples.variants(1))
    mine = [r for r in rows if r["file"].endswith(f"report-0000{SUFFIX}")]
    assert [tuple(r.values())[1:-1] for r in mine] == [
        tuple(next(csv.reader([tidy.csv_text([record])])))[1:-1]
        for record in tidy.cell_records(first)
    ]
    # Read from text, every cell names where it was printed.
    assert all(re.fullmatch(r"line [0-9]+, column [0-9]+", r["source"]) for r in mine)


def test_convert_to_jsonl_keeps_input_order_with_any_jobs(tmp_path: Path) -> None:
    write_reports(tmp_path / "in", 30)
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}.jsonl"
        result = run(
            "convert", str(tmp_path / "in"), "--to", "jsonl", "-o", str(out), "-j", jobs,
            "--chunksize", "4",
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert result.stderr == "converted 30 of 30 file(s)\n"
        outputs.append(out.read_text("utf-8"))
    assert outputs[0] == outputs[1]
    assert [govinfo.from_json(line) for line in outputs[0].splitlines()] == list(
        _samples.variants(30)
    )


def test_convert_shows_progress_only_when_asked_or_on_a_terminal(tmp_path: Path) -> None:
    write_reports(tmp_path / "in", 3)
    out = str(tmp_path / "o.jsonl")
    quiet = run("convert", str(tmp_path / "in"), "--to", "jsonl", "-o", out)
    assert "files/s" not in quiet.stderr
    shown = run("convert", str(tmp_path / "in"), "--to", "jsonl", "-o", out, "--progress")
    assert "[" + "#" * 30 + "] 3/3 files, 0 failed" in shown.stderr


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("gbk", b""), ("gb18030", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16", b"")],
)
def test_gbk_and_bom_encoded_inputs_are_read(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    report = next(_samples.variants(1))
    path = tmp_path / f"in{SUFFIX}"
    path.write_bytes(prefix + _samples.render(report, SUFFIX).encode(encoding))
    result = run("parse", str(path))
    assert result.returncode == 0, result.stderr
    assert govinfo.from_json(result.stdout) == report


def test_an_undecodable_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"\xff\xfe\xfd" * 3)  # neither UTF-8 nor GB18030, and no valid BOM text
    result = run("parse", str(path))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{path}: ")
    assert "UTF" in result.stderr


# --- when things go wrong ------------------------------------------------------------------

BLOCKED = 40  # files converted before the blocked run reaches standard input


def _blocked(tmp_path: Path, out: Path, jobs: str, to: str = "csv") -> tuple[str, ...]:
    """A convert that cannot end before the test lets it: after BLOCKED files it reads standard
    input, which ``started`` holds open. Small first chunks (--chunksize 16) put the first files
    in the output, and start the workers, before it blocks."""
    write_reports(tmp_path / "in", BLOCKED)
    return (
        "convert", str(tmp_path / "in"), "-", "--to", to, "-o", str(out), "-j", jobs,
        "--chunksize", "16",
    )  # fmt: skip


def _writing(folder: Path) -> bool:
    """Whether a temporary output file in ``folder`` holds a converted file already."""
    return any(p.stat().st_size > 0 for p in folder.glob(".*.part"))


@pytest.mark.parametrize(
    ("signum", "jobs", "group", "status", "message"),
    [
        (signal.SIGINT, "1", False, 130, "govinfo: interrupted"),
        # Ctrl-C in a terminal signals the whole foreground process group, workers included.
        (signal.SIGINT, "2", True, 130, "govinfo: interrupted"),
        (signal.SIGTERM, "1", False, 143, "govinfo: terminated (SIGTERM)"),
        (signal.SIGTERM, "2", False, 143, "govinfo: terminated (SIGTERM)"),
        (signal.SIGHUP, "2", True, 129, "govinfo: hung up (SIGHUP)"),
    ],
)
def test_a_signal_stops_convert_and_leaves_no_partial_output(
    tmp_path: Path, signum: int, jobs: str, group: bool, status: int, message: str
) -> None:
    out = tmp_path / "out.csv"
    out.write_text("previous run\n")
    args = _blocked(tmp_path, out, jobs)
    before = digest(tmp_path)
    with started(*args) as process:
        wait_for(lambda: _writing(tmp_path), "the run to write its temporary output")
        if group:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=30)
        assert (process.returncode, stdout, stderr.decode()) == (status, b"", f"{message}\n")
        wait_for(lambda: group_gone(process.pid), "the workers to exit", timeout=10)
    assert leftovers(tmp_path) == []
    assert digest(tmp_path) == before  # the previous output and every input as they were


def test_a_killed_run_leaves_a_temporary_that_the_next_run_removes(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("previous run\n")
    args = _blocked(tmp_path, out, "2", to="jsonl")
    with started(*args) as process:
        wait_for(lambda: _writing(tmp_path), "the run to write its temporary output")
        process.kill()  # the parent alone: its workers are left to notice
        # Returns once every process holding the pipes has gone: the workers too.
        stdout, stderr = process.communicate(timeout=30)
        assert (process.returncode, stdout, stderr) == (-signal.SIGKILL, b"", b"")
        wait_for(lambda: group_gone(process.pid), "the workers to exit", timeout=10)
    (stale,) = leftovers(tmp_path)
    assert re.fullmatch(rf"\.out\.jsonl\.govinfo-.+-{process.pid}\.part", stale)
    assert out.read_text() == "previous run\n"
    last = _samples.variants(BLOCKED + 1, seed=0)
    reports = list(last)
    stdin = _samples.render(reports[-1], SUFFIX).encode()
    again = run(*args, stdin=stdin, timeout=60)
    assert (again.returncode, again.stderr) == (
        0,
        f"converted {BLOCKED + 1} of {BLOCKED + 1} file(s)\n",
    )
    assert leftovers(tmp_path) == []
    lines = out.read_text("utf-8").splitlines()
    assert [govinfo.from_json(line) for line in lines] == reports


def test_convert_to_a_pipe_closed_by_its_reader_exits_141_promptly(tmp_path: Path) -> None:
    """`govinfo convert … -o - | head -1`: once hung in some runs, in Pool.terminate()."""
    write_reports(tmp_path / "in", 200)
    before = digest(tmp_path)
    for attempt in range(20):
        with started(
            "convert", str(tmp_path / "in"), "--to", "jsonl", "-o", "-", "--jobs", "2"
        ) as process:
            assert process.stdout is not None
            first = process.stdout.readline()
            process.stdout.close()  # the reader goes away after one line, as head -1 does
            _, stderr = process.communicate(timeout=30)
            assert (process.returncode, stderr) == (141, b""), attempt
            wait_for(lambda: group_gone(process.pid), "the workers to exit", timeout=10)
        assert govinfo.from_json(first.decode()) == next(_samples.variants(1))
    assert digest(tmp_path) == before


@pytest.mark.parametrize("command", ["parse", "check"])
def test_parse_and_check_to_a_closed_pipe_exit_141_quietly(tmp_path: Path, command: str) -> None:
    paths = write_reports(tmp_path, 30, ".json")
    with started(command, *map(str, paths)) as process:
        assert process.stdout is not None
        process.stdout.readline()
        process.stdout.close()
        _, stderr = process.communicate(timeout=30)
        assert (process.returncode, stderr) == (141, b"")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_convert_reads_standard_input_in_the_parent(tmp_path: Path, jobs: str) -> None:
    """Worker processes read /dev/null as their standard input: `-` used to convert nothing."""
    paths = write_reports(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    alone = run(
        "convert", "-", "--to", "jsonl", "-o", str(out), "--jobs", jobs,
        stdin=paths[1].read_bytes(), timeout=60,
    )  # fmt: skip
    assert (alone.returncode, alone.stderr) == (0, "converted 1 of 1 file(s)\n")
    assert [govinfo.from_json(line) for line in out.read_text("utf-8").splitlines()] == [
        list(_samples.variants(3))[1]
    ]
    mixed = run(
        "convert", str(paths[0]), "-", str(paths[2]), "--to", "jsonl", "-o", str(out),
        "--jobs", jobs, "--chunksize", "16", stdin=paths[1].read_bytes(), timeout=60,
    )  # fmt: skip
    assert (mixed.returncode, mixed.stderr) == (0, "converted 3 of 3 file(s)\n")
    lines = out.read_text("utf-8").splitlines()
    assert [govinfo.from_json(line) for line in lines] == list(_samples.variants(3))


def _special_files(folder: Path, monkeypatch: pytest.MonkeyPatch) -> socket.socket:
    """A FIFO and a socket among the reports of ``folder``; the socket is the caller's to close."""
    os.mkfifo(folder / f"pipe{SUFFIX}")
    monkeypatch.chdir(folder)  # a socket's path is short: bind it by its relative name
    server = socket.socket(socket.AF_UNIX)
    server.bind(f"sock{SUFFIX}")
    return server


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_convert_skips_fifos_sockets_and_devices(
    tmp_path: Path, jobs: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    write_reports(folder, 3)
    named = tmp_path / "named.fifo"
    os.mkfifo(named)
    out = tmp_path / "out.jsonl"
    with _special_files(folder, monkeypatch):
        result = run(
            "convert", str(folder), str(named), "/dev/zero", "--to", "jsonl", "-o", str(out),
            "--jobs", jobs, timeout=60,
        )  # fmt: skip
        assert stat.S_ISSOCK(os.stat(folder / f"sock{SUFFIX}").st_mode)
    assert (result.returncode, result.stderr.splitlines()) == (
        0,
        [
            f"{folder / f'pipe{SUFFIX}'}: skipped: not a regular file (a FIFO)",
            f"{folder / f'sock{SUFFIX}'}: skipped: not a regular file (a socket)",
            f"{named}: skipped: not a regular file (a FIFO)",
            "/dev/zero: skipped: not a regular file (a character device)",
            "converted 3 of 3 file(s); 4 skipped (not a regular file)",
        ],
    )
    assert stat.S_ISFIFO(os.stat(folder / f"pipe{SUFFIX}").st_mode)
    lines = out.read_text("utf-8").splitlines()
    assert [govinfo.from_json(line) for line in lines] == list(_samples.variants(3))


@pytest.mark.parametrize("command", ["parse", "check", "render"])
def test_a_special_file_named_to_parse_check_or_render_is_refused(
    tmp_path: Path, command: str
) -> None:
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    for name in (str(fifo), "/dev/zero"):  # one would block, the other never end
        result = run(command, name, timeout=60)
        kind = "a FIFO" if name == str(fifo) else "a character device"
        assert (result.returncode, result.stdout, result.stderr) == (
            1,
            "0 report(s) checked, 0 with findings\n" if command == "check" else "",
            f"{name}: skipped: not a regular file ({kind})\n",
        )


def _inputs(tmp_path: Path) -> None:
    a, b = _samples.variants(2)
    (tmp_path / "a.txt").write_text(_samples.render(a, ".txt"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(_samples.render(b, ".txt"), encoding="utf-8")
    (tmp_path / "a.json").write_text(govinfo.to_json(a), encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "c.json").write_text(govinfo.to_json(b), encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("a.txt")


@pytest.mark.parametrize(
    ("args", "output", "input_"),
    [
        (("convert", "a.txt", "b.txt", "--to", "jsonl", "-o", "a.txt"), "a.txt", "a.txt"),
        (("convert", "in", "b.txt", "--to", "csv", "-o", "in/c.json"), "in/c.json", "in/c.json"),
        (("convert", "./in", "--to", "jsonl", "-o", "in/c.json"), "in/c.json", "./in/c.json"),
        (("convert", "a.txt", "--to", "jsonl", "-o", "link.txt"), "link.txt", "a.txt"),
        (("parse", "a.txt", "-o", "a.txt"), "a.txt", "a.txt"),
        (("parse", "b.txt", "./a.txt", "-o", "a.txt"), "a.txt", "./a.txt"),
        (("render", "a.json", "-o", "a.json"), "a.json", "a.json"),
        (("check", "a.txt", "-o", "a.txt"), "a.txt", "a.txt"),
        (("check", "b.txt", "--previous", "a.json", "-o", "a.json"), "a.json", "a.json"),
        (("parse", "new.txt", "-o", "./new.txt"), "./new.txt", "new.txt"),  # neither exists
    ],
)
def test_an_output_that_is_an_input_is_refused_before_reading(
    tmp_path: Path, args: Sequence[str], output: str, input_: str
) -> None:
    _inputs(tmp_path)
    before = digest(tmp_path)
    # Standard input is an input too, never written to: were it read, the run would block.
    first = (args[0], "-", *args[1:]) if args[0] != "render" else tuple(args)
    with started(*first, cwd=tmp_path) as process:
        stdout, stderr = process.communicate(timeout=30)  # (stdin stays open until this)
        assert (process.returncode, stdout, stderr.decode()) == (
            2,
            b"",
            f"govinfo: error: -o {output} is the input {input_}: refusing to overwrite it "
            "(nothing was written)\n",
        )
    assert digest(tmp_path) == before
    assert (tmp_path / "link.txt").is_symlink()
    assert leftovers(tmp_path) == leftovers(tmp_path / "in") == []


def test_an_output_link_stays_a_link_and_its_target_is_replaced(tmp_path: Path) -> None:
    paths = write_reports(tmp_path / "in", 2)
    data = tmp_path / "data"
    data.mkdir()
    target = data / "all.jsonl"
    target.write_text("previous run\n")
    target.chmod(0o640)
    link = tmp_path / "latest.jsonl"
    link.symlink_to(os.path.relpath(target, tmp_path))
    result = run("convert", str(tmp_path / "in"), "--to", "jsonl", "-o", str(link))
    assert (result.returncode, result.stderr) == (0, "converted 2 of 2 file(s)\n")
    assert link.is_symlink()
    assert os.readlink(link) == os.path.join("data", "all.jsonl")
    lines = target.read_text("utf-8").splitlines()
    assert [govinfo.from_json(line) for line in lines] == list(_samples.variants(2))
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the mode of the file it replaced
    assert leftovers(tmp_path) == leftovers(data) == []
    dangling = tmp_path / "next.json"
    dangling.symlink_to(os.path.join("data", "new.json"))
    assert run("parse", str(paths[0]), "-o", str(dangling)).returncode == 0
    assert dangling.is_symlink()
    assert govinfo.from_json((data / "new.json").read_text("utf-8")) == next(_samples.variants(1))


def test_a_fifo_or_device_as_output_is_written_not_replaced(tmp_path: Path) -> None:
    paths = write_reports(tmp_path / "in", 2)
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received = tmp_path / "received.jsonl"
    with received.open("wb") as sink:
        reader = subprocess.Popen(["cat", str(fifo)], stdout=sink)
        try:
            result = run("convert", str(tmp_path / "in"), "--to", "jsonl", "-o", str(fifo))
            assert reader.wait(timeout=30) == 0
        finally:
            if reader.poll() is None:
                reader.kill()
                reader.wait()
    assert (result.returncode, result.stderr) == (0, "converted 2 of 2 file(s)\n")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert len(received.read_text("utf-8").splitlines()) == 2
    if os.geteuid() == 0:  # as root, a rename onto a device replaces it (/dev/null once did)
        null = tmp_path / "null"
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        result = run("parse", str(paths[0]), "-o", str(null))
        assert result.returncode == 0, result.stderr
        assert stat.S_ISCHR(os.stat(null).st_mode)


def _file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failed_write_names_the_output_not_the_temporary(tmp_path: Path, jobs: str) -> None:
    write_reports(tmp_path / "in", 10)
    out = tmp_path / "out.jsonl"
    out.write_text("previous run\n")
    before = digest(tmp_path)
    result = run(
        "convert", str(tmp_path / "in"), "--to", "jsonl", "-o", str(out), "--jobs", jobs,
        preexec_fn=_file_size_limit(20_000),  # the disk is full, as far as the run can tell
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (1, f"govinfo: error: {out}: File too large\n")
    assert digest(tmp_path) == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("output", "reason"),
    [("missing/out.json", "No such file or directory"), ("folder", "is a folder")],
)
def test_an_output_that_cannot_be_written_is_named(
    tmp_path: Path, output: str, reason: str
) -> None:
    (tmp_path / "folder").mkdir()
    report = govinfo.example_path(".json")
    for args in (("parse", report), ("convert", report, "--to", "csv")):
        result = run(*args, "-o", output, cwd=tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (
            1,
            "",
            f"govinfo: error: {output}: {reason}\n",
        )
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["folder"]


def test_every_exit_status_is_documented() -> None:
    page = (Path(__file__).parent.parent / "docs" / "cli.md").read_text("utf-8")
    table = {int(n) for n in re.findall(r"^\| ([0-9]+) \|", page, re.M)}
    assert table == {0, 1, 2, 129, 130, 141, 143}
    help_ = run("convert", "--help").stdout
    for status in ("0 fine", "1 findings", "2 usage error", "130 interrupted", "141 stdout"):
        assert status in " ".join(help_.split())


def test_the_command_imports_the_govinfo_under_test() -> None:
    found = subprocess.run(
        [sys.executable, "-c", "import govinfo; print(govinfo.__file__)"],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
        check=True,
    )
    assert Path(found.stdout.strip()).resolve() == Path(govinfo.__file__).resolve()


def test_demo_prints_the_reference_report() -> None:
    result = run("demo")
    assert result.returncode == 0
    report = result.stdout.split("\n}\n")[0] + "\n}"
    assert govinfo.from_json(report) == govinfo.load_example()
