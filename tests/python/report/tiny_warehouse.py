"""A six-movie warehouse with the contract's core and mart columns, small enough to check by hand.

movie  year  budget  revenue  popularity  companies  genres
1      2000  100     300      5.0         A, B       Drama, Comedy
2      2000  -       50       2.0         A          Drama
3      2001  200     100      8.0         B          Action
4      2001  10      -        1.0         C          Drama
5      -     1000    2000     9.0         A          Drama      (no release year: in no mart)
6      2001  -       -        3.0         A          Comedy

The marts are filled from these rows with plain group-bys, following the contract's rules;
constant dollars use the made-up CPI below, so 2000's amounts double and 2001's stay.
`audit.movie_money_issues` flags two amounts by hand (movie 4's budget of 10 and movie 2's
revenue of 50), as if they broke the warehouse's plausibility rule.
"""

from pathlib import Path

import duckdb

MOVIES = [
    (1, 2000, 100, 300, 5.0),
    (2, 2000, None, 50, 2.0),
    (3, 2001, 200, 100, 8.0),
    (4, 2001, 10, None, 1.0),
    (5, None, 1000, 2000, 9.0),
    (6, 2001, None, None, 3.0),
]
COMPANIES = {1: ["A", "B"], 2: ["A"], 3: ["B"], 4: ["C"], 5: ["A"], 6: ["A"]}
GENRES = {1: ["Drama", "Comedy"], 2: ["Drama"], 3: ["Action"], 4: ["Drama"], 5: ["Drama"], 6: ["Comedy"]}
COMPANY_IDS = {"A": 10, "B": 20, "C": 30}
GENRE_IDS = {"Drama": 18, "Comedy": 35, "Action": 28}

MONEY_ISSUES = [
    (4, "budget", "Four", 2001, 10, 10, "below_minimum", "under $1,000: too small to be real"),
    (2, "revenue", "Two", 2000, 50, 100, "below_minimum", "under $1,000: too small to be real"),
]

# A made-up CPI: 2001 is the latest year, and 2000 prices were half of 2001's.
CPI_BY_YEAR = [(2000, 50.0), (2001, 100.0)]

MONEY_MART_SQL = """
create table marts.{entity}_{name}_by_year as
select {entity}_id, {entity}_name, release_year,
    count(*)::bigint as movie_count,
    count({value})::bigint as {known_count},
    sum({value})::decimal(38, 2) as {total},
    (sum({value}) * 100 / any_value(cpi_u_annual_average))::decimal(38, 2) as {total}_real
from core.bridge_movie_{entity}
join core.fct_movie using (movie_id)
join reference.us_cpi_by_year on release_year = year
where release_year is not null
group by all
"""


def build_tiny_warehouse(path: Path) -> Path:
    """Write the six-movie warehouse to `path` and return it."""
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema core")
        connection.execute("create schema marts")
        connection.execute("create schema reference")
        connection.execute("create schema audit")
        connection.execute(
            """
            create table audit.movie_money_issues (
                movie_id bigint, column_name varchar, title varchar, release_year integer,
                amount decimal(38, 2), amount_real decimal(38, 2), issue_code varchar, issue varchar
            )
            """
        )
        connection.executemany("insert into audit.movie_money_issues values (?, ?, ?, ?, ?, ?, ?, ?)", MONEY_ISSUES)
        connection.execute("create table reference.us_cpi_by_year (year integer, cpi_u_annual_average decimal(9, 3))")
        connection.executemany("insert into reference.us_cpi_by_year values (?, ?)", CPI_BY_YEAR)
        connection.execute(
            """
            create table core.fct_movie (
                movie_id bigint, release_year integer, budget decimal(38, 2), revenue decimal(38, 2),
                profit decimal(38, 2), popularity double,
                has_budget boolean, has_revenue boolean, has_financials boolean
            )
            """
        )
        for movie_id, year, budget, revenue, popularity in MOVIES:
            profit = revenue - budget if budget is not None and revenue is not None else None
            connection.execute(
                "insert into core.fct_movie values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [movie_id, year, budget, revenue, profit, popularity,
                 budget is not None, revenue is not None, profit is not None],
            )
        connection.execute("create table core.bridge_movie_company (movie_id bigint, company_id bigint, company_name varchar)")
        connection.execute("create table core.bridge_movie_genre (movie_id bigint, genre_id bigint, genre_name varchar)")
        for movie_id, names in COMPANIES.items():
            for name in names:
                connection.execute("insert into core.bridge_movie_company values (?, ?, ?)", [movie_id, COMPANY_IDS[name], name])
        for movie_id, names in GENRES.items():
            for name in names:
                connection.execute("insert into core.bridge_movie_genre values (?, ?, ?)", [movie_id, GENRE_IDS[name], name])
        for entity in ("company", "genre"):
            for name, value, known_count, total in (
                ("budget", "budget", "movies_with_budget", "total_budget"),
                ("revenue", "revenue", "movies_with_revenue", "total_revenue"),
                ("profit", "profit", "movies_with_financials", "total_profit"),
            ):
                connection.execute(
                    MONEY_MART_SQL.format(entity=entity, name=name, value=value, known_count=known_count, total=total)
                )
        connection.execute(
            """
            create table marts.company_popularity_by_year as
            select company_id, company_name, release_year, count(*)::bigint as movie_count,
                avg(popularity) as avg_popularity
            from core.bridge_movie_company join core.fct_movie using (movie_id)
            where release_year is not null
            group by all
            """
        )
        connection.execute(
            """
            create table marts.company_releases_by_genre_by_year as
            select company_id, company_name, genre_id, genre_name, release_year,
                count(*)::bigint as release_count
            from core.bridge_movie_company
            join core.bridge_movie_genre using (movie_id)
            join core.fct_movie using (movie_id)
            where release_year is not null
            group by all
            """
        )
        connection.execute(
            """
            create table marts.genre_most_popular_by_year as
            select release_year, genre_id, genre_name, count(*)::bigint as movie_count,
                avg(popularity) as avg_popularity
            from core.bridge_movie_genre join core.fct_movie using (movie_id)
            where release_year is not null
            group by release_year, genre_id, genre_name
            qualify row_number() over (partition by release_year order by avg(popularity) desc) = 1
            """
        )
    return path
