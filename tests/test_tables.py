"""The table layout of structured formats (formats/_tables.py) against the HTML table model
written out plainly: a grid of slots, each cell placed in the first free slot of its row."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from govinfo.formats._tables import MAX_COLUMNS, Builder, RawCell

raw_cells = st.builds(
    RawCell,
    text=st.sampled_from(["", "0", "12", "行政许可", "（一）"]),
    rows=st.sampled_from([1, 1, 1, 2, 3, 0, 9]),
    columns=st.sampled_from([1, 1, 1, 2, 3]),
    header=st.booleans(),
    before=st.sampled_from([0, 0, 0, 0, 1, 2]),
)
tables = st.lists(st.lists(raw_cells, max_size=5), max_size=7)


def layout(rows: list[list[RawCell]]) -> list[list[tuple[str, int, int, int, bool]]]:
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
        for cell in row:
            column += min(max(cell.before, 0), MAX_COLUMNS)
            while (r, column) in taken:
                column += 1
            width = min(max(cell.columns, 1), MAX_COLUMNS)
            height = cell.rows if 0 < cell.rows <= count - r else count - r
            for dr in range(height):
                for dc in range(width):
                    taken.setdefault((r + dr, column + dc), (r, column))
            origin[r, column] = (cell.text, height, width)
            printed.append((cell.text, column, height, width, False))
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
def test_the_builder_lays_out_a_table_as_the_table_model_does(rows: list[list[RawCell]]) -> None:
    built = Builder("html")
    built.table(rows)
    got = [
        [
            (c.text, built.places[c.at][2] - 1, c.rows, c.columns, c.continued)
            for c in paragraph.cells()
        ]
        for paragraph in built.paragraphs
    ]
    assert got == layout(rows)
