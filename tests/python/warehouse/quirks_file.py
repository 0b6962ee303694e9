"""A small movies_metadata.csv with every known quirk of the full file planted in it.

Real sample records first, then hand-written raw lines that reproduce the full file's
broken records (see docs/modeling.md) and the edge cases of the rules: duplicates,
list cells that are not valid literals, string ids, repeated ids, quotes of both kinds,
escapes, unknown money, sums beyond 64-bit integers, wrong widths, bad ids and dates.
"""

from __future__ import annotations

from pathlib import Path

SAMPLE_RECORDS_KEPT = 60

# Each entry is raw CSV text exactly as it stands in the file (one or more records).
PLANTED_LINES = [
    # The full file's split record: a line break inside an unquoted overview leaves a
    # 10-field head, and the tail surfaces as a 15-field record whose id column holds a
    # date and whose budget column holds an image path.
    "False,,0,\"[{'id': 18, 'name': 'Drama'}]\",,82663,tt0113002,en,Midnight Man,"
    "Benjamin Grant is an intelligence officer",
    " - Written by Ørnås\",0.065736,/ff9qCepilowshEtG2GYWwzt2bs4.jpg,"
    "\"[{'name': 'Carousel Productions', 'id': 11176}]\","
    "\"[{'iso_3166_1': 'CA', 'name': 'Canada'}]\",1997-08-20,0,104.0,"
    "\"[{'iso_639_1': 'en', 'name': 'English'}]\",Released,,Midnight Man,False,6.0,1",
    # Movie 10663's genres cell is not a valid literal as a whole.
    "False,,0,\"[{'id': 35, 'name': 'Comedy'} GATORADE\",,10663,tt0099999,en,The Waterboy,"
    "\"A waterboy, a \"\"quoted\"\" word.\",10.5,,"
    "\"[{'name': 'Touchstone Pictures', 'id': 9195}]\",\"[]\",1998-11-06,185991646,90.0,"
    "\"[]\",Released,,The Waterboy,False,6.1,1000",
    # A string id is malformed; a repeated id counts once; apostrophes, both quote kinds,
    # backslashes and unicode escapes in names.
    "False,,5000000,\"[{'id': '6194', 'name': 'Drama'}, {'id': 35, 'name': 'Comedy'}, "
    "{'name': 'Comedy again', 'id': 35}]\",,900001,tt9000001,en,Quotes,,1.25,,"
    "\"[{'name': \"\"Butcher's Run Films\"\", 'id': 3864}, "
    "{'name': 'Both \\'single\\' and \"\"double\"\"', 'id': 900100}, "
    "{'name': 'Back\\\\slash Films', 'id': 900101}, "
    "{'name': 'Soci\\xe9t\\u00e9 Générale du Cinéma', 'id': 900102}]\","
    "\"[{'iso_3166_1': 'FR', 'name': 'France'}, {'iso_3166_1': 7, 'name': 'Seven'}]\","
    "1998-01-01,7000000,100.0,\"[{'iso_639_1': 'fr', 'name': 'Français'}]\",Released,,"
    "Quotes,False,5.0,10",
    # Duplicates: the last record of an id wins, even when only popularity differs.
    "False,,1000,\"[{'id': 18, 'name': 'Drama'}]\",,900002,tt9000002,en,Dup,,1.0,,"
    "\"[{'name': 'Dup Films', 'id': 900200}]\",\"[]\",1998-05-05,3000,90.0,\"[]\",Released,,"
    "Dup,False,5.0,10",
    "False,,1000,\"[{'id': 18, 'name': 'Drama'}]\",,900002,tt9000002,en,Dup,,2.0,,"
    "\"[{'name': 'Dup Films', 'id': 900200}]\",\"[]\",1998-05-05,3000,90.0,\"[]\",Released,,"
    "Dup,False,5.0,10",
    # Unknown money: 0, empty, negative, text, nan, inf; an invalid date; whitespace id.
    "False,,nan,\"[{'id': 18, 'name': 'Drama'}]\",,  900003 ,tt9000003,en,Unknowns,,inf,,"
    "\"[{'name': 'Dup Films', 'id': 900200}]\",\"[]\",1998-05-05,-5,90.0,\"[]\",Released,,"
    "Unknowns,False,5.0,10",
    "False,,abc,\"[{'id': 18, 'name': 'Drama'}]\",,900004,tt9000004,en,Bad date,,0,,"
    "\"[{'name': 'Dup Films', 'id': 900200}]\",\"[]\",1998-02-30,0,90.0,\"[]\",Released,,"
    "Bad date,False,5.0,10",
    # Bad ids and a record with one field too many.
    "False,,0,[],,0,tt9000005,en,Zero id,,1.0,,[],[],1998-01-01,0,90.0,[],Released,,Z,False,5.0,1",
    "False,,0,[],,abc,tt9000006,en,Text id,,1.0,,[],[],1998-01-01,0,90.0,[],Released,,T,False,5.0,1",
    "False,,0,[],,,tt9000007,en,No id,,1.0,,[],[],1998-01-01,0,90.0,[],Released,,N,False,5.0,1",
    "False,,0,[],,900008,tt9000008,en,Wide,,1.0,,[],[],1998-01-01,0,90.0,[],Released,,W,False,5.0,1,x",
]

