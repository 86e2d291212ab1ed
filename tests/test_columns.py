"""Aligned columns of the listings (cli/output.py ``columns``): thousands of rows of one
line each are padded column by column, and print exactly as row by row."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netrack.cli.output import columns

# ASCII, a dash a circle shows, wide letters (two columns each), a combining accent.
CELL = st.text(alphabet=st.sampled_from("ab Z9.-—界😀é\u0301"), max_size=12)


def _row_by_row(rows: list[list[str]], widths: list[int | None]) -> list[str]:
    """The lines of ``rows`` as laid out one row at a time: a row shorter than the
    widths (here an empty one, printed as an empty line) keeps ``columns`` from
    aligning the rows column by column."""
    return columns([*rows, []], widths)[:-1]


def test_cells_are_padded_or_cut_to_their_width_in_terminal_columns() -> None:
    rows = [
        ["Dana Lee", "inner", "3 days ago", "x"],
        ["A name far longer than the column", "—", "", ""],
        ["界界界", "wider", "today", "last cell runs on"],
    ]
    assert columns(rows, [10, 5, 10, None]) == [
        "Dana Lee    inner  3 days ago  x",
        "A name fa…  —",
        "界界界      wider  today       last cell runs on",
    ]
    assert columns(rows, [10, 5, 10, None]) == _row_by_row(rows, [10, 5, 10, None])


@given(
    st.lists(st.lists(CELL, min_size=4, max_size=4), max_size=8),
    st.lists(st.integers(min_value=1, max_value=8), min_size=3, max_size=3),
)
def test_column_by_column_prints_what_row_by_row_does(
    rows: list[list[str]], widths: list[int]
) -> None:
    assert columns(rows, [*widths, None]) == _row_by_row(rows, [*widths, None])


def test_a_last_cell_of_several_lines_goes_on_under_itself() -> None:
    rows = [["Dana", "sent the deck\nand the notes"], ["Kim", "one line"]]
    assert columns(rows, [6, None]) == [
        "Dana    sent the deck",
        "        and the notes",
        "Kim     one line",
    ]


def test_letters_counted_without_the_letter_database_take_one_column_each() -> None:
    """``_cells`` counts Latin letters, dashes and quotes without ``unicodedata``: as
    the database would."""
    import unicodedata

    from netrack.cli.output import _cells

    for code in [*range(0x80, 0x300), *range(0x2010, 0x2028)]:
        char = chr(code)
        assert not unicodedata.combining(char) and unicodedata.east_asian_width(char) not in "WF"
        assert _cells(char) == 1
    assert _cells("e\u0301") == 1 and _cells("界") == 2
