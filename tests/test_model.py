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
    Variant,
    template,
    unread_cells,
)
from govinfo.model import MAX_COUNT, MAX_DIGITS, cell_fits
from govinfo.strategies import reports
from govinfo.template import ColumnKind, templates
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


V2019 = template(TemplateVersion.V2019)
V2021 = template(TemplateVersion.V2021)
SIDES = "at most 15 digits before the point and as many after"


@pytest.mark.parametrize(
    ("spec", "place", "value", "message"),
    [
        pytest.param(
            V2021.requests,
            ("granted", "other"),
            10**15,
            "requests.granted.other: expected a non-negative integer of at most 15 digits, "
            "got 1000000000000000",
            id="count-16-digits",
        ),
        pytest.param(
            V2021.requests,
            ("granted", "other"),
            10**5000,
            "requests.granted.other: expected a non-negative integer of at most 15 digits, "
            "got an integer of 5001 digits",
            id="count-5001-digits",
        ),
        pytest.param(
            V2021.requests,
            ("granted", "other"),
            -(10**5000),
            "requests.granted.other: expected a non-negative integer, BLANK, UNREAD or a "
            "Placeholder, got a negative integer of 5001 digits",
            id="count-negative-5001-digits",
        ),
        pytest.param(
            V2019.disclosure[1],
            ("administrative_licensing", "change"),
            -(10**15),
            "licensing.administrative_licensing.change: expected an integer of at most 15 "
            "digits, got -1000000000000000",
            id="delta-16-digits",
        ),
        pytest.param(
            V2021.disclosure[-1],
            ("administrative_fees", "amount"),
            Decimal("1" * 16),
            f"fees.administrative_fees.amount: expected a Decimal of {SIDES}, "
            "got Decimal('1111111111111111')",
            id="money-16-before",
        ),
        pytest.param(
            V2021.disclosure[-1],
            ("administrative_fees", "amount"),
            Decimal("0." + "1" * 16),
            f"fees.administrative_fees.amount: expected a Decimal of {SIDES}, "
            "got Decimal('0.1111111111111111')",
            id="money-16-after",
        ),
        pytest.param(
            V2021.disclosure[-1],
            ("administrative_fees", "amount"),
            Decimal("1E+100000"),
            f"fees.administrative_fees.amount: expected a Decimal of {SIDES}, "
            "got Decimal('1E+100000')",
            id="money-exponent",
        ),
        pytest.param(
            V2019.disclosure[-1],
            ("centralized_procurement", "total_amount"),
            Amount(Decimal("1" * 16), Unit.YUAN),
            f"procurement.centralized_procurement.total_amount: expected an Amount whose value "
            f"has {SIDES}, got Amount(value=Decimal('1111111111111111'), unit=<Unit.YUAN: '元'>)",
            id="amount-16-before",
        ),
    ],
)
def test_grid_refuses_numbers_longer_than_max_digits(spec, place, value, message):
    with pytest.raises(ModelError) as info:
        Grid.filled(spec).replace({place: value})
    assert str(info.value) == message
    cells = tuple(
        tuple(value if (r.key, c.key) == place else BLANK for c in spec.columns) for r in spec.rows
    )
    with pytest.raises(ModelError):
        Grid(spec, cells)


@pytest.mark.parametrize(
    ("spec", "place", "value"),
    [
        (V2021.requests, ("granted", "other"), MAX_COUNT),
        (V2019.disclosure[1], ("administrative_licensing", "change"), -MAX_COUNT),
        (V2019.disclosure[1], ("administrative_licensing", "change"), MAX_COUNT),
        (
            V2021.disclosure[-1],
            ("administrative_fees", "amount"),
            Decimal("9" * 15 + "." + "9" * 15),
        ),
        (V2021.disclosure[-1], ("administrative_fees", "amount"), Decimal("0E+20")),
        (
            V2019.disclosure[-1],
            ("centralized_procurement", "total_amount"),
            Amount(Decimal("9" * 15 + ".99"), Unit.YI_YUAN),
        ),
    ],
)
def test_grid_takes_numbers_of_max_digits(spec, place, value):
    assert Grid.filled(spec).replace({place: value})[place] == value


def test_the_bound_is_declared_once():
    assert MAX_DIGITS == 15
    assert MAX_COUNT == 10**MAX_DIGITS - 1 < 2**53  # exact in every JSON reader
    for kind in ColumnKind:
        assert cell_fits(kind, MAX_COUNT) is (kind is ColumnKind.COUNT or kind is ColumnKind.DELTA)
        assert not cell_fits(kind, MAX_COUNT + 1)
    assert cell_fits(ColumnKind.DELTA, -MAX_COUNT)
    assert not cell_fits(ColumnKind.DELTA, -MAX_COUNT - 1)


@pytest.mark.parametrize("text", ["", " /", "1/2", "a\nb", 3, None])
def test_placeholder_text_is_one_line_without_digits(text):
    with pytest.raises(ModelError, match="placeholder"):
        Placeholder(text)


def test_report_refuses_grids_of_the_other_version():
    report = govinfo.load_example()
    v2019 = Report.empty(TemplateVersion.V2019, agency="x", year=2019)
    with pytest.raises(ModelError) as caught:
        attrs.evolve(v2019, requests=report.requests)
    assert str(caught.value) == "requests: expected a Grid of the 2019 template"
    with pytest.raises(ModelError) as caught:
        attrs.evolve(report, requests=report.review_litigation)
    assert str(caught.value) == (
        "requests: expected a Grid of the 2021 template or of its variant 'single_other_handling'"
    )
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


