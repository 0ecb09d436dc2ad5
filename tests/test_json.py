"""JSON in and out: round trips, the schema, and whole error messages for bad input."""

import copy
import inspect
import json
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import given

import govinfo
from govinfo import JSONError, Placeholder, Report, TemplateVersion, Variant
from govinfo.strategies import reports

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = json.loads(Path(govinfo.example_path(".json")).read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(
    govinfo.json_schema(), format_checker=jsonschema.FormatChecker()
)
SINGLE = govinfo.template(TemplateVersion.V2021, Variant.SINGLE_OTHER_HANDLING)


def only_primitives(value):
    if isinstance(value, dict):
        return all(isinstance(k, str) and only_primitives(v) for k, v in value.items())
    if isinstance(value, list):
        return all(map(only_primitives, value))
    return value is None or type(value) in (str, int, bool)


@given(reports())
def test_round_trip_through_real_json(report):
    text = govinfo.to_json(report)
    data = json.loads(text)
    assert only_primitives(data)
    assert govinfo.from_json(json.dumps(data)) == report


@given(reports())
def test_output_validates_against_schema(report):
    VALIDATOR.validate(json.loads(govinfo.to_json(report)))


@given(reports(spec=SINGLE))
def test_variant_round_trip_and_schema(report):
    data = json.loads(govinfo.to_json(report))
    assert list(data)[:3] == ["schema", "version", "variant"]
    assert data["variant"] == "single_other_handling"
    assert "other_handling" in data["requests"]
    VALIDATOR.validate(data)
    back = govinfo.from_json(json.dumps(data))
    assert back == report
    assert back.template is SINGLE


def variant_json():
    report = Report.empty(
        TemplateVersion.V2021,
        variant=Variant.SINGLE_OTHER_HANDLING,
        agency="淮安市洪泽区",
        year=2023,
    )
    return json.loads(govinfo.to_json(report))


def test_schema_tells_a_variant_report_by_its_rows():
    data = variant_json()
    assert VALIDATOR.is_valid(data)
    assert VALIDATOR.is_valid({**data, "variant": None}) is False  # a 2021 report: sub-rows
    assert VALIDATOR.is_valid({**data, "variant": "other"}) is False
    assert VALIDATOR.is_valid({**data, "version": "2019"}) is False  # 2019 has no variant
    standard = copy.deepcopy(EXAMPLE)
    assert VALIDATOR.is_valid(standard)
    assert VALIDATOR.is_valid({**standard, "variant": None})
    # A variant report must have the single row and none of the three sub-rows.
    assert VALIDATOR.is_valid({**standard, "variant": "single_other_handling"}) is False
    both = copy.deepcopy(data)
    both["requests"]["other_handling_other"] = both["requests"]["other_handling"]
    assert VALIDATOR.is_valid(both) is False


def test_json_without_variant_reads_as_before():
    # Written before variants existed: no field; and null means the template itself too.
    assert "variant" not in EXAMPLE
    assert govinfo.from_json(json.dumps(EXAMPLE)).template.variant is None
    assert govinfo.from_json(json.dumps({**EXAMPLE, "variant": None})) == govinfo.load_example()


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(govinfo.json_schema())


def with_unread_cells():
    report = govinfo.load_example()
    fees = report.disclosure["fees"].replace({("administrative_fees", "amount"): govinfo.UNREAD})
    return attrs.evolve(
        report,
        disclosure=govinfo.Disclosure((*report.disclosure.blocks[:-1], fees)),
        requests=report.requests.replace({("new_received", "natural_person"): govinfo.UNREAD}),
    )


def test_unread_cells_round_trip_and_validate():
    report = with_unread_cells()
    data = json.loads(govinfo.to_json(report))
    assert data["disclosure"]["fees"]["administrative_fees"]["amount"] == {"unread": True}
    VALIDATOR.validate(data)
    back = govinfo.from_json(json.dumps(data))
    assert back == report
    assert back.requests["new_received", "natural_person"] is govinfo.UNREAD
    assert govinfo.unread_cells(back) == (
        "$.disclosure.fees.administrative_fees.amount",
        "$.requests.new_received.natural_person",
    )


@pytest.mark.parametrize(
    "cell", [{"unread": False}, {"unread": 1}, {"unread": True, "text": "x"}, {"unread": None}]
)
def test_schema_rejects_every_other_unread_object(cell):
    data = json.loads(govinfo.to_json(govinfo.load_example()))
    data["requests"]["granted"]["other"] = cell
    assert not VALIDATOR.is_valid(data)
    with pytest.raises(JSONError, match=r"^\$\.requests\.granted\.other\."):
        govinfo.from_json(json.dumps(data))


def test_schema_rejects_what_from_json_rejects():
    bad = copy.deepcopy(EXAMPLE)
    bad["requests"]["new_received"]["natural_person"] = -1
    assert not VALIDATOR.is_valid(bad)
    bad = copy.deepcopy(EXAMPLE)
    bad["version"] = "2019"  # 2021 rows under the 2019 version
    assert not VALIDATOR.is_valid(bad)


def test_bundled_example_reads_and_writes_back_byte_for_byte():
    text = Path(govinfo.example_path(".json")).read_text(encoding="utf-8")
    report = govinfo.from_json(text)
    assert govinfo.to_json(report) + "\n" == text
    assert report.disclosure["fees"]["administrative_fees", "amount"] == Decimal("299.8145")
    assert report.requests["results_total", "total"] == 0  # as printed, though it should be 3


def test_cells_in_json():
    report = govinfo.load_example()
    grid = report.requests.replace(
        {
            ("new_received", "other"): govinfo.BLANK,
            ("carried_over", "other"): Placeholder("/"),
            ("granted", "other"): govinfo.UNREAD,
        }
    )
    data = json.loads(govinfo.to_json(attrs.evolve(report, requests=grid)))
    assert data["requests"]["new_received"]["other"] is None
    assert data["requests"]["carried_over"]["other"] == {"placeholder": "/"}
    assert data["requests"]["granted"]["other"] == {"unread": True}
    assert data["requests"]["new_received"]["natural_person"] == 3
    assert data["disclosure"]["fees"]["administrative_fees"]["amount"] == "299.8145"
    assert data["publication_date"] == "2021-01-18"
    assert data["schema"] == "govinfo.report/1"


def bad(**changes):
    data = copy.deepcopy(EXAMPLE)
    for path, value in changes.items():
        *parents, last = path.split("__")
        target = data
        for key in parents:
            target = target[key]
        if value is DELETE:
            del target[last]
        else:
            target[last] = value
    return json.dumps(data, ensure_ascii=False)


DELETE = object()

BAD_JSON = [
    pytest.param(
        bad(requests__new_received__natural_person="3a"),
        "$.requests.new_received.natural_person: expected a non-negative integer, null, "
        '{"placeholder": ...} or {"unread": true}, got "3a"',
        id="string-for-count",
    ),
    pytest.param(
        bad(requests__carried_forward__total=-2),
        "$.requests.carried_forward.total: expected a non-negative integer, null, "
        '{"placeholder": ...} or {"unread": true}, got -2',
        id="negative-count",
    ),
    pytest.param(
        bad(review_litigation__administrative_review__upheld=1.0),
        "$.review_litigation.administrative_review.upheld: expected a non-negative integer, "
        'null, {"placeholder": ...} or {"unread": true}, got 1.0',
        id="float-for-count",
    ),
    pytest.param(
        bad(disclosure__fees__administrative_fees__amount=299.8145),
        "$.disclosure.fees.administrative_fees.amount: expected a non-negative decimal string "
        'such as "299.8145", null, {"placeholder": ...} or {"unread": true}, got 299.8145',
        id="float-for-money",
    ),
    pytest.param(
        bad(requests__granted=DELETE),
        '$.requests: missing field "granted"',
        id="missing-row",
    ),
    pytest.param(
        bad(agency=DELETE, surplus=1),
        '$.surplus: unknown field\n$: missing field "agency"',
        id="unknown-and-missing-field",
    ),
    pytest.param(
        bad(year="2021", publication_date="2022-02-30"),
        '$.year: expected an integer, got "2021"\n'
        '$.publication_date: expected an ISO 8601 date such as "2022-01-18", got "2022-02-30"',
        id="wrong-scalar-types",
    ),
    pytest.param(
        bad(version="2020"),
        '$.version: expected one of ["2019", "2021"], got "2020"',
        id="unknown-version",
    ),
    pytest.param(
        bad(variant="single"),
        '$.variant: expected one of ["single_other_handling"] or null for the 2021 template, '
        'got "single"',
        id="unknown-variant",
    ),
    pytest.param(
        json.dumps({**variant_json(), "variant": ["single_other_handling"]}),
        '$.variant: expected one of ["single_other_handling"] or null for the 2021 template, '
        'got ["single_other_handling"]',
        id="variant-not-a-string",
    ),
    pytest.param(
        json.dumps({**variant_json(), "version": "2019", "year": 2020}),
        "$.variant: expected null for the 2019 template (it has no variants), got "
        '"single_other_handling"',
        id="variant-of-2019",
    ),
    pytest.param(
        json.dumps({**variant_json(), "version": "2020"}),
        '$.version: expected one of ["2019", "2021"], got "2020"',
        id="variant-of-an-unknown-version",
    ),
    pytest.param(
        bad(variant="single_other_handling"),
        '$.requests: missing field "other_handling"\n'
        "$.requests.other_handling_overdue_correction: unknown field\n"
        "$.requests.other_handling_unpaid_fee: unknown field\n"
        "$.requests.other_handling_other: unknown field",
        id="variant-with-the-sub-rows",
    ),
    pytest.param(
        bad(schema="govinfo.report/2"),
        '$.schema: expected "govinfo.report/1", got "govinfo.report/2"',
        id="wrong-schema",
    ),
    pytest.param(
        bad(requests__granted__other={"placeholder": "1/2"}),
        '$.requests.granted.other.placeholder: expected a placeholder text such as "/" or '
        '"不适用" (one line, no digits), got "1/2"',
        id="placeholder-with-digits",
    ),
    pytest.param(
        bad(requests__granted__other={"unread": False}),
        '$.requests.granted.other.unread: expected true (an unread cell is {"unread": true}), '
        "got false",
        id="unread-false",
    ),
    pytest.param(
        bad(disclosure__fees__administrative_fees__amount={"unread": True, "text": "29.8"}),
        "$.disclosure.fees.administrative_fees.amount.text: unknown field",
        id="unread-with-extra-key",
    ),
    pytest.param(
        bad(requests__granted__other={"unread": "yes", "placeholder": "/"}),
        "$.requests.granted.other.placeholder: unknown field\n"
        '$.requests.granted.other.unread: expected true (an unread cell is {"unread": true}), '
        'got "yes"',
        id="unread-not-true-and-a-placeholder",
    ),
    pytest.param(
        bad(overview__parts=[["（一）主动公开"], [], "x"]),
        "$.overview.parts[1]: expected a non-empty list of paragraphs, got []\n"
        '$.overview.parts[2]: expected a list of paragraphs, got "x"',
        id="bad-overview-parts",
    ),
    pytest.param(
        bad(problems=["ok", " padded ", 7]),
        "$.problems[1]: expected a non-empty line of text without surrounding spaces, "
        'got " padded "\n'
        "$.problems[2]: expected a non-empty line of text without surrounding spaces, got 7",
        id="bad-paragraphs",
    ),
    pytest.param(
        "{",
        "$: not valid JSON: Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1)",
        id="not-json",
    ),
    pytest.param('{"a": 1, "a": 2}', '$: not valid JSON: duplicate key "a"', id="duplicate-key"),
    pytest.param("[1, 2]", "$: expected a JSON object, got [1, 2]", id="not-an-object"),
    pytest.param('{"x": NaN}', "$: not valid JSON: NaN is not a JSON number", id="nan"),
]


@pytest.mark.parametrize(("text", "message"), BAD_JSON)
def test_bad_json_names_every_bad_place(text, message):
    with pytest.raises(JSONError) as info:
        govinfo.from_json(text)
    assert str(info.value) == message


@pytest.mark.parametrize("value", [None, 3, 2.5, ["{}"], {"schema": 1}, object()])
def test_wrong_input_type_is_a_domain_error(value):
    with pytest.raises(JSONError, match=r"^\$: expected JSON text \(str or bytes\), got "):
        govinfo.from_json(value)


@pytest.mark.parametrize("value", [None, "{}", EXAMPLE])
def test_to_json_refuses_non_reports(value):
    with pytest.raises(JSONError, match=r"^\$: expected a Report to write, got "):
        govinfo.to_json(value)


def test_bytes_are_read_as_utf8():
    report = govinfo.from_json(bad().encode("utf-8"))
    assert report.version is TemplateVersion.V2021


def test_invalid_utf8_is_a_domain_error():
    with pytest.raises(JSONError, match=r"^\$: not valid JSON: "):
        govinfo.from_json(b"\xff\xfe{")


def test_deep_nesting_is_a_domain_error():
    with pytest.raises(JSONError):
        govinfo.from_json("[" * 100_000 + "]" * 100_000)


# --- numbers longer than any report holds (govinfo.model.MAX_DIGITS) ----------------------

EXAMPLE_TEXT = Path(govinfo.example_path(".json")).read_text(encoding="utf-8")
V2019_TEXT = govinfo.to_json(Report.empty(TemplateVersion.V2019, agency="某局", year=2019))
SIDES = "at most 15 digits before the point and as many after"


def replaced(text, old, new):
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            replaced(EXAMPLE_TEXT, '"natural_person": 3', '"natural_person": ' + "9" * 5000),
            "$.requests.new_received.natural_person: expected a non-negative integer of at most "
            "15 digits, got 99999999999999999999… (5000 digits)",
            id="count-5000-digits",
        ),
        pytest.param(
            replaced(EXAMPLE_TEXT, '"natural_person": 3', '"natural_person": -' + "9" * 4301),
            "$.requests.new_received.natural_person: expected a non-negative integer of at most "
            "15 digits, got -9999999999999999999… (4301 digits)",
            id="count-negative-4301-digits",
        ),
        pytest.param(
            replaced(EXAMPLE_TEXT, '"natural_person": 3', '"natural_person": 1' + "0" * 15),
            "$.requests.new_received.natural_person: expected a non-negative integer of at most "
            "15 digits, got 1000000000000000",
            id="count-16-digits",
        ),
        pytest.param(
            replaced(EXAMPLE_TEXT, '"year": 2021', '"year": ' + "2" * 5000),
            "$.year: expected an integer, got 22222222222222222222… (5000 digits)",
            id="year-5000-digits",
        ),
        pytest.param(
            replaced(EXAMPLE_TEXT, '"299.8145"', '"' + "1" * 16 + '"'),
            f"$.disclosure.fees.administrative_fees.amount: expected a decimal string of {SIDES}, "
            'got "1111111111111111"',
            id="money-16-digits",
        ),
        pytest.param(
            replaced(EXAMPLE_TEXT, '"299.8145"', '"1.' + "1" * 5000 + '"'),
            f"$.disclosure.fees.administrative_fees.amount: expected a decimal string of {SIDES}, "
            'got "1.111111111111111111111111111111111111111111111111111111...',
            id="money-5000-places",
        ),
        pytest.param(
            replaced(V2019_TEXT, '"change": null', '"change": -' + "9" * 5000),
            "$.disclosure.licensing.administrative_licensing.change: expected an integer of at "
            "most 15 digits, got -9999999999999999999… (5000 digits)",
            id="delta-5000-digits",
        ),
        pytest.param(
            replaced(
                V2019_TEXT,
                '"total_amount": null',
                '"total_amount": {"value": "1' + "0" * 15 + '", "unit": "元"}',
            ),
            "$.disclosure.procurement.centralized_procurement.total_amount.value: expected a "
            f'decimal string of {SIDES}, got "1000000000000000"',
            id="amount-16-digits",
        ),
    ],
)
def test_numbers_longer_than_max_digits_are_named_at_their_place(text, message):
    with pytest.raises(JSONError) as info:
        govinfo.from_json(text)
    assert str(info.value) == message
    try:
        data = json.loads(text)
    except ValueError:  # more digits than Python reads into an int: no schema check to make
        return
    assert not VALIDATOR.is_valid(data)


