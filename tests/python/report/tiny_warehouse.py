"""A six-movie warehouse with the contract's core and mart columns, small enough to check by hand.

movie  year  budget  revenue  popularity  companies  genres
1      2000  100     300      5.0         A, B       Drama, Comedy
2      2000  -       50       2.0         A          Drama
3      2001  200     100      8.0         B          Action
4      2001  10      -        1.0         C          Drama
5      -     1000    2000     9.0         A          Drama      (no release year: in no mart)
6      2001  -       -        3.0         A          Comedy

The marts (the report's own too: company_leaders, genre_movie_counts_by_year and the money
issues by company and by genre) are filled from these rows with plain SQL, following the contract's rules;
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

# The marts made for the report, from the rows above by the contract's rules: the leaders'
# movies are counted with a plain count(distinct) over the companies ranked so far.
COMPANY_LEADERS_SQL = """
create table marts.company_leaders as
with totals as (
    select 'budget' as ranked_by, company_id, sum(total_budget_real) as real_total, sum(total_budget) as total
    from marts.company_budget_by_year where total_budget is not null group by all
    union all
    select 'revenue', company_id, sum(total_revenue_real), sum(total_revenue)
    from marts.company_revenue_by_year where total_revenue is not null group by all
    union all
    select 'profit', company_id, sum(total_profit_real), sum(total_profit)
    from marts.company_profit_by_year where total_profit is not null group by all
    union all
    select 'releases', company_id, null, sum(movie_count) from marts.company_popularity_by_year group by all
    union all
    select 'genre_releases', company_id, null, sum(release_count)
    from marts.company_releases_by_genre_by_year group by all
),
ranked as (
    select *, row_number() over (
        partition by ranked_by order by real_total desc nulls last, total desc, company_id
    ) as company_rank
    from totals
),
counted_movies as (
    select ranked_by, movie_id
    from core.fct_movie,
        (values ('budget'), ('revenue'), ('profit'), ('releases'), ('genre_releases')) as rankings(ranked_by)
    where release_year is not null
        and case ranked_by when 'budget' then has_budget when 'revenue' then has_revenue
            when 'profit' then has_financials else true end
)
select leader.ranked_by, leader.company_rank::bigint as company_rank, leader.company_id,
    (select any_value(company_name) from core.bridge_movie_company as link
     where link.company_id = leader.company_id) as company_name,
    (select count(distinct link.movie_id)
     from ranked as better
     join core.bridge_movie_company as link using (company_id)
     join counted_movies using (ranked_by, movie_id)
     where better.ranked_by = leader.ranked_by and better.company_rank <= leader.company_rank
    )::bigint as leaders_movie_count
from ranked as leader
where leader.company_rank <= 8
"""

GENRE_MOVIE_COUNTS_SQL = """
create table marts.genre_movie_counts_by_year as
select release_year, count(*)::bigint as movie_count, count(budget)::bigint as movies_with_budget,
    count(revenue)::bigint as movies_with_revenue, count(profit)::bigint as movies_with_financials
from core.fct_movie
where release_year is not null and movie_id in (select movie_id from core.bridge_movie_genre)
group by release_year
"""

MONEY_ISSUES_BY_YEAR_SQL = [
    f"""
    create table audit.{entity}_money_issues_by_year as
    select link.{entity}_id, issue.release_year, issue.movie_id, issue.column_name, issue.title, issue.amount,
        issue.issue_code, issue.issue, movie.has_budget, movie.has_revenue, movie.has_financials
    from audit.movie_money_issues as issue
    join core.fct_movie as movie using (movie_id)
    join core.bridge_movie_{entity} as link using (movie_id)
    where issue.release_year is not null
    """
    for entity in ("company", "genre")
]


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
        for sql in (COMPANY_LEADERS_SQL, GENRE_MOVIE_COUNTS_SQL, *MONEY_ISSUES_BY_YEAR_SQL):
            connection.execute(sql)
    return path
