"""The machinery under ``govinfo convert``: decoding, discovery, ordering, atomic output."""

from __future__ import annotations

import codecs
import csv
import errno
import io
import multiprocessing
import os
import random
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

import govinfo
from govinfo import _samples, tidy
from govinfo.cli import _batch
from govinfo.errors import GovInfoError, UndecodableInput
from govinfo.model import BLANK, UNREAD, Placeholder

TEXT = "三、本年度办理结果\n（七）总计\t3\r\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("gbk"),
        TEXT.encode("gb18030"),
        TEXT.encode("utf-16"),  # with its byte order mark
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
)
def test_decode_reads_utf8_gbk_and_bom_encodings(data: bytes) -> None:
    assert _batch.decode(data, "x.txt") == TEXT


def test_decode_keeps_form_feeds_between_pdf_pages() -> None:
    assert _batch.decode("一页\f二页".encode(), "x.txt") == "一页\f二页"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            b"\xff\xfd\xfc\x80",
            "not UTF-8 or GBK text: invalid UTF-8 at byte 0, invalid GB18030 at byte 0",
        ),
        (
            b"PK\x03\x04",
            "not UTF-8 or GBK text: control character U+0003 at line 1, column 3 (binary data?)",
        ),
        (
            b"ok\n\x00",
            "not UTF-8 or GBK text: control character U+0000 at line 2, column 1 (binary data?)",
        ),
        (codecs.BOM_UTF8 + b"\xff", "invalid UTF-8 after its byte order mark at byte 3"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "invalid UTF-16 after its byte order mark at byte 2"),
        (
            TEXT.encode("utf-16-le"),  # no byte order mark: the library guesses, the batch won't
            "not UTF-8 or GBK text: perhaps utf-16-le, but only a guess says so (save it as UTF-8)",
        ),
    ],
)
def test_decode_names_the_file_it_cannot_read(data: bytes, reason: str) -> None:
    with pytest.raises(UndecodableInput) as caught:
        _batch.decode(data, "dir/report.txt")
    assert (caught.value.name, caught.value.reason) == ("dir/report.txt", reason)
    assert str(caught.value) == f"dir/report.txt: {reason}"


def test_random_binary_is_never_taken_for_text() -> None:
    rng = random.Random(0)
    for _ in range(200):
        with pytest.raises(UndecodableInput):
            _batch.decode(rng.randbytes(512), "x.bin")


