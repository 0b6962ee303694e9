"""The Spark parity input: the quirks file with records after it that probe the CSV reader and the escapes."""

from __future__ import annotations

from pathlib import Path

from dbt_build import SAMPLE_CSV
from warehouse.quirks_file import write_quirks_csv


# Appended to the quirks file: records that probe the CSV reader (DuckDB's read_csv, Spark's
# CSV source behind the spark source view): 45 and exactly 40 fields, an empty last field,
# a blank and a whitespace-only line, a quoted line break, a quoted empty id; and a record
# whose company names hold every escape Python's repr writes in a string.
RECORD = "False,,0,[],,{id},tt{id},en,{title},,1.0,,[],[],1998-01-01,0,90.0,[],Released,,T,False,5.0,{last}"
# One name per escape: \t \n \r \\ \' \x.. \u.... \U........ (repr writes each of these).
ESCAPED_NAMES = [
    "Tab\tFilms",
    "New\nline Films",
    "Carriage\rReturn Films",
    "Back\\slash\\ Films",
    "Both ' and \" Films",
    "Control\x85 and \x07 Films",
    "Zero\u200bwidth Films",
    "Tag\U000e0041 Films",
]
ESCAPES_IN_A_LIST_CELL = repr([{"name": name, "id": 910101 + index} for index, name in enumerate(ESCAPED_NAMES)])
# RECORD with the list as its production_companies cell (the first [] after popularity).
ESCAPES_RECORD = RECORD.format(id=910006, title="Escapes", last="1").replace(
    ",1.0,,[],", ',1.0,,"' + ESCAPES_IN_A_LIST_CELL.replace('"', '""') + '",', 1
)
READER_EDGE_LINES = [
    RECORD.format(id=910001, title="Wide", last="1") + ",x" * 21,
    RECORD.format(id=910002, title="Forty", last="1") + ",y" * 16,
    RECORD.format(id=910003, title="Empty last field", last=""),
    "",
    "   ",
    RECORD.format(id=910004, title='"Two\nlines, quoted"', last="1"),
    RECORD.format(id='""', title="Quoted empty id", last="1"),
    RECORD.format(id=910005, title="After the edges", last="1"),
    ESCAPES_RECORD,
]


def write_quirks_and_reader_edges_csv(out_path: Path) -> Path:
    """The quirks file with READER_EDGE_LINES after it."""
    write_quirks_csv(SAMPLE_CSV, out_path)
    text = out_path.read_text(encoding="utf-8")
    out_path.write_text("\n".join([text, *READER_EDGE_LINES]), encoding="utf-8", newline="")
    return out_path
