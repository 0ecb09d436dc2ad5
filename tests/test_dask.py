"""``govinfo convert --scheduler``: the same conversion on a Dask cluster (the extra ``dask``)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

distributed = pytest.importorskip("distributed")

from govinfo import batch, tidy  # noqa: E402
from govinfo.cli import _batch  # noqa: E402
from test_cli import ENV, run, write_reports  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"

MIXED = (
    "web/*/article.html",
    "docx/*.docx",
    "pdf-text/*.txt",  # report text as PDF extractors give it: some read, one does not
    "pdf/*.pdf",
)
"""The example reports of the mixed folder, as globs under tests/fixtures."""


def _mixed(folder: Path) -> None:
    """Report text, web pages, Word files, PDF text, and files that cannot be read."""
    write_reports(folder, 30)
    for pattern in MIXED:
        for path in sorted(FIXTURES.glob(pattern)):
            name = (
                path.name if path.parent.parent == FIXTURES else f"{path.parent.name}-{path.name}"
            )
            shutil.copy(path, folder / name)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    good = (folder / "report-0000.txt").read_bytes()
    (folder / "truncated.txt").write_bytes(good[: len(good) // 3])
    (folder / "empty.html").write_bytes(b"")
    (folder / "not-a-word-file.docx").write_bytes(b"PK\x03\x04 but no zip")
    pdf = (FIXTURES / "pdf" / "huaian-city-2024.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """A local cluster of 2 worker processes, started as a user would start one."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as started:
        yield started


def _failures(stderr: str) -> list[str]:
    lines = stderr.splitlines()
    head = next(i for i, line in enumerate(lines) if line.endswith("file(s) failed:"))
    return lines[head + 1 :]


def _records(path: Path, to: str) -> list[Any]:
    if to == "parquet":
        return list(tidy.read_parquet(str(path)))
    if to == "jsonl":
        return [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return path.read_bytes().decode().splitlines()


@pytest.mark.parametrize("to", ["jsonl", "csv", "parquet"])
def test_a_cluster_converts_as_one_process_does(tmp_path: Path, cluster: Any, to: str) -> None:
    _mixed(tmp_path / "in")
    one = run("convert", str(tmp_path / "in"), "--to", to, "-o", str(tmp_path / "one"), "-j", "1")
    assert one.returncode == 1  # the broken files
    failed = _failures(one.stderr)
    assert len(failed) >= 4
    assert any(".docx:" in line for line in failed)
    assert any(".html:" in line for line in failed)
    clustered = run(
        "convert", str(tmp_path / "in"), "--to", to, "-o", str(tmp_path / "dask"),
        "--scheduler", cluster.scheduler_address, "--chunksize", "8",
    )  # fmt: skip
    assert (clustered.returncode, clustered.stderr) == (one.returncode, one.stderr)
    assert sorted(map(repr, _records(tmp_path / "dask", to))) == sorted(
        map(repr, _records(tmp_path / "one", to))
    )
    assert _records(tmp_path / "dask", to) == _records(tmp_path / "one", to)  # order too


def test_a_local_cluster_with_resume_writes_a_part_per_partition(tmp_path: Path) -> None:
    _mixed(tmp_path / "in")
    one = run("convert", str(tmp_path / "in"), "--to", "parquet", "-o", str(tmp_path / "one"))
    local = run(
        "convert", str(tmp_path / "in"), "--to", "parquet", "-o", str(tmp_path / "local"),
        "--scheduler", "local", "--jobs", "2", "--resume", "--chunksize", "8",
    )  # fmt: skip
    assert (local.returncode, local.stderr) == (one.returncode, one.stderr)
    assert _records(tmp_path / "local", "parquet") == _records(tmp_path / "one", "parquet")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "local", "one"]


def test_identical_tasks_are_each_run(tmp_path: Path, cluster: Any) -> None:
    # Dask takes two calls with the same arguments for one task unless told otherwise.
    (path,) = write_reports(tmp_path, 1)
    out = tmp_path / "out.jsonl"
    result = run(
        "convert", str(path), str(path), str(path), "--to", "jsonl", "-o", str(out),
        "--scheduler", cluster.scheduler_address, "--chunksize", "1",
    )  # fmt: skip
    assert result.stderr == "converted 3 of 3 file(s)\n"
    assert len(set(out.read_text("utf-8").splitlines())) == 1
    assert len(out.read_text("utf-8").splitlines()) == 3


def test_an_unreachable_scheduler_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (path,) = write_reports(tmp_path, 1)
    monkeypatch.setitem(ENV, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT", "1s")
    result = run(
        "convert", str(path), "--to", "jsonl", "-o", str(tmp_path / "o"),
        "--scheduler", "tcp://127.0.0.1:9",
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith(
        "govinfo: error: tcp://127.0.0.1:9: cannot reach the Dask scheduler: "
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_the_reading_function_runs_on_a_dask_bag(tmp_path: Path, cluster: Any) -> None:
    """The recipe of docs/batch.md, as written there."""
    import dask.bag as db

    paths = [str(p) for p in write_reports(tmp_path / "in", 5)] + [str(tmp_path / "missing.txt")]
    with distributed.Client(cluster.scheduler_address):
        outcomes = db.from_sequence(paths, partition_size=2).map(batch.convert_file, "jsonl")
        outcomes = outcomes.persist()  # read each file once, for the two uses below
        failed = outcomes.pluck(2).filter(None).compute()
        lines = outcomes.pluck(1).filter(None).map(bytes.decode).map(str.rstrip)
        lines.to_textfiles(str(tmp_path / "reports" / "part-*.jsonl"), last_endline=True)
        del outcomes, lines  # let the cluster forget them
    assert failed == [f"{paths[-1]}: No such file or directory"]
    parts = sorted((tmp_path / "reports").iterdir())
    written = b"".join(p.read_bytes() for p in parts)
    expected = b"".join(_batch.convert_one((p, None), "jsonl").output or b"" for p in paths)
    assert written == expected


def test_a_task_that_fails_on_the_cluster_costs_its_files_and_is_tried_again(
    tmp_path: Path, cluster: Any
) -> None:
    from govinfo.cli import _dask, _resume

    with distributed.Client(cluster.scheduler_address) as client:
        future = client.submit(divmod, 1, 0, pure=False)
        distributed.wait([future])
        outcomes = _dask.taken([("a.txt", None), ("b.txt", None)], future)
        future.release()
    reason = "internal error: the task failed on the cluster (ZeroDivisionError: "
    assert [o.error for o in outcomes] == [
        f"a.txt: {reason}integer division or modulo by zero)",
        f"b.txt: {reason}integer division or modulo by zero)",
    ]
    work = _resume.Work(str(tmp_path / "out"), "jsonl", True)
    with work:
        part = work.record([("a.txt", 1, 1), ("b.txt", 1, 1)], outcomes)
    assert part.retry