def test_the_longest_numbers_read_and_validate():
    text = replaced(EXAMPLE_TEXT, '"natural_person": 3', '"natural_person": 999999999999999')
    text = replaced(text, '"299.8145"', '"999999999999999.999999999999999"')
    report = govinfo.from_json(text)
    assert report.requests["new_received", "natural_person"] == 10**15 - 1
    VALIDATOR.validate(json.loads(text))
    assert govinfo.to_json(report) + "\n" == text


# --- nesting of any depth: a JSONError at the path, never RecursionError --------------------

MARK = "@@deep@@"


def nested(depth, shape):
    if shape == "array":
        return "[" * depth + "]" * depth
    return '{"a": ' * depth + "1" + "}" * depth


def with_deep_value(place, value):
    """The example with ``value`` (JSON text) at ``place``: a setter of the marker, or None for
    the whole document."""
    if place is None:
        return value
    data = copy.deepcopy(EXAMPLE)
    place(data)
    return json.dumps(data, ensure_ascii=False).replace(json.dumps(MARK), value)


def at(*path):
    def put(data):
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = MARK

    return put


DEEP_PLACES = {
    "cell": at("requests", "new_received", "natural_person"),
    "placeholder": lambda data: data["requests"]["granted"].update(other={"placeholder": MARK}),
    "paragraph": lambda data: data.update(problems=["一段话", MARK]),
    "paragraphs": at("problems"),
    "part": lambda data: data["overview"]["parts"].insert(0, MARK),
    "agency": at("agency"),
    "version": at("version"),
    "top": None,
}