# Twelve blockbusters of one company and year: their budgets sum beyond 2**63.
BLOCKBUSTERS = [
    f"False,,900000000000000000,\"[{{'id': 28, 'name': 'Action'}}]\",,{950000 + n},tt95{n:05d},"
    f"en,Big {n},,3.0,,\"[{{'name': 'Huge Budget Pictures', 'id': 950000}}]\",\"[]\","
    f"2001-06-01,1000000000000000000,120.0,\"[]\",Released,,Big {n},False,6.0,100"
    for n in range(12)
]


# One extreme cell each, reproduced once as a build failure or a wrong year (issue 8):
# each must be typed by the rules or recorded as a field issue, never fail the build.
EXTREME_VALUES = [
    # A budget beyond decimal(38, 2).
    "False,,1e37,\"[{'id': 18, 'name': 'Drama'}]\",,960001,tt9600001,en,Huge budget,,1.0,,"
    "\"[{'name': 'Extreme Pictures', 'id': 960100}]\",\"[]\",2002-03-01,1000,90.0,\"[]\","
    "Released,,Huge budget,False,5.0,10",
    # Two revenues of one company and year whose sum overflows decimal(38, 2).
    *[
        f"False,,1000,\"[{{'id': 18, 'name': 'Drama'}}]\",,{960002 + n},tt960000{2 + n},en,"
        f"Huge revenue {n},,1.0,,\"[{{'name': 'Extreme Pictures', 'id': 960100}}]\",\"[]\","
        f"2002-03-01,900000000000000000000000000000000000,90.0,\"[]\",Released,,"
        f"Huge revenue {n},False,5.0,10"
        for n in range(2)
    ],
    # A \U escape beyond U+10FFFF and a lone surrogate in company names; a genre id of
    # 2**63, beyond bigint; a release year 0 and one far in the future.
    "False,,1000,\"[{'id': 9223372036854775808, 'name': 'Too Big'}, {'id': 18, 'name': 'Drama'}]\",,"
    "960004,tt9600004,en,Bad escapes,,1.0,,"
    "\"[{'name': 'Beyond \\U00110000 Films', 'id': 960101}, {'name': 'Fine Films', 'id': 960102}]\","
    "\"[]\",0000-01-01,1000,90.0,\"[]\",Released,,Bad escapes,False,5.0,10",
    "False,,1000,\"[{'id': 18, 'name': 'Drama'}]\",,960005,tt9600005,en,Surrogate,,1.0,,"
    "\"[{'name': 'Lone \\ud800 Films', 'id': 960103}, {'name': 'Fine Films', 'id': 960102}]\","
    "\"[]\",9999-12-31,1000,90.0,\"[]\",Released,,Surrogate,False,5.0,10",
    # Raw control characters inside names: a tab is a valid Python string character
    # (the company is kept, named with its tab), a raw line break is not (the genre
    # cell is not a valid literal; the repair keeps the dict without it).
    "False,,1000,\"[{'id': 18, 'name': 'Dra\tma'}, {'id': 35, 'name': 'Com\nedy'}]\",,960007,"
    "tt9600007,en,Control characters,,1.0,,\"[{'name': 'Tab\tFilms', 'id': 960104}]\","
    "\"[]\",2002-03-01,1000,90.0,\"[]\",Released,,Control characters,False,5.0,10",
    # Two collections for one movie.
    "False,\"[{'id': 960300, 'name': 'First Collection'}, {'id': 960301, 'name': 'Second'}]\","
    "1000,\"[{'id': 18, 'name': 'Drama'}]\",,960006,tt9600006,en,Two collections,,1.0,,\"[]\","
    "\"[]\",2002-03-01,1000,90.0,\"[]\",Released,,Two collections,False,5.0,10",
]


def write_quirks_csv(sample_csv: Path, out_path: Path) -> Path:
    """Write the quirks file: sample records, planted lines, no trailing newline."""
    text = sample_csv.read_text(encoding="utf-8")
    lines = text.split("\n")
    # Keep the header and the first records whole: cut at a record boundary by
    # counting complete records with the csv module.
    import csv
    import io

    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    for _ in range(SAMPLE_RECORDS_KEPT):
        next(reader)
    consumed = reader.line_num
    kept = "\n".join(lines[:consumed])
    body = "\n".join([kept, *PLANTED_LINES, *BLOCKBUSTERS, *EXTREME_VALUES])
    out_path.write_text(body, encoding="utf-8")
    return out_path
