"""Tidy cells: the records, their flat forms (CSV and its data package, Parquet, pandas) and the
command line that writes them; every form gives back every cell exactly."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

import govinfo
from govinfo import BLANK, UNREAD, Placeholder, _samples, tidy
from govinfo.cli import main
from govinfo.strategies import reports
from govinfo.tidy import CellKind

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = sorted(
    [
        Path(govinfo.example_path(".txt")),
        Path(govinfo.example_path(".json")),
        *FIXTURES.glob("web/*/*.html"),
        *FIXTURES.glob("web/*/page.txt"),
        *FIXTURES.glob("docx/*.docx"),
        *FIXTURES.glob("pdf-text/*.txt"),
    ]
)
"""Every example report the project carries (a few cannot be read: the CSV has the rest)."""


def _convert(tmp_path: Path, to: str, *inputs: Path, name: str = "cells") -> Path:
    out = tmp_path / f"{name}.{to}"
    args = ["convert", *map(str, inputs), "--to", to, "-o", str(out), "-j", "1", "--lenient"]
    assert main([*args, "--quiet"]) in (0, 1)
    return out


def _with_fee(report: govinfo.Report, fee: object) -> govinfo.Report:
    fees = report.disclosure["fees"].replace({("administrative_fees", "amount"): fee})
    blocks = tuple(fees if b.spec.key == "fees" else b for b in report.disclosure)
    return attrs.evolve(report, disclosure=attrs.evolve(report.disclosure, blocks=blocks))


def _mixed() -> govinfo.Report:
    """The reference report with a cell of each kind, and money of three scales."""
    report = _with_fee(govinfo.load_example(), Decimal("0.0100"))
    requests = report.requests.replace(
        {
            ("withheld_state_secret", "commercial_enterprise"): BLANK,
            ("granted", "natural_person"): Placeholder("不适用"),
            ("granted", "other"): UNREAD,
        }
    )
    return attrs.evolve(report, requests=requests)


# --- the records ----------------------------------------------------------------------------


def test_a_record_per_cell_with_labels_orders_and_exact_values() -> None:
    records = list(tidy.cell_records(_mixed()))
    assert len(records) == tidy.cell_count(_mixed()) == 200
    by_path = {r.path: r for r in records}
    secret = by_path["$.requests.withheld_state_secret.commercial_enterprise"]
    assert secret.row_label == "三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密"
    assert secret.column_label == "法人或其他组织 › 商业企业"
    assert (secret.kind, secret.value, secret.unit) == (CellKind.BLANK, BLANK, None)
    assert by_path["$.requests.granted.natural_person"].kind is CellKind.PLACEHOLDER
    assert by_path["$.requests.granted.other"].kind is CellKind.UNREAD
    fee = by_path["$.disclosure.fees.administrative_fees.amount"]
    assert (fee.value, fee.unit, fee.kind) == (
        Decimal("0.0100"),
        govinfo.Unit.WAN_YUAN,
        CellKind.NUMBER,
    )
    total = by_path["$.requests.new_received.total"]
    assert (total.table_order, total.row_order, total.column_order) == (5, 1, 7)
    assert (total.agency, total.year, total.version) == (
        "温州市公安局鹿城区分局",
        2021,
        govinfo.TemplateVersion.V2021,
    )
    assert [(r.table_order, r.row_order, r.column_order) for r in records] == sorted(
        (r.table_order, r.row_order, r.column_order) for r in records
    )


def test_records_of_a_reading_carry_the_file_and_every_source() -> None:
    path = Path(govinfo.example_path(".txt"))
    result = govinfo.read(path)
    records = list(tidy.cell_records([result, result.report]))
    first, second = records[:200], records[200:]
    assert {r.file for r in first} == {str(path)}
    assert {r.file for r in second} == {""}
    assert all(r.source == result.sources[r.path] for r in first)
    assert all(r.source is None for r in second)
    assert [attrs.evolve(r, file="", source=None) for r in first] == second


def test_anything_but_reports_is_a_domain_error() -> None:
    with pytest.raises(govinfo.GovInfoError, match="expected a Report or a ReadResult, got str"):
        list(tidy.cell_records(["report.txt"]))


@settings(max_examples=25)
@given(report=reports())
def test_a_flat_row_gives_the_record_back(report: govinfo.Report) -> None:
    for record in tidy.cell_records(report):
        assert tidy.from_row(tidy.to_row(record)) == record


# --- CSV and its data package --------------------------------------------------------------


def test_no_csv_column_mixes_types(tmp_path: Path) -> None:
    out = tmp_path / "cells.csv"
    out.write_text(tidy.csv_header() + tidy.csv_text(tidy.cell_records(_mixed())), "utf-8")
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert all(r["count"] == "" or r["count"].lstrip("-").isascii() for r in rows)
    assert {r["kind"] for r in rows} == {"number", "blank", "placeholder", "unread"}
    numbers = [r for r in rows if r["kind"] == "number"]
    assert all((r["count"] == "") != (r["amount"] == "") for r in numbers)
    assert all(r["count"] == r["amount"] == "" for r in rows if r["kind"] != "number")
    assert [r["placeholder"] for r in rows if r["placeholder"]] == ["不适用"]


def test_frictionless_validates_the_data_package_of_every_example(tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    out = _convert(tmp_path, "csv", *EXAMPLES)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]] == ["cells.csv"]
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    with out.open(encoding="utf-8", newline="") as f:
        files = {r["file"] for r in csv.DictReader(f)}
    assert len(files) >= len(EXAMPLES) - 2  # all but the two that cannot be read


def test_a_second_csv_joins_the_data_package_of_its_folder(tmp_path: Path) -> None:
    example = Path(govinfo.example_path(".json"))
    _convert(tmp_path, "csv", example, name="a")
    _convert(tmp_path, "csv", example, name="b")
    _convert(tmp_path, "csv", example, name="a")  # written again: still one resource
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert [(r["name"], r["path"]) for r in package["resources"]] == [
        ("b", "b.csv"),
        ("a", "a.csv"),
    ]


def test_a_foreign_datapackage_json_is_not_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "datapackage.json").write_text("[1, 2]", encoding="utf-8")
    args = ["convert", govinfo.example_path(".json"), "--to", "csv", "-o", str(tmp_path / "c.csv")]
    assert main([*args, "-j", "1"]) == 1
    assert (tmp_path / "datapackage.json").read_text(encoding="utf-8") == "[1, 2]"
    message = f"govinfo: error: {tmp_path / 'datapackage.json'}: not a data package; not replaced"
    assert message in capsys.readouterr().err


def test_standard_output_gets_no_data_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["convert", govinfo.example_path(".json"), "--to", "csv", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith(tidy.csv_header())
    assert list(tmp_path.iterdir()) == []


def _read_csv_as_documented(path: Path) -> object:
    """The snippet of docs/tidy.md (which a doctest runs there)."""
    import pandas as pd

    return pd.read_csv(
        path,
        dtype={
            "year": "Int64",
            "table_order": "Int64",
            "row_order": "Int64",
            "column_order": "Int64",
            "count": "Int64",
            "version": "category",
            "kind": "category",
            "placeholder": "string",
        },
        keep_default_na=False,
        na_values={"count": [""]},
        converters={"amount": lambda text: Decimal(text) if text else None},
    )


def test_pandas_reads_the_csv_with_its_types(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    out = tmp_path / "cells.csv"
    out.write_text(tidy.csv_header() + tidy.csv_text(tidy.cell_records(_mixed())), "utf-8")
    cells = _read_csv_as_documented(out)
    assert isinstance(cells, pd.DataFrame)
    assert str(cells["count"].dtype) == "Int64"  # counts are integers, not 0.0
    assert str(cells["kind"].dtype) == "category"
    blank = cells[cells["kind"] == "blank"]
    assert blank["count"].isna().all()
    assert blank["amount"].isna().all()
    fee = cells.loc[cells["row_key"] == "administrative_fees", "amount"].item()
    assert (type(fee), fee) == (Decimal, Decimal("0.0100"))  # money is exact, its zeros kept
    assert cells.loc[cells["kind"] == "placeholder", "placeholder"].tolist() == ["不适用"]
    assert cells["placeholder"].dtype == "string"
    assert cells["count"].sum() == sum(
        r.value for r in tidy.cell_records(_mixed()) if type(r.value) is int
    )


def test_to_dataframe_has_the_same_types() -> None:
    pytest.importorskip("pandas")
    frame = tidy.to_dataframe(tidy.cell_records(_mixed()))
    assert list(frame.columns) == [c.name for c in tidy.COLUMNS]
    dtypes = {name: str(dtype) for name, dtype in frame.dtypes.items()}
    assert dtypes["count"] == dtypes["year"] == "Int64"
    assert dtypes["row_label"] == dtypes["kind"] == "category"
    assert dtypes["placeholder"] == "string"
    assert dtypes["amount"] == "object"
    assert frame["amount"].dropna().tolist() == [Decimal("0.0100")]
    assert frame["count"].isna().sum() == 4  # the blank, the placeholder, the unread, the fee


# --- Parquet ------------------------------------------------------------------------------


def test_parquet_from_convert_round_trips_every_cell_exactly(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "in"
    folder.mkdir()
    samples = [*_samples.variants(3), _mixed()]
    scales = ("299.8145", "1.500", "0.000001", "12")  # scales 4, 3, 6 and 0 in one column
    samples = [_with_fee(r, Decimal(s)) for r, s in zip(samples, scales, strict=True)]
    for i, report in enumerate(samples):
        (folder / f"r{i}.json").write_text(govinfo.to_json(report), encoding="utf-8")
    out = _convert(tmp_path, "parquet", folder)
    schema = pq.read_schema(out)
    key = pa.dictionary(pa.int32(), pa.string())
    assert schema.names == [
        *(c.name for c in tidy.COLUMNS[:15]),
        tidy.EXPONENT,
        *(c.name for c in tidy.COLUMNS[15:]),
    ]
    assert schema.field("count").type == pa.int64()
    assert schema.field("count").nullable
    assert schema.field("year").type == pa.int64()
    assert not schema.field("year").nullable
    assert schema.field("amount").type == pa.decimal128(38, 15)
    assert schema.field(tidy.EXPONENT).type == pa.int8()
    assert all(schema.field(n).type == key for n in ("file", "row_label", "kind", "unit"))
    assert schema.field("placeholder").type == pa.string()
    back = list(tidy.read_parquet(out))
    expected = [
        attrs.evolve(r, file=str(folder / f"r{i}.json"))
        for i, report in enumerate(samples)
        for r in tidy.cell_records(report)
    ]
    assert back == expected
    fees = [r.value for r in back if r.row_key == "administrative_fees"]
    assert [str(f) for f in fees] == list(scales)  # each keeps its exponent


def test_parquet_of_records_reads_back(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    records = list(tidy.cell_records(_mixed()))
    tidy.write_parquet(records, str(tmp_path / "c.parquet"))
    assert list(tidy.read_parquet(str(tmp_path / "c.parquet"))) == records


# --- the core without the extras ----------------------------------------------------------

_BLOCKED = "import sys; [sys.modules.__setitem__(m, None) for m in ('pyarrow', 'pandas')]; "


def _blocked(code: str) -> str:
    import subprocess
    import sys

    tree = str(Path(govinfo.__file__).resolve().parent.parent)
    result = subprocess.run(
        [sys.executable, "-c", f"{_BLOCKED}sys.path.insert(0, {tree!r}); {code}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return result.stdout + result.stderr


def test_without_the_extras_the_errors_name_them() -> None:
    shown = _blocked(
        "import govinfo; from govinfo import tidy; "
        "print(len(tidy.csv_text(tidy.cell_records(govinfo.load_example()))) > 0)\n"
        "for call in (tidy.parquet_schema, lambda: tidy.to_dataframe([])):\n"
        "    try: call()\n"
        "    except ModuleNotFoundError as e: print(e)\n"
    )
    assert shown.splitlines() == [
        "True",
        "Parquet (govinfo convert --to parquet, govinfo.tidy.*_parquet) needs pyarrow, which "
        "the core of govinfo does not install: pip install 'govinfo-cn[parquet]'",
        "govinfo.tidy.to_dataframe needs pandas, which the core of govinfo does not install: "
        "pip install 'govinfo-cn[dataframe]'",
    ]


def test_convert_to_parquet_without_pyarrow_says_so_before_reading(tmp_path: Path) -> None:
    out = tmp_path / "c.parquet"
    shown = _blocked(
        "from govinfo.cli import main; "
        f"print(main(['convert', 'missing.txt', '--to', 'parquet', '-o', {str(out)!r}]))"
    )
    assert shown.splitlines() == [  # stdout, then stderr
        "1",
        "govinfo: error: Parquet (govinfo convert --to parquet, govinfo.tidy.*_parquet) needs "
        "pyarrow, which the core of govinfo does not install: pip install 'govinfo-cn[parquet]'",
    ]
    assert not out.exists()


# --- the small frictions of the command line ------------------------------------------------


def test_check_takes_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for i, report in enumerate(_samples.variants(2)):
        (folder / f"r{i}.json").write_text(govinfo.to_json(report), encoding="utf-8")
    main(["check", str(folder)])
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "2 report(s) checked, 2 with findings"
    assert "is a folder" not in out


def test_quiet_says_only_what_failed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = govinfo.example_path(".txt")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    args = ["convert", good, str(bad), "--to", "jsonl", "-o", str(tmp_path / "o.jsonl"), "-j", "1"]
    assert main(args) == 1
    loud = capsys.readouterr().err.splitlines()
    assert "converted 1 of 2 file(s)" in loud
    assert main([*args, "--quiet"]) == 1
    quiet = capsys.readouterr().err.splitlines()
    assert quiet == [line for line in loud if not line.startswith("converted ")]
    assert any(line.startswith(f"{bad}: ") for line in quiet)