CELL_PATH = "$.requests.new_received.natural_person"
GOT_ARRAY = "got [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[..."
DEEP_MESSAGES = {
    ("cell", "array"): f"{CELL_PATH}: expected a non-negative integer, null, "
    f'{{"placeholder": ...}} or {{"unread": true}}, {GOT_ARRAY}',
    ("paragraph", "array"): "$.problems[1]: expected a non-empty line of text without "
    f"surrounding spaces, {GOT_ARRAY}",
    ("paragraphs", "object"): '$.problems: expected a list of paragraphs, got {"a": {"a": '
    '{"a": {"a": {"a": {"a": {"a": {"a": {"a": {"a...',
    ("top", "array"): f"$: expected a JSON object, {GOT_ARRAY}",
    ("version", "array"): f'$.version: expected one of ["2019", "2021"], {GOT_ARRAY}',
}
DEEP_PATHS = {
    "cell": f"{CELL_PATH}: ",
    "placeholder": "$.requests.granted.other.placeholder: ",
    "paragraph": "$.problems[1]: ",
    "paragraphs": "$.problems",
    "part": "$.overview.parts[0]",
    "agency": "$.agency: ",
    "version": "$.version: ",
    "top": "$",
}


@pytest.mark.parametrize("shape", ["array", "object"])
@pytest.mark.parametrize("place", list(DEEP_PLACES))
def test_a_value_nested_at_any_depth_is_named_at_its_path(place, shape):
    messages = set()
    for depth in (900, 990, 1000, 5000, 100_000):
        with pytest.raises(JSONError) as info:
            govinfo.from_json(with_deep_value(DEEP_PLACES[place], nested(depth, shape)))
        messages.add(str(info.value))
    assert len(messages) == 1, messages  # the same answer at every depth
    (message,) = messages
    assert message.startswith(DEEP_PATHS[place])
    assert "not valid JSON" not in message
    if (place, shape) in DEEP_MESSAGES:
        assert message == DEEP_MESSAGES[place, shape]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_deep_nesting_in_bytes_is_named_at_its_path(encoding):
    text = with_deep_value(DEEP_PLACES["cell"], nested(5000, "array"))
    with pytest.raises(JSONError) as info:
        govinfo.from_json(text.encode(encoding))
    assert str(info.value) == DEEP_MESSAGES["cell", "array"]


