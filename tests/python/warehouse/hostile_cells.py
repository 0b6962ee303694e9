"""Hypothesis strategies for hostile cells of movies_metadata.csv, and records made of them.

Each strategy draws the raw text of one cell: numbers at and beyond every bound (huge,
tiny, negative, NaN, inf, exponents, overlong digit strings), dates that are not dates or
lie outside 1874-2100, and Python-literal list cells with extreme ids, bad escapes (\\U
beyond U+10FFFF, short \\x and \\u, \\N{...}, lone surrogates), nested quotes, braces,
empty lists and None. `hostile_records` makes a batch of 24-field records of them.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

HEADER = [
    "adult", "belongs_to_collection", "budget", "genres", "homepage", "id", "imdb_id",
    "original_language", "original_title", "overview", "popularity", "poster_path",
    "production_companies", "production_countries", "release_date", "revenue", "runtime",
    "spoken_languages", "status", "tagline", "title", "video", "vote_average", "vote_count",
]

EDGE_NUMBERS = [
    "", " ", "0", "0.0", "-0", "00", "nan", "NaN", "-nan", "inf", "-inf", "Infinity",
    "1e37", "1e36", "1e18", "1e18.5", "1000000000000000000", "1000000000000000000.01",
    "999999999999999999.995", "999999999999999999.994", "1e-400", "0.004", "0.005",
    "0.125", "2.675", "1e309", "-1e309", "5e-324", "1e6", "1000000.0001", "1e+6",
    "abc", "1,000", "0x10", "1_000", " 12 ", "+5", ".5", "5.", "1e", "e5", "--5",
    "/ff9qCepilowshEtG2GYWwzt2bs4.jpg", "1e" + "9" * 40, "1e-" + "9" * 40,
    "9" * 60, "0." + "0" * 60 + "1", "12." + "9" * 60, "2147483647", "2147483648",
    "-2147483649", str(2**63), str(2**64), "900000000000000000000000000000000000",
]


@st.composite
def decimal_texts(draw) -> str:
    """A number as text: sign, digits, fraction, exponent, each maybe."""
    sign = draw(st.sampled_from(["", "-", "+"]))
    whole = draw(st.text("0123456789", max_size=25))
    fraction = draw(st.one_of(st.just(None), st.text("0123456789", max_size=25)))
    exponent = draw(st.one_of(st.just(None), st.integers(-420, 420)))
    text = sign + whole
    if fraction is not None:
        text += "." + fraction
    if exponent is not None:
        text += draw(st.sampled_from(["e", "E"])) + str(exponent)
    return text


number_cells = st.one_of(
    st.sampled_from(EDGE_NUMBERS),
    decimal_texts(),
    st.integers(-(10**40), 10**40).map(str),
    st.integers(1, 3 * 10**9).map(str),  # the ordinary case
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text("0123456789", min_size=19, max_size=400),  # overlong digit strings
)

date_cells = st.one_of(
    st.sampled_from([
        "0000-01-01", "9999-12-31", "2025-02-30", "2024-02-29", "2023-02-29", "1874-01-01",
        "1873-12-31", "2100-12-31", "2101-01-01", "0001-01-01", "1995-13-01", "1995-00-10",
        "12/25/1995", "", " ", " 2009-12-10 ", "2009-1-1", "20090101", "+2009-01-01",
        "2009-01-01T00:00", "-2009-01-01", "٢٠٠٩-٠١-٠١",
    ]),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
)

ids = st.one_of(
    st.sampled_from([18, 35, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64, 10**30, 0, -1]),
    st.integers(-(2**65), 2**65),
    st.sampled_from([18, 35]),  # ids that repeat within lists and across movies
    st.integers(1, 60),
)

# Escapes as written in a literal (raw text between the quotes): valid, invalid, beyond.
ESCAPES = [
    "\\U00110000", "\\UFFFFFFFF", "\\U0001F3AC", "\\U0010FFFF", "\\x4", "\\xZZ", "\\xe9",
    "\\u12", "\\u00e9", "\\ud800", "\\udfff", "\\ud83c\\udfac", "\\N{LATIN SMALL LETTER E}",
    "\\N{NO SUCH NAME}", "\\N", "\\0", "\\101", "\\777", "\\8", "\\a\\b\\f\\v", "\\q",
    "\\\\", "\\\\N", "\\\\U00110000", "\\'", '\\"', "\\n\\t\\r", "\\\n",
]

# Control characters written as themselves inside a string: Python takes a tab or a
# unit separator as they are, and rejects a raw line break (the literal is invalid).
RAW_CONTROLS = "\t\x0b\x1f\x7f\n\r"

name_characters = st.characters(
    codec="utf-8", exclude_characters="\r\n", max_codepoint=0x10FFFF
) | st.sampled_from(["'", '"', "\\", "{", "}", "[", "]", ",", ":", "\x00", "é", "🎬"])


@st.composite
def string_literals(draw) -> str:
    """A Python string literal: repr of any text (which escapes what must be), or raw text
    with hostile escapes between single or double quotes."""
    if draw(st.booleans()):
        text = draw(st.text(name_characters, max_size=8))
        if draw(st.integers(0, 5)) == 0:
            text += chr(draw(st.integers(0xD800, 0xDFFF)))  # a lone surrogate, via repr
        return repr(text)
    quote = draw(st.sampled_from(["'", '"']))
    other = '"' if quote == "'" else "'"
    pieces = draw(st.lists(
        st.sampled_from(ESCAPES) | st.text("abc {}[]:," + other + RAW_CONTROLS, max_size=4),
        min_size=1,
        max_size=4,
    ))
    return quote + "".join(pieces) + quote


def id_literals(key_is_integer: bool) -> st.SearchStrategy[str]:
    usual = ids.map(str) if key_is_integer else st.sampled_from(["'US'", "'fr'", "'en'", "''"])
    return st.one_of(
        usual,
        usual,
        st.sampled_from(["'6194'", "None", "True", "1.5", "1e3", "-0", "[]", "{}"]),
        st.floats(allow_nan=False, allow_infinity=False).map(repr),
        string_literals(),
    )


@st.composite
def element_literals(draw, key: str, key_is_integer: bool) -> str:
    members = [
        f"'{key}': {draw(id_literals(key_is_integer))}",
        f"'name': {draw(string_literals())}",
    ]
    if draw(st.booleans()):
        members.reverse()
    if draw(st.integers(0, 4)) == 0:
        members.append(f"'poster_path': {draw(st.sampled_from(['None', repr('/p.jpg')]))}")
    if draw(st.integers(0, 6)) == 0:
        members.pop(draw(st.integers(0, 1)))  # no name, or no key
    return "{" + ", ".join(members) + "}"


@st.composite
def list_cells(draw, key: str, key_is_integer: bool, as_dict: bool = False) -> str:
    elements = draw(st.lists(element_literals(key, key_is_integer), max_size=3))
    shape = draw(st.integers(0, 9))
    if as_dict and elements and shape < 5:
        cell = elements[0]
    else:
        cell = "[" + ", ".join(elements) + "]"
    if shape == 5:
        cell = draw(st.sampled_from(["", "[]", "None", "42", "'abc'", "[[]]", "{1, 2}"]))
    elif shape == 6:
        cell = cell + draw(st.sampled_from([" GATORADE", "]", "}", "'", ","]))  # not a literal
    elif shape == 7 and len(cell) > 2:
        cell = cell[: draw(st.integers(1, len(cell) - 1))]  # cut short
    elif shape == 8:
        cell = "[" + cell + "]"  # nested
    return cell


NUMBER_COLUMNS = ["budget", "revenue", "popularity", "runtime", "vote_average", "vote_count"]
LIST_COLUMNS = {
    "genres": ("id", True),
    "production_companies": ("id", True),
    "production_countries": ("iso_3166_1", False),
    "spoken_languages": ("iso_639_1", False),
    "belongs_to_collection": ("id", True),
}


@st.composite
def hostile_records(draw, first_id: int, size: int) -> list[list[str]]:
    """`size` accepted records (ids first_id, first_id + 1, ...) of hostile cells.

    Hypothesis bounds how much one example may draw, so each example draws a pool of
    values per kind of cell and the records take them in turn, each column at its own
    stride, so that the same value meets different neighbours.
    """
    numbers = draw(st.lists(number_cells, min_size=8, max_size=16))
    dates = draw(st.lists(date_cells, min_size=4, max_size=10))
    lists = {
        column: draw(st.lists(list_cells(key, integer, as_dict=column == "belongs_to_collection"),
                              min_size=3, max_size=6))
        for column, (key, integer) in LIST_COLUMNS.items()
    }
    records = []
    for offset in range(size):
        fields = dict.fromkeys(HEADER, "")
        fields.update(
            adult="False",
            video="False",
            id=str(first_id + offset),
            title=f"Hostile {offset}",
            status="Released",
            release_date=dates[offset % len(dates)],
        )
        for stride, column in enumerate(NUMBER_COLUMNS, start=1):
            fields[column] = numbers[(offset * stride + stride) % len(numbers)]
        for stride, column in enumerate(LIST_COLUMNS, start=1):
            fields[column] = lists[column][(offset * stride + offset // 7) % len(lists[column])]
        records.append([fields[column] for column in HEADER])
    return records