def test_a_2021_report_with_the_single_other_handling_row_is_the_declared_variant():
    report = govinfo.load_example()
    assert report.template == template(TemplateVersion.V2021)
    assert report.template.variant is None
    single = template(TemplateVersion.V2021, Variant.SINGLE_OTHER_HANDLING)
    # Table 3 laid out as 2019 prints it, in a 2021 report: the variant, nothing invented.
    variant = attrs.evolve(report, requests=Grid.filled(single.requests, 0))
    assert variant.template is single
    assert variant.template.disclosure == report.template.disclosure
    assert variant.requests["other_handling", "total"] == 0
    with pytest.raises(UnknownKey):
        variant.requests["other_handling_other", "total"]
    empty = Report.empty(
        TemplateVersion.V2021, variant=Variant.SINGLE_OTHER_HANDLING, agency="x", year=2023
    )
    assert empty.template is single
    assert empty.requests == Grid.filled(single.requests)


def test_variant_spec_replaces_the_three_other_handling_rows_by_the_2019_row():
    standard = template(TemplateVersion.V2021)
    single = template("2021", "single_other_handling")
    v2019 = template(TemplateVersion.V2019)
    assert single.version is TemplateVersion.V2021
    assert single.variant is Variant.SINGLE_OTHER_HANDLING
    assert (single.disclosure, single.review_litigation, single.markers) == (
        standard.disclosure,
        standard.review_litigation,
        standard.markers,
    )
    assert single.requests.row("other_handling") == v2019.requests.row("other_handling")
    keys = [r.key for r in standard.requests.rows]
    first = keys.index("other_handling_overdue_correction")
    assert [r.key for r in single.requests.rows] == [
        *keys[:first],
        "other_handling",
        *keys[first + 3 :],
    ]
    assert templates() == (v2019, standard, single)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (TemplateVersion.V2019, Variant.SINGLE_OTHER_HANDLING),
            "the 2019 template has no variant 'single_other_handling'; its variants: none",
        ),
        (
            ("2021", "single"),
            "unknown template variant 'single'; expected one of 'single_other_handling'",
        ),
        (("2020", None), "unknown template version '2020'; expected one of '2019', '2021'"),
    ],
)
def test_template_refuses_what_is_not_declared(args, message):
    with pytest.raises(ModelError) as caught:
        template(*args)
    assert str(caught.value) == message
    if args[1] is not None:
        with pytest.raises(ModelError) as caught:
            Report.empty(args[0], variant=args[1], agency="x", year=2023)
        assert str(caught.value) == message


def test_unknown_template_version_is_a_domain_error():
    with pytest.raises(ModelError, match="unknown template version '2020'"):
        template("2020")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"agency": "某局\ud800"},
            "agency: expected text without lone surrogates (U+D800), got '某局\\ud800'",
        ),
        (
            {"title": "\udfff某局2021年政府信息公开工作年度报告"},
            "title: expected text without lone surrogates (U+DFFF), got "
            "'\\udfff某局2021年政府信息公开工作年度报告'",
        ),
        (
            {"problems": ("整改到位。", "整改\udc80")},
            "problems: expected text without lone surrogates (U+DC80), got '整改\\udc80'",
        ),
    ],
)
def test_report_refuses_lone_surrogates_in_prose(fields, message):
    with pytest.raises(ModelError) as info:
        Report.empty(TemplateVersion.V2021, **{"agency": "某局", "year": 2021, **fields})
    assert str(info.value) == message


def test_overview_refuses_lone_surrogates():
    with pytest.raises(ModelError) as info:
        govinfo.Overview(parts=(("（一）主动公开", "\ud83d\ude00"),))  # a pair split in two
    assert str(info.value) == (
        "parts: expected text without lone surrogates (U+D83D), got '\\ud83d\\ude00'"
    )


def test_placeholder_refuses_lone_surrogates():
    with pytest.raises(ModelError) as info:
        Placeholder("/\ud800")
    assert str(info.value) == (
        "placeholder: expected text without lone surrogates (U+D800), got '/\\ud800'"
    )


def test_prose_beyond_the_basic_plane_is_kept():
    report = Report.empty(TemplateVersion.V2021, agency="某局𠀋", year=2021, problems=("😀",))
    assert (report.agency, report.problems, Placeholder("〆𠀋").text) == ("某局𠀋", ("😀",), "〆𠀋")
    assert govinfo.model.lone_surrogate("某局𠀋😀") is None


def test_a_grid_iterates_its_cells_with_their_rows_and_columns() -> None:
    grid = govinfo.load_example().review_litigation
    assert list(grid) == list(grid.items())
    assert len(grid) == len(list(grid)) == 15
    row, column, cell = next(iter(grid))
    assert (row.key, column.key, cell) == (
        "administrative_review",
        "upheld",
        grid[row.key, column.key],
    )


def test_reprs_name_the_table_by_its_labels_and_stay_short() -> None:
    report = govinfo.load_example()
    shown = repr(report.requests)
    assert shown.startswith("<Grid requests: 25 rows (一、本年新收政府信息公开申请数量, ")
    assert "columns (自然人, 法人或其他组织 › 商业企业, …); 175 numbers>" in shown
    grid = report.requests.replace({("new_received", "natural_person"): BLANK})
    grid = grid.replace({("new_received", "commercial_enterprise"): Placeholder("/")})
    assert repr(grid).endswith("; 173 numbers, 1 blank, 1 placeholder>")
    assert repr(report) == (
        "<Report 温州市公安局鹿城区分局 2021, template 2021: 6 tables, 21 paragraphs>"
    )
    assert repr(report.disclosure) == "<Disclosure regulations, licensing, enforcement, fees>"