def test_deep_nesting_after_brackets_and_escapes_in_strings():
    text = with_deep_value(DEEP_PLACES["cell"], nested(3000, "array"))
    # Brackets and an escaped quote in a string, and a key spelled with an escape.
    text = replaced(text, '"agency": "温州市公安局鹿城区分局"', '"agency": "某局\\"[{\\\\"')
    text = replaced(text, '{"natural_person": [[[', '{"natural\\u005fperson": [[[')
    with pytest.raises(JSONError) as info:
        govinfo.from_json(text)
    assert str(info.value) == DEEP_MESSAGES["cell", "array"]


def test_deep_nesting_is_still_invalid_json_when_it_is_not_closed():
    text = with_deep_value(DEEP_PLACES["cell"], "[" * 5000)
    with pytest.raises(JSONError, match=r"^\$: not valid JSON: Expecting "):
        govinfo.from_json(text)


def test_deep_nesting_from_a_deep_stack():
    text = with_deep_value(DEEP_PLACES["cell"], nested(700, "array"))

    def call_at(depth):
        if depth > 0:
            return call_at(depth - 1)
        with pytest.raises(JSONError) as info:
            govinfo.from_json(text)
        return str(info.value)

    room = sys.getrecursionlimit() - len(inspect.stack()) - 200
    assert call_at(room) == DEEP_MESSAGES["cell", "array"]