def test_discover_walks_folders_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b/2.txt", "b/1.json", "a.TXT", ".hidden.txt", "notes.md", ".git/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    given = tmp_path / "notes.md"
    found = list(_batch.discover([str(tmp_path), str(given)]))
    assert [os.path.relpath(p, tmp_path) for p in found] == [
        "a.TXT",
        "b/1.json",
        "b/2.txt",
        "notes.md",
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_convert_yields_outcomes_in_input_order(tmp_path: Path, jobs: int) -> None:
    paths = []
    for index, report in enumerate(_samples.variants(7)):
        path = tmp_path / f"{index}.json"
        path.write_text(govinfo.to_json(report), encoding="utf-8")
        paths.append(str(path))
    paths.insert(3, str(tmp_path / "missing.json"))
    outcomes = list(_batch.convert(paths, "jsonl", jobs=jobs, chunksize=2))
    assert [o.name for o in outcomes] == paths
    assert [o.error for o in outcomes] == [None] * 3 + [
        f"{tmp_path / 'missing.json'}: No such file or directory"
    ] + [None] * 4
    reports = [govinfo.from_json(o.output.decode()) for o in outcomes if o.output is not None]
    assert reports == list(_samples.variants(7))


def test_atomic_output_appears_only_when_complete(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")

    def interrupted() -> None:
        with _batch.atomic_output(str(target)) as out:
            out.write(b"half")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.csv"]
    with _batch.atomic_output(str(target)) as out:
        out.write(b"new")
        assert target.read_text() == "old"
    assert target.read_text() == "new"
    assert os.listdir(tmp_path) == ["out.csv"]
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_atomic_output_to_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    target = str(tmp_path / "no" / "x")
    with pytest.raises(FileNotFoundError) as caught, _batch.atomic_output(target):
        pass
    assert caught.value.filename == target  # the -o path, not the temporary


def test_atomic_output_names_its_temporary_after_the_target_and_this_process(
    tmp_path: Path,
) -> None:
    with _batch.atomic_output(str(tmp_path / "out.csv")) as out:
        out.write(b"x")
        (temporary,) = os.listdir(tmp_path)
    assert temporary == f".out.csv.govinfo-{_batch._HOST}-{os.getpid()}.part"
    assert os.listdir(tmp_path) == ["out.csv"]


def test_a_write_error_names_the_target(tmp_path: Path) -> None:
    class Full(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, data: object) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/elsewhere/.x.part")

    sink = _batch._Sink(io.BufferedWriter(Full(), buffer_size=4), "out.jsonl")
    with pytest.raises(OSError, match=r"No space left on device: 'out.jsonl'") as caught:
        sink.write(b"more than four bytes")
    assert (caught.value.errno, caught.value.filename) == (errno.ENOSPC, "out.jsonl")


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait(timeout=30)
    return process.pid  # reaped: no process has it now (PIDs are not reused at once)


def test_remove_stale_removes_only_this_hosts_leftovers_of_dead_runs(tmp_path: Path) -> None:
    host, dead = _batch._HOST, _dead_pid()
    names = {
        f".out.csv.govinfo-{host}-{dead}.part": False,  # a killed run's: removed
        f".out.csv.govinfo-{host}-{dead}-2.part": False,
        f".out.csv.govinfo-{host}-{os.getppid()}.part": True,  # a run still going
        f".out.csv.govinfo-other-host-{dead}.part": True,  # perhaps alive, over there
        f".other.csv.govinfo-{host}-{dead}.part": True,  # another target
        f".out.csv.govinfo-{host}-{dead}.partial": True,
        f".out.csv.{dead}.part": True,
        "out.csv": True,
    }
    for name in names:
        (tmp_path / name).write_text("x")
    link = tmp_path / f".out.csv.govinfo-{host}-{dead}-3.part"
    link.symlink_to("out.csv")  # not a regular file: not one of ours
    removed = _batch.remove_stale(str(tmp_path), "out.csv")
    assert sorted(os.path.basename(p) for p in removed) == sorted(
        n for n, kept in names.items() if not kept
    )
    assert sorted(os.listdir(tmp_path)) == sorted(
        [*(n for n, kept in names.items() if kept), link.name]
    )


def test_remove_stale_keeps_the_temporary_being_written(tmp_path: Path) -> None:
    with _batch.atomic_output(str(tmp_path / "out.csv")) as out:
        out.write(b"x")
        assert _batch.remove_stale(str(tmp_path), "out.csv") == []
        with _batch.atomic_output(str(tmp_path / "out.csv")) as again:  # same process, twice
            again.write(b"y")
            assert len(os.listdir(tmp_path)) == 2
    assert (tmp_path / "out.csv").read_bytes() == b"x"


def test_check_output_refuses_an_input_found_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "in" / "deep").mkdir(parents=True)
    (tmp_path / "in" / "deep" / "r.json").write_text("{}")
    (tmp_path / "in" / "notes.md").write_text("not an input")
    with pytest.raises(_batch.OutputIsInput) as caught:
        _batch.check_output(str(tmp_path / "in" / "deep" / "r.json"), [str(tmp_path / "in")])
    assert caught.value.input == str(tmp_path / "in" / "deep" / "r.json")
    _batch.check_output(str(tmp_path / "in" / "notes.md"), [str(tmp_path / "in")])
    _batch.check_output("-", [str(tmp_path / "in"), "-"])


def test_read_skips_what_is_not_a_regular_file_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it to read would block: there is no writer
    with pytest.raises(_batch.Skipped, match=r"^skipped: not a regular file \(a FIFO\)$"):
        _batch.read(str(fifo))
    with pytest.raises(_batch.Skipped, match=r"\(a character device\)"):
        _batch.read("/dev/zero")
    (outcome,) = _batch.convert([str(fifo)], "jsonl", jobs=1)
    assert outcome == _batch.Outcome(
        str(fifo), None, None, skipped=f"{fifo}: skipped: not a regular file (a FIFO)"
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_convert_reads_standard_input_once_in_the_parent(
    tmp_path: Path, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = next(_samples.variants(1))
    stdin = io.TextIOWrapper(io.BytesIO(govinfo.to_json(report).encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    outcomes = list(_batch.convert(["-", "-"], "jsonl", jobs=jobs, chunksize=16))
    assert [govinfo.from_json(o.output.decode()) for o in outcomes if o.output] == [report] * 2


fork_only = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the patch reaches workers by fork"
)


@fork_only
def test_a_worker_that_dies_costs_its_chunk_not_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = []
    for index, report in enumerate(_samples.variants(8)):
        path = tmp_path / f"{index}.json"
        path.write_text(govinfo.to_json(report), encoding="utf-8")
        paths.append(str(path))
    convert_one = _batch.convert_one

    def crash(item: _batch.Item, to: _batch.Format, strict: bool) -> _batch.Outcome:
        if item[0] == paths[1]:
            os._exit(3)
        return convert_one(item, to, strict)

    monkeypatch.setattr(_batch, "convert_one", crash)
    # --chunksize 16: chunks of 1, 2, 4 and 1 file; the second dies with its worker.
    outcomes = list(_batch.convert(paths, "jsonl", jobs=2, chunksize=16))
    assert [o.name for o in outcomes] == paths
    died = "internal error: the worker process died (exit status 3)"
    assert [o.error for o in outcomes] == [
        None, f"{paths[1]}: {died}", f"{paths[2]}: {died}", *[None] * 5
    ]  # fmt: skip
    reports = [govinfo.from_json(o.output.decode()) for o in outcomes if o.output is not None]
    assert reports == [r for i, r in enumerate(_samples.variants(8)) if i not in (1, 2)]
    assert multiprocessing.active_children() == []


def test_closing_convert_early_stops_the_workers_at_once(tmp_path: Path) -> None:
    paths = []
    for index, report in enumerate(_samples.variants(40)):
        path = tmp_path / f"{index}.json"
        path.write_text(govinfo.to_json(report), encoding="utf-8")
        paths.append(str(path))
    outcomes = _batch.convert(paths, "jsonl", jobs=2, chunksize=16)
    assert next(outcomes).name == paths[0]
    started = time.monotonic()
    outcomes.close()
    assert time.monotonic() - started < 5
    assert multiprocessing.active_children() == []


def test_csv_long_format_has_one_row_per_cell_with_template_labels() -> None:
    report = govinfo.load_example()
    report = _evolve_requests(report)
    text = tidy.csv_header() + tidy.csv_text(tidy._records(report, "r.json"))
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == tidy.cell_count(report) == 2 * 3 + 1 + 2 + 1 + 25 * 7 + 3 * 5
    spec = govinfo.template(report.version)
    by_key = {(r["table"], r["row_key"], r["column_key"]): r for r in rows}
    state_secret = by_key["$.requests", "withheld_state_secret", "commercial_enterprise"]
    row = spec.requests.row("withheld_state_secret")
    column = spec.requests.column("commercial_enterprise")
    assert state_secret["row_label"] == " › ".join((*row.parents, row.label))
    assert state_secret["column_label"] == f"{column.group} › {column.label}"
    values = ("kind", "count", "amount", "unit", "placeholder")
    assert tuple(state_secret[c] for c in values) == ("blank", "", "", "", "")
    placeholder = by_key["$.requests", "granted", "natural_person"]
    assert tuple(placeholder[c] for c in values) == ("placeholder", "", "", "", "/")
    unread = by_key["$.requests", "granted", "other"]
    assert tuple(unread[c] for c in values) == ("unread", "", "", "", "")
    fee = by_key["$.disclosure.fees", "administrative_fees", "amount"]
    assert tuple(fee[c] for c in values) == ("number", "", "0.0100", "万元", "")
    count = by_key["$.requests", "new_received", "total"]
    assert tuple(count[c] for c in values) == ("number", "3", "", "", "")
    assert (count["table_order"], count["row_order"], count["column_order"]) == ("5", "1", "7")
    direct = by_key["$.review_litigation", "litigation_direct", "total"]
    row = spec.review_litigation.row("litigation_direct")
    assert direct["row_label"] == f"{row.parents[0]} › {row.label}"
    assert {r["agency"] for r in rows} == {report.agency}
    assert {r["version"] for r in rows} == {"2021"}


def _evolve_requests(report: govinfo.Report) -> govinfo.Report:
    import attrs

    fees = report.disclosure["fees"].replace({("administrative_fees", "amount"): Decimal("0.0100")})
    blocks = tuple(fees if b.spec.key == "fees" else b for b in report.disclosure)
    requests = report.requests.replace(
        {
            ("withheld_state_secret", "commercial_enterprise"): BLANK,
            ("granted", "natural_person"): Placeholder("/"),
            ("granted", "other"): UNREAD,
        }
    )
    return attrs.evolve(
        report, requests=requests, disclosure=attrs.evolve(report.disclosure, blocks=blocks)
    )


def test_csv_amounts_carry_their_unit() -> None:
    empty = govinfo.Report.empty(govinfo.TemplateVersion.V2019, agency="某局", year=2020)
    amount = govinfo.Amount(Decimal("251000"), govinfo.Unit("元"))
    block = empty.disclosure["procurement"].replace(
        {("centralized_procurement", "total_amount"): amount}
    )
    rows = {r[8]: r for r in map(tidy.to_row, tidy.cell_records(_with_block(empty, block)))}
    assert rows["total_amount"][12:] == ("number", None, "251000", "元", "", "")
    assert rows["project_count"][12:] == ("blank", None, None, "", "", "")
    unread = block.replace({("centralized_procurement", "total_amount"): UNREAD})
    rows = {r[8]: r for r in map(tidy.to_row, tidy.cell_records(_with_block(empty, unread)))}
    assert rows["total_amount"][12:] == ("unread", None, None, "", "", "")


def _with_block(report: govinfo.Report, grid: govinfo.Grid) -> govinfo.Report:
    import attrs

    blocks = tuple(grid if b.spec.key == grid.spec.key else b for b in report.disclosure)
    return attrs.evolve(report, disclosure=attrs.evolve(report.disclosure, blocks=blocks))


def test_a_folder_that_cannot_be_listed_is_named_not_lost(tmp_path, monkeypatch):
    # os.walk skipped such a folder without a word (running as root, permissions do not stop
    # us: make listing fail instead).
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text("x", encoding="utf-8")
    locked = str(tmp_path / "in" / "locked")
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    names = list(_batch.discover([str(tmp_path / "in")]))
    assert names == [str(tmp_path / "in" / "a.txt"), locked]
    with pytest.raises(GovInfoError, match="a folder that cannot be read: Permission denied"):
        _batch.read(locked)
