"""The installed ``govinfo`` command, run as a subprocess, as a user runs it."""

from __future__ import annotations

import codecs
import csv
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

import govinfo
from govinfo import _samples
from govinfo.cli import _tabular
from govinfo.template import template


def _command() -> list[str]:
    beside = Path(sys.executable).parent / "govinfo"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("govinfo")
    return [found] if found else [sys.executable, "-m", "govinfo"]


GOVINFO = _command()
SUFFIX = ".txt"  # generated reports are written as report text


def run(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [*GOVINFO, *args],
        cwd=cwd,
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    return result


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
        [sys.executable, "-m", "govinfo", "schema"], capture_output=True, check=False
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
    assert all(total in line for line in lines[1:-1])
    assert lines[-1] == "1 report(s) checked, 1 with findings"


def test_check_as_json_for_machines() -> None:
    result = run("check", "--format", "json", govinfo.example_path(".json"))
    assert result.returncode == 1
    (document,) = json.loads(result.stdout)
    assert document["file"] == govinfo.example_path(".json")
    paths = {c["path"] for f in document["findings"] for c in f["cells"]}
    assert "$.requests.results_total.total" in paths


def test_check_a_consistent_report_exits_0(tmp_path: Path) -> None:
    report = govinfo.load_example()
    fixed = report.requests.replace(
        {("results_total", "natural_person"): 3, ("results_total", "total"): 3}
    )
    path = tmp_path / "fixed.json"
    path.write_text(govinfo.to_json(_evolve(report, requests=fixed)), encoding="utf-8")
    result = run("check", str(path))
    assert (result.returncode, result.stdout) == (0, "1 report(s) checked, 0 with findings\n")


def _consistent() -> govinfo.Report:
    report = govinfo.load_example()
    fixed = report.requests.replace(
        {("results_total", "natural_person"): 3, ("results_total", "total"): 3}
    )
    return _evolve(report, requests=fixed)


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
    expected = sum(_tabular.cell_count(r) for r in _samples.variants(197))
    assert len(rows) == expected
    assert len({row["file"] for row in rows}) == 197
    assert set(rows[0]) == set(_tabular.COLUMNS)
    first = next(_samples.variants(1))
    mine = [r for r in rows if r["file"].endswith(f"report-0000{SUFFIX}")]
    assert [tuple(r.values())[1:-1] for r in mine] == [
        row[1:-1] for row in _tabular.cell_rows(first, "")
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


@pytest.mark.parametrize(("jobs", "group"), [("1", False), ("2", True)])
def test_ctrl_c_during_convert_leaves_no_output(tmp_path: Path, jobs: str, group: bool) -> None:
    """A FIFO as input blocks the run at a known point: after the output file was opened."""
    write_reports(tmp_path / "in", 4)
    fifo = tmp_path / "in" / f"blocking{SUFFIX}"
    os.mkfifo(fifo)
    out = tmp_path / "out.csv"
    process = subprocess.Popen(
        [*GOVINFO, "convert", str(tmp_path / "in"), "--to", "csv", "-o", str(out), "-j", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a shell job has
    )
    try:
        deadline = time.monotonic() + 30
        while not leftovers(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert leftovers(tmp_path), "the run never opened its output"
        time.sleep(0.3)  # let it reach the FIFO
        if group:  # Ctrl-C in a terminal signals the whole foreground process group
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 130
    assert b"govinfo: interrupted" in stderr
    assert b"Traceback" not in stderr
    assert not out.exists()
    assert leftovers(tmp_path) == []


def test_demo_prints_the_reference_report() -> None:
    result = run("demo")
    assert result.returncode == 0
    report = result.stdout.split("\n}\n")[0] + "\n}"
    assert govinfo.from_json(report) == govinfo.load_example()
