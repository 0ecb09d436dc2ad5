"""The model: immutable values, three kinds of cell, validation that names the place."""

import datetime
from decimal import Decimal

import attrs
import pytest
from hypothesis import given

import govinfo
from govinfo import (
    BLANK,
    UNREAD,
    Grid,
    ModelError,
    Placeholder,
    Report,
    TemplateVersion,
    UnknownKey,
    Unread,
    template,
    unread_cells,
)
from govinfo.strategies import reports
from govinfo.zh.amounts import Amount, Unit


def test_blank_placeholder_and_zero_are_three_values():
    assert BLANK != 0
    assert Placeholder("/") != BLANK
    assert Placeholder("/") != 0
    assert Placeholder("/") != Placeholder("—")
    assert repr(BLANK) == "BLANK"


def test_unread_is_a_fourth_value():
    assert UNREAD != BLANK
    assert UNREAD != 0
    assert Placeholder("/") != UNREAD
    assert Unread() == UNREAD
    assert hash(UNREAD) == hash(Unread())
    assert repr(UNREAD) == "UNREAD"
    assert not isinstance(UNREAD, type(BLANK))


def test_unread_fits_every_column_kind():
    report = Report.empty(TemplateVersion.V2019, agency="某局", year=2019)
    for path, grid in report.grids():
        changed = grid.replace({(r.key, c.key): UNREAD for r, c, _ in grid.items()})
        assert {cell for _, _, cell in changed.items()} == {UNREAD}, path


def test_a_wrong_cell_is_named_with_every_kind_of_cell_the_column_takes():
    grid = govinfo.load_example().requests
    with pytest.raises(ModelError) as info:
        grid.replace({("granted", "other"): "3"})
    assert str(info.value) == (
        "requests.granted.other: expected a non-negative integer, BLANK, UNREAD or a "
        "Placeholder, got '3'"
    )


def test_unread_cells_lists_the_paths_in_report_order():
    report = Report.empty(TemplateVersion.V2021, agency="某局", year=2021)
    assert unread_cells(report) == ()
    fees = report.disclosure["fees"].replace({("administrative_fees", "amount"): UNREAD})
    report = attrs.evolve(
        report,
        disclosure=govinfo.Disclosure((*report.disclosure.blocks[:-1], fees)),
        requests=report.requests.replace(
            {("carried_forward", "total"): UNREAD, ("new_received", "natural_person"): UNREAD}
        ),
    )
    assert unread_cells(report) == (
        "$.disclosure.fees.administrative_fees.amount",
        "$.requests.new_received.natural_person",
        "$.requests.carried_forward.total",
    )


def test_unread_cells_needs_a_report():
    with pytest.raises(ModelError, match=r"^expected a Report, got NoneType$"):
        unread_cells(None)


@given(reports())
def test_reports_are_immutable_and_hashable(report):
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.year = 2000
    assert hash(report) == hash(attrs.evolve(report))


def test_replace_returns_a_copy():
    report = govinfo.load_example()
    grid = report.requests.replace({("results_total", "total"): 3})
    assert grid["results_total", "total"] == 3
    assert report.requests["results_total", "total"] == 0


def test_rows_and_columns_by_key():
    grid = govinfo.load_example().requests
    assert grid.row("new_received")["total"] == 3
    assert grid.column("natural_person")["unavailable_not_held"] == 2
    assert [row.key for row, column, cell in grid.items() if cell][:2] == [
        "new_received",
        "new_received",
    ]
    with pytest.raises(UnknownKey, match="requests has no row 'nope'"):
        grid["nope", "total"]


@pytest.mark.parametrize(
    ("kind_row", "column", "value", "message"),
    [
        ("new_received", "natural_person", -1, "a non-negative integer"),
        ("new_received", "natural_person", True, "a non-negative integer"),
        ("new_received", "natural_person", 1.0, "a non-negative integer"),
        ("new_received", "natural_person", "3", "a non-negative integer"),
        ("new_received", "natural_person", None, "a non-negative integer"),
    ],
)
def test_grid_refuses_cells_of_the_wrong_kind(kind_row, column, value, message):
    grid = govinfo.load_example().requests
    with pytest.raises(ModelError, match=f"requests.{kind_row}.{column}: expected {message}"):
        grid.replace({(kind_row, column): value})


def test_money_is_decimal_never_float():
    fees = template(TemplateVersion.V2021).disclosure[-1]
    Grid(fees, ((Decimal("299.8145"),),))
    for wrong in (299.8145, Decimal("NaN"), Decimal("-1"), Decimal("-0"), 3):
        with pytest.raises(ModelError, match=r"fees\.administrative_fees\.amount: expected"):
            Grid(fees, ((wrong,),))


def test_2019_blocks_keep_signed_deltas_and_amounts_with_units():
    spec = template(TemplateVersion.V2019)
    licensing = Grid.filled(spec.disclosure[1]).replace(
        {("administrative_licensing", "change"): -18}
    )
    assert licensing["administrative_licensing", "change"] == -18
    procurement = Grid.filled(spec.disclosure[-1]).replace(
        {("centralized_procurement", "total_amount"): Amount(Decimal("251000"), Unit.YUAN)}
    )
    assert procurement["centralized_procurement", "total_amount"].unit is Unit.YUAN
    with pytest.raises(ModelError):
        licensing.replace({("administrative_licensing", "previous_count"): -1})


@pytest.mark.parametrize("text", ["", " /", "1/2", "a\nb", 3, None])
def test_placeholder_text_is_one_line_without_digits(text):
    with pytest.raises(ModelError, match="placeholder"):
        Placeholder(text)


def test_report_refuses_grids_of_the_other_version():
    report = govinfo.load_example()
    other = template(TemplateVersion.V2019)
    with pytest.raises(ModelError, match="requests: expected a Grid of the 2021 template"):
        attrs.evolve(report, requests=Grid.filled(other.requests))
    with pytest.raises(ModelError, match="disclosure: expected the 4 blocks of the 2021 template"):
        attrs.evolve(
            report,
            version=TemplateVersion.V2021,
            disclosure=Report.empty(TemplateVersion.V2019, agency="x", year=2019).disclosure,
        )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("year", 2018, "year: expected an integer report year from 2019 on"),
        ("year", "2021", "year: expected an integer report year from 2019 on"),
        ("agency", " 某局", "agency: expected one line of text"),
        ("publication_date", "2022-01-18", "publication_date: expected a datetime.date or None"),
        ("publication_date", datetime.datetime(2022, 1, 18), "publication_date: expected"),
        ("preamble", ["a"], "preamble: expected a tuple of paragraphs"),
        ("problems", ("a", ""), "problems: a paragraph is a non-empty line"),
        ("version", "2021", "version: expected a TemplateVersion"),
    ],
)
def test_report_fields_are_validated(field, value, message):
    with pytest.raises(ModelError, match=message):
        attrs.evolve(govinfo.load_example(), **{field: value})


def test_unknown_template_version_is_a_domain_error():
    with pytest.raises(ModelError, match="unknown template version '2020'"):
        template("2020")
