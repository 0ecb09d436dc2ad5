"""``govinfo convert --resume``: a run stopped part way and run again converts only what is
missing, and gives the output of a run that was never stopped."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from govinfo import _samples, tidy
from govinfo.cli import _batch, _resume, main
from test_cli import ENV, GOVINFO, group_gone, run, wait_for, write_reports

FIXTURES = Path(__file__).parent / "fixtures"
CONVERT_ONE = _batch.convert_one


def _mixed(folder: Path, reports: int = 40) -> None:
    """Report text, web pages, Word files, and files that cannot be read."""
    write_reports(folder, reports)
    for page in sorted((FIXTURES / "web").iterdir()):
        shutil.copy(page / "article.html", folder / f"{page.name}.html")
    for word in sorted((FIXTURES / "docx").glob("*.docx")):
        shutil.copy(word, folder / word.name)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    good = (folder / "report-0000.txt").read_bytes()
    (folder / "truncated.txt").write_bytes(good[: len(good) // 3])


def _manifest(work: Path) -> list[dict[str, object]]:
    lines = (work / _resume.MANIFEST).read_text("utf-8").splitlines()
    parts = []
    for line in lines[1:]:
        try:
            parts.append(json.loads(line))
        except ValueError:  # cut short by the kill
            continue
    return parts


def _read(log: Path) -> list[str]:
    return [line.split(" ", 1)[1] for line in log.read_text("utf-8").splitlines()]


def _without_resuming(stderr: str) -> str:
    return "".join(line for line in stderr.splitlines(True) if not line.startswith("resuming: "))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_killed_run_resumed_reads_only_what_was_missing(tmp_path: Path, jobs: str) -> None:
    _mixed(tmp_path / "in")
    inputs = list(_batch.discover([str(tmp_path / "in")]))
    whole = run("convert", str(tmp_path / "in"), "--to", "jsonl", "-o", str(tmp_path / "whole"),
                "-j", "1")  # fmt: skip
    assert whole.returncode == 1  # the broken files
    out = tmp_path / "out.jsonl"
    work = Path(_resume.work_folder(str(out)))
    args = ("convert", str(tmp_path / "in"), "--to", "jsonl", "-o", str(out), "--resume",
            "-j", jobs, "--chunksize", "32")  # fmt: skip
    first_log = tmp_path / "first.log"
    slow = {**ENV, _batch.TEST_DELAY: "0.03", _batch.TEST_LOG: str(first_log)}
    process = subprocess.Popen(
        [*GOVINFO, *args], env=slow, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        # The folder is made before its manifest is: wait for the file.
        manifest = work / _resume.MANIFEST
        wait_for(lambda: manifest.exists() and len(_manifest(work)) >= 3, "three finished parts")
        os.killpg(process.pid, signal.SIGKILL)  # the run and its workers, at once
        assert process.wait(timeout=30) == -signal.SIGKILL
        wait_for(lambda: group_gone(process.pid), "the workers to exit", timeout=10)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
    assert not out.exists()  # the output appears only complete
    parts = _manifest(work)
    finished = [name for part in parts for name, _, _ in part["files"]]  # type: ignore[attr-defined]
    assert 0 < len(finished) < len(inputs)
    assert set(finished) <= set(_read(first_log))

    second_log = tmp_path / "second.log"
    again = subprocess.run(
        [*GOVINFO, *args], env={**ENV, _batch.TEST_LOG: str(second_log)}, capture_output=True,
        text=True, timeout=120, check=False,
    )  # fmt: skip
    assert again.returncode == whole.returncode
    assert f"resuming: {len(finished)} of {len(inputs)} file(s) converted already" in again.stderr
    assert _without_resuming(again.stderr) == whole.stderr  # the same lines, failures included
    assert out.read_bytes() == (tmp_path / "whole").read_bytes()
    read_again = _read(second_log)
    assert set(read_again).isdisjoint(finished)  # what was done before the kill was not read
    assert sorted([*read_again, *finished]) == sorted(inputs)
    assert not work.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "first.log", "in", "out.jsonl", "second.log", "whole",
    ]  # fmt: skip


class _Interrupt:
    """A reading that stops the run (as Ctrl-C does) when it reaches file number ``at``."""

    def __init__(self, at: int) -> None:
        self.at = at
        self.read: list[str] = []

    def __call__(self, item: _batch.Item, to: _batch.Format, strict: bool) -> _batch.Outcome:
        if len(self.read) == self.at:
            raise KeyboardInterrupt
        self.read.append(item[0])
        return CONVERT_ONE(item, to, strict)


@pytest.mark.parametrize("to", ["csv", "parquet", "jsonl"])
def test_an_interrupted_run_resumed_equals_one_never_stopped(
    tmp_path: Path, to: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _mixed(tmp_path / "in", reports=20)
    inputs = list(_batch.discover([str(tmp_path / "in")]))
    common = [str(tmp_path / "in"), "--to", to, "-j", "1", "--chunksize", "16"]
    assert main(["convert", *common, "-o", str(tmp_path / f"whole.{to}")]) == 1
    whole = capsys.readouterr().err
    out = tmp_path / f"out.{to}"
    stop = _Interrupt(at=9)
    monkeypatch.setattr(_batch, "convert_one", stop)
    assert main(["convert", *common, "-o", str(out), "--resume"]) == 130
    assert not out.exists()
    work = Path(_resume.work_folder(str(out)))
    # Chunks of 1, 2 and 4 files are done, the fourth was cut short (a part without output, of
    # files that failed, has no file).
    assert [len(p["files"]) for p in _manifest(work)] == [1, 2, 4]  # type: ignore[arg-type]
    parts = sorted(p.name for p in work.iterdir() if p.name.startswith("part-"))
    assert parts
    assert all(p.endswith(f".{to}") for p in parts)
    if to == "parquet":  # a part is a Parquet file of its own
        import pyarrow.parquet as pq

        assert all(pq.ParquetFile(work / p).metadata.num_rows > 0 for p in parts)
    capsys.readouterr()
    again = _Interrupt(at=len(inputs))
    monkeypatch.setattr(_batch, "convert_one", again)
    assert main(["convert", *common, "-o", str(out), "--resume"]) == 1
    assert again.read == inputs[7:]
    assert _without_resuming(capsys.readouterr().err) == whole
    if to == "parquet":
        assert list(tidy.read_parquet(str(out))) == list(
            tidy.read_parquet(str(tmp_path / f"whole.{to}"))
        )
    else:
        assert out.read_bytes() == (tmp_path / f"whole.{to}").read_bytes()
    assert not work.exists()


def test_a_file_changed_since_its_part_was_made_is_converted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_reports(tmp_path / "in", 12)
    out = tmp_path / "out.jsonl"
    args = ["convert", str(tmp_path / "in"), "--to", "jsonl", "-o", str(out), "--resume",
            "-j", "1", "--chunksize", "16", "-q"]  # fmt: skip
    monkeypatch.setattr(_batch, "convert_one", _Interrupt(at=7))
    assert main(args) == 130  # parts of files 0, 1-2 and 3-6 are done
    changed = next(_samples.variants(1, seed=5))
    paths[4].write_text(_samples.render(changed, ".txt"), encoding="utf-8")
    again = _Interrupt(at=100)
    monkeypatch.setattr(_batch, "convert_one", again)
    assert main(args) == 0
    assert again.read == [str(p) for p in paths[3:]]  # the part holding file 4, and the rest
    assert main(["convert", str(tmp_path / "in"), "--to", "jsonl", "-o", str(tmp_path / "w")]) == 0
    assert out.read_bytes() == (tmp_path / "w").read_bytes()


def test_discovery_never_takes_the_work_folder_or_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_reports(tmp_path / "in", 6)
    out = tmp_path / "in" / "out.jsonl"
    args = ["convert", str(tmp_path / "in"), "--to", "jsonl", "-o", str(out), "--resume", "-q",
            "-j", "1", "--chunksize", "16"]  # fmt: skip
    monkeypatch.setattr(_batch, "convert_one", _Interrupt(at=3))
    assert main(args) == 130
    work = Path(_resume.work_folder(str(out)))
    assert work.parent == tmp_path / "in"
    assert work.name == ".out.jsonl.govinfo-work"
    assert (work / _resume.MANIFEST).exists()
    assert list(_batch.discover([str(tmp_path / "in")])) == [str(p) for p in paths]
    monkeypatch.undo()
    assert main(args) == 0
    assert len(out.read_text("utf-8").splitlines()) == 6


def test_a_work_folder_made_for_another_format_is_started_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_reports(tmp_path / "in", 6)
    out = tmp_path / "out"
    common = [str(tmp_path / "in"), "-o", str(out), "--resume", "-j", "1", "--chunksize", "16"]
    monkeypatch.setattr(_batch, "convert_one", _Interrupt(at=3))
    assert main(["convert", *common, "--to", "jsonl"]) == 130
    monkeypatch.undo()
    capsys.readouterr()
    work = _resume.work_folder(str(out))
    (Path(work) / "notes.txt").write_text("someone else's")
    assert main(["convert", *common, "--to", "csv"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"{work}: made with another --to, --lenient or govinfo: started afresh",
        "converted 6 of 6 file(s)",
    ]
    assert out.read_bytes().decode().startswith(tidy.csv_header())
    assert os.listdir(work) == ["notes.txt"]  # only this program's files are removed


def test_a_part_whose_worker_died_is_converted_again(tmp_path: Path) -> None:
    work = _resume.Work(str(tmp_path / "out.jsonl"), "jsonl", True)
    keys = [("a.txt", 1, 1), ("b.txt", 1, 1)]
    died = "internal error: the worker process died (killed by SIGKILL)"
    with work:
        work.record(keys, [_batch.Outcome(n, None, f"{n}: {died}") for n, _, _ in keys])
        work.record([("c.txt", None, None)], [_batch.Outcome("c.txt", None, "c.txt: missing")])
        plan = work.plan([*keys, ("c.txt", None, None)], 16)
    assert (list(plan.reused), plan.missing) == ([2], [[0], [1]])


def test_two_runs_never_share_a_work_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_reports(tmp_path / "in", 2)
    out = str(tmp_path / "out.jsonl")
    with _resume.Work(out, "jsonl", True):
        assert main(["convert", str(tmp_path / "in"), "--to", "jsonl", "-o", out, "--resume"]) == 1
    work = _resume.work_folder(out)
    assert capsys.readouterr().err == (
        f"govinfo: error: {work}: another govinfo convert --resume is using this work folder\n"
    )


@pytest.mark.parametrize("args", [["-o", "-", "IN"], ["-", "-o", "OUT"]])
def test_resume_needs_an_output_file_and_input_files(
    tmp_path: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    write_reports(tmp_path / "in", 1)
    args = [{"IN": str(tmp_path / "in"), "OUT": str(tmp_path / "o")}.get(a, a) for a in args]
    assert main(["convert", *args, "--to", "jsonl", "--resume"]) == 2
    assert "--resume keeps its work beside -o OUT" in capsys.readouterr().err
    assert os.listdir(tmp_path) == ["in"]


def test_without_dask_the_scheduler_option_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_reports(tmp_path / "in", 1)
    monkeypatch.setitem(sys.modules, "distributed", None)
    out = str(tmp_path / "o")
    assert main(["convert", str(tmp_path / "in"), "--to", "jsonl", "-o", out,
                 "--scheduler", "local"]) == 1  # fmt: skip
    assert capsys.readouterr().err == (
        "govinfo: error: govinfo convert --scheduler (a Dask cluster) needs distributed, which "
        "the core of govinfo does not install: pip install 'govinfo-cn[dask]'\n"
    )
    assert os.listdir(tmp_path) == ["in"]


def test_resume_beside_a_missing_folder_or_a_device_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_reports(tmp_path / "in", 1)
    missing = str(tmp_path / "nowhere" / "out.jsonl")
    assert main(["convert", str(tmp_path / "in"), "--to", "jsonl", "-o", missing, "--resume"]) == 1
    assert capsys.readouterr().err == f"govinfo: error: {missing}: No such file or directory\n"
    assert (
        main(["convert", str(tmp_path / "in"), "--to", "jsonl", "-o", os.devnull, "--resume"]) == 2
    )
    assert "/dev/null is not a regular file" in capsys.readouterr().err
    assert os.listdir(tmp_path) == ["in"]
    assert not any(".govinfo-work" in name for name in os.listdir(os.path.dirname(os.devnull)))
