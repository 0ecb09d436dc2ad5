"""Property tests of the HTML front-end's parts. (Apart from tests/test_html.py, which the
core's own test run includes, without hypothesis.)"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from govinfo.formats import _html

# Class and id values near the chrome words: any case, the letters that lower to ASCII
# outside it (Kelvin sign, dotted capital I, long s), entities, no value at all.
_NAME_PARTS = st.sampled_from(
    [
        "share",
        "SHARE",
        "Crumb",
        "bread",
        "tool",
        "bar",
        "toolBar",
        "jia",
        "this",
        "JİATHIS",
        "\u212arumb",
        "\u017fhare",
        "sh&#97;re",
        " ",
        "-",
        "x",
        "自",
    ]
)
_NAME_VALUES = st.one_of(st.none(), st.lists(_NAME_PARTS, max_size=4).map("".join))


@given(
    st.lists(
        st.tuples(st.sampled_from(["div", "span", "td", "p"]), _NAME_VALUES, _NAME_VALUES),
        max_size=8,
    )
)
def test_chrome_marks_told_in_python_are_the_ones_the_query_finds(elements):
    def attribute(name, value):
        return "" if value is None else f" {name}" if value == "" else f' {name}="{value}"'

    body = "".join(
        f"<{tag}{attribute('class', cls)}{attribute('id', ident)}>t</{tag}>"
        for tag, cls, ident in elements
    )
    tree = LexborHTMLParser(f"<html><body>{body}</body></html>")
    # In the order of the page (the query lists an element once for each selector it matches).
    expected = list(dict.fromkeys(node.mem_id for node in tree.css(_html._CHROME_MARKS)))
    # Told in Python (a page of many tags for its classes), each once; and by the query.
    assert [node.mem_id for node in _html._marked(tree, 10**9)] == expected
    assert list(dict.fromkeys(node.mem_id for node in _html._marked(tree, 0))) == expected