# --- lone surrogates: refused where they stand, and messages that can be printed -----------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            replaced(EXAMPLE_TEXT, '"problems": [', '"problems": [\n    "整改\\ud800",'),
            '$.problems[0]: expected text without lone surrogates (U+D800), got "整改\\ud800"',
            id="paragraph-escape",
        ),
        pytest.param(
            replaced(EXAMPLE_TEXT, '"agency": "温州市', '"agency": "温州市\ud800'),
            "$.agency: expected text without lone surrogates (U+D800), got "
            '"温州市\\ud800公安局鹿城区分局"',
            id="agency-raw",
        ),
        pytest.param(
            replaced(EXAMPLE_TEXT, '"title": "', '"title": "\\uDFFF'),
            "$.title: expected text without lone surrogates (U+DFFF), got "
            '"\\udfff温州市公安局鹿城区分局2021年政府信息公开工作年度报告"',
            id="title-escape",
        ),
        pytest.param(
            replaced(EXAMPLE_TEXT, '"intro": [\n      "', '"intro": [\n      "\\udc80'),
            "$.overview.intro[0]: expected text without lone surrogates (U+DC80), got "
            '"\\udc802021年,区公安分局严格执行《中华人民共和国政府信息公开条例》和《浙江省政府信息公开暂行办法》,认真贯彻落实...',
            id="overview-escape",
        ),
        pytest.param(
            replaced(
                EXAMPLE_TEXT, '"natural_person": 3', '"natural_person": {"placeholder": "/\\ud800"}'
            ),
            "$.requests.new_received.natural_person.placeholder: expected text without lone "
            'surrogates (U+D800), got "/\\ud800"',
            id="placeholder-escape",
        ),
        pytest.param(
            replaced(EXAMPLE_TEXT, '"agency":', '"\\ud800": 1, "agency":'),
            "$.\\ud800: unknown field",
            id="key-escape",
        ),
        pytest.param(
            replaced(EXAMPLE_TEXT, '"agency":', '"\\ud800": 1, "\\ud800": 2, "agency":'),
            '$: not valid JSON: duplicate key "\\ud800"',
            id="duplicate-key-escape",
        ),
    ],
)
def test_lone_surrogates_are_refused_at_their_path(text, message):
    with pytest.raises(JSONError) as info:
        govinfo.from_json(text)
    assert str(info.value) == message
    str(info.value).encode("utf-8")  # the message itself can be printed
    for path, problem in info.value.problems:
        (path + problem).encode("utf-8")


def test_lone_surrogates_in_bytes_are_refused():
    text = replaced(EXAMPLE_TEXT, '"agency": "温州市', '"agency": "温州市\ud800')
    with pytest.raises(JSONError, match=r"^\$\.agency: expected text without lone surrogates"):
        govinfo.from_json(text.encode("utf-8", "surrogatepass"))  # json.loads lets them through


def test_a_surrogate_pair_is_one_character_and_reads():
    text = replaced(EXAMPLE_TEXT, '"problems": [', '"problems": [\n    "整改\\ud83d\\ude00",')
    assert govinfo.from_json(text).problems[0] == "整改😀"
