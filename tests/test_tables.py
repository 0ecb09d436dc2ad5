"""The table layout of structured formats (formats/_tables.py) against the HTML table model
written out plainly: a grid of slots, each cell placed in the first free slot of its row."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo.formats._tables import MAX_COLUMNS, ONE, SPACES, Builder, RawRow, collapse

# A cell: (text, rows, columns, header, before).
Spec = tuple[str, int, int, bool, int]
cell_specs = st.tuples(
    st.sampled_from(["", "0", "12", "行政许可", "（一）"]),
    st.sampled_from([1, 1, 1, 2, 3, 0, 9]),
    st.sampled_from([1, 1, 1, 2, 3]),
    st.booleans(),
    st.sampled_from([0, 0, 0, 0, 1, 2]),
)


@st.composite
def raw_row(draw: st.DrawFn) -> tuple[list[Spec], RawRow]:
    """A row's cells, and the row as a front-end gives it: the headers and the layouts
    left out (None) when there are none to say, or, now and then, given anyway."""
    specs = draw(st.lists(cell_specs, max_size=5))
    headers = [s[3] for s in specs]
    layouts = [(s[1], s[2], s[4]) for s in specs]
    listed = draw(st.booleans())
    return specs, RawRow(
        [s[0] for s in specs],
        [("/t", f"/tr/td[{i}]") for i in range(len(specs))],
        headers if listed or any(headers) else None,
        layouts if listed or any(x != ONE for x in layouts) else None,
    )


tables = st.lists(raw_row(), max_size=7)


def layout(rows: list[list[Spec]]) -> list[list[tuple[str, int, int, int, bool]]]:
    """Each printed row as (text, first slot, rows, columns, continued) per cell: its printed
    cells, and one continued cell for each cell of a row above that covers a slot right of the
    row's first printed cell; rows printing nothing, or only empty cells, left out."""
    count = len(rows)
    taken: dict[tuple[int, int], tuple[int, int]] = {}  # slot -> (row, slot) of its cell
    origin: dict[tuple[int, int], tuple[str, int, int]] = {}  # cell -> (text, rows, columns)
    out = []
    for r, row in enumerate(rows):
        printed = []
        column = 0
        for text, rows_, columns, _, before in row:
            column += min(max(before, 0), MAX_COLUMNS)
            while (r, column) in taken:
                column += 1
            width = min(max(columns, 1), MAX_COLUMNS)
            height = rows_ if 0 < rows_ <= count - r else count - r
            for dr in range(height):
                for dc in range(width):
                    taken.setdefault((r + dr, column + dc), (r, column))
            origin[r, column] = (text, height, width)
            printed.append((text, column, height, width, False))
            column += width
        if not printed:
            continue
        first = printed[0][1]
        covering = {
            owner
            for (row_, slot), owner in taken.items()
            if row_ == r and owner[0] < r and owner[1] > first
        }
        continued = [(*origin[o][:1], o[1], *origin[o][1:], True) for o in covering]
        cells = sorted(printed + continued, key=lambda c: c[1])
        if any(c[0] for c in cells):
            out.append(cells)
    return out


@given(tables)
def test_the_builder_lays_out_a_table_as_the_table_model_does(
    rows: list[tuple[list[Spec], RawRow]],
) -> None:
    built = Builder("html")
    built.table([raw for _, raw in rows])
    got = [
        [
            (c.text, built.places[c.at][2] - 1, c.rows, c.columns, c.continued)
            for c in paragraph.cells()
        ]
        for paragraph in built.paragraphs
    ]
    assert got == layout([specs for specs, _ in rows])


@given(tables)
def test_every_printed_cell_keeps_its_header_mark_and_its_element(
    rows: list[tuple[list[Spec], RawRow]],
) -> None:
    built = Builder("html")
    built.table([raw for _, raw in rows])
    printed = {
        c.at: c for paragraph in built.paragraphs for c in paragraph.cells() if not c.continued
    }
    expected = [
        (spec[0], spec[3], element)
        for specs, raw in rows
        for spec, element in zip(specs, raw.elements, strict=True)
    ]
    assert len(built.places) == len(built.paths) == len(expected)
    for at, cell in printed.items():
        text, header, element = expected[at]
        assert (cell.text, cell.header, built.paths[at]) == (text, header, element)


@given(st.text(alphabet=st.sampled_from(list(" \t\n\r\f\v\xa0\u3000\u2003\u200b\x85a0自，"))))
def test_collapse_is_one_space_for_each_run_of_spaces_stripped(text: str) -> None:
    assert collapse(text) == SPACES.sub(" ", text).strip()


def test_a_row_whose_elements_do_not_match_its_cells_is_refused() -> None:
    with pytest.raises(ValueError, match="row 1: 2 cells, 1 elements"):
        Builder("html").table([RawRow(["行政许可", "3"], [("/t", "/tr/td[1]")])])
