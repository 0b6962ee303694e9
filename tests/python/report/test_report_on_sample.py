"""The report's figures on the warehouse built from the bundled sample, recomputed from the star schema in Python.

The implausible amounts are recomputed here from fct_movie and the CPI seed with the rule docs/modeling.md states
(under $1,000; a budget over $800M in dollars of the seed's latest year), not read from the audit model.
"""

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from movies_pipeline import report
from movies_pipeline.report.figures import FLAG_TRACE_NAME, MAX_SERIES, THIN_MOVIE_COUNT
from report_test_helpers import PROJECT_DIR

MINIMUM_AMOUNT = 1_000
MAXIMUM_BUDGET_REAL = 800_000_000


def cpi_by_year() -> dict[int, float]:
    with (PROJECT_DIR / "seeds" / "us_cpi_by_year.csv").open(newline="", encoding="utf-8") as seed_file:
        return {int(row["year"]): float(row["cpi_u_annual_average"]) for row in csv.DictReader(seed_file)}


def data_traces(chart: report.Chart) -> list:
    return [trace for trace in chart.figure.data if trace.name != FLAG_TRACE_NAME]


def amounts(chart: report.Chart, unit: int) -> dict[str, dict[int, float]]:
    """{series: {year: exact amount}} of every series (shown or behind the menu); unit 0 constant, 1 nominal."""
    return {
        trace.name: {year: data[unit] for year, data in zip(trace.x, trace.customdata, strict=True)
                     if data[unit] is not None}
        for trace in data_traces(chart)
    }


def ringed(chart: report.Chart) -> set[tuple[str, int]]:
    return {(name, year) for trace in chart.figure.data if trace.name == FLAG_TRACE_NAME
            for name, year in zip(trace.text, trace.x, strict=True)}


def implausible(movie: tuple, cpi: dict[int, float]) -> set[str]:
    """Which of a (year, budget, revenue) movie's amounts break the documented rule."""
    year, budget, revenue = movie
    broken = {column for column, amount in (("budget", budget), ("revenue", revenue))
              if amount is not None and amount < MINIMUM_AMOUNT}
    if budget is not None and year in cpi and float(budget) * cpi[max(cpi)] / cpi[year] > MAXIMUM_BUDGET_REAL:
        broken.add("budget")
    return broken


@pytest.fixture(scope="module")
def sample(sample_warehouse: Path):
    with duckdb.connect(str(sample_warehouse), read_only=True) as connection:
        yield connection


@pytest.fixture(scope="module")
def genre_movies(sample) -> list[tuple]:
    """(genre, year, movie id, budget, revenue) of every movie with a genre and a release year."""
    return sample.execute(
        """
        select link.genre_name, movie.release_year, movie.movie_id, movie.budget, movie.revenue
        from core.fct_movie as movie join core.bridge_movie_genre as link using (movie_id)
        where movie.release_year is not null
        """
    ).fetchall()


def test_genre_revenue_chart_equals_sums_over_the_star_schema(sample, genre_movies) -> None:
    nominal: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for genre_name, year, _, _, revenue in genre_movies:
        if revenue is not None:
            nominal[genre_name][year] += revenue
    cpi = cpi_by_year()
    latest = max(cpi)
    constant = {
        genre_name: {year: float(total) * cpi[latest] / cpi[year] for year, total in years.items() if year in cpi}
        for genre_name, years in nominal.items()
    }

    chart = report.genre_money_chart(sample, report.REVENUE)

    assert amounts(chart, unit=1) == {
        genre_name: {year: float(total) for year, total in years.items()} for genre_name, years in nominal.items()
    }
    shown = amounts(chart, unit=0)
    assert shown.keys() == constant.keys()
    for genre_name, years in constant.items():
        assert shown[genre_name] == pytest.approx(years, abs=0.01), genre_name
    assert chart.movie_count == len({movie_id for _, _, movie_id, _, revenue in genre_movies if revenue is not None})


def test_genre_budget_chart_breaks_lines_at_years_without_a_known_budget(sample, genre_movies) -> None:
    known_years: dict[str, set[int]] = defaultdict(set)
    for genre_name, year, _, budget, _ in genre_movies:
        if budget is not None:
            known_years[genre_name].add(year)
    every_year = set().union(*known_years.values())
    span = list(range(min(every_year), max(every_year) + 1))

    chart = report.genre_money_chart(sample, report.BUDGET)

    assert len(data_traces(chart)) == len(known_years) > MAX_SERIES  # the sample has more genres than colours
    for trace in data_traces(chart):
        assert list(trace.x) == span
        gaps = {year for year, data in zip(trace.x, trace.customdata, strict=True) if data[1] is None}
        assert gaps == set(span) - known_years[trace.name], trace.name
        assert gaps  # every genre of the sample misses some year
    for menu_choice in chart.figure.layout.updatemenus[1].buttons:
        shown = [trace for trace, visible in zip(chart.figure.data, menu_choice.args[0]["visible"], strict=True)
                 if visible and trace.name != FLAG_TRACE_NAME]
        assert 0 < len(shown) <= MAX_SERIES
        assert len({trace.line.color for trace in shown}) == len(shown)


def test_genre_budget_chart_rings_every_point_with_an_implausible_budget(sample, genre_movies) -> None:
    cpi = cpi_by_year()
    expected = {(genre_name, year) for genre_name, year, _, budget, revenue in genre_movies
                if "budget" in implausible((year, budget, revenue), cpi)}
    assert expected  # the sample has some: Metropolis, a $4 budget, ...

    chart = report.genre_money_chart(sample, report.BUDGET)

    assert ringed(chart) == expected
    assert any("Metropolis (1927) budget $92,620,000" in note for note in chart.notes)


def test_company_profit_chart_rings_profits_resting_on_an_implausible_amount(sample) -> None:
    movies = sample.execute(
        """
        select link.company_name, movie.release_year, movie.budget, movie.revenue
        from core.fct_movie as movie join core.bridge_movie_company as link using (movie_id)
        where movie.release_year is not null and movie.has_financials
        """
    ).fetchall()
    cpi = cpi_by_year()

    chart = report.company_money_chart(sample, report.PROFIT)

    shown = {trace.name for trace in data_traces(chart)}
    expected = {(company_name, year) for company_name, year, budget, revenue in movies
                if company_name in shown and implausible((year, budget, revenue), cpi)}
    assert ringed(chart) == expected


def test_company_budget_chart_shows_the_eight_companies_with_most_constant_dollar_budget(sample) -> None:
    movies = sample.execute(
        """
        select link.company_name, link.company_id, movie.release_year, movie.movie_id, movie.budget
        from core.fct_movie as movie join core.bridge_movie_company as link using (movie_id)
        where movie.release_year is not null and movie.budget is not null
        """
    ).fetchall()
    cpi = cpi_by_year()
    latest = max(cpi)
    constant_total: dict[tuple[str, int], float] = defaultdict(float)
    known: dict[tuple[str, int], int] = defaultdict(int)
    for company_name, company_id, year, _, budget in movies:
        constant_total[(company_name, company_id)] += float(budget) * cpi[latest] / cpi[year]
        known[(company_name, year)] += 1
    top = sorted(constant_total, key=lambda company: (-constant_total[company], company[1]))[:report.TOP_COMPANY_COUNT]

    chart = report.company_money_chart(sample, report.BUDGET)

    assert [trace.name for trace in data_traces(chart)] == [company_name for company_name, _ in top]
    assert len({trace.line.color for trace in data_traces(chart)}) == len(top)
    top_ids = {company_id for _, company_id in top}
    assert chart.movie_count == len({movie_id for _, company_id, _, movie_id, _ in movies if company_id in top_ids})
    for trace in data_traces(chart):
        hollow = {year for year, symbol in zip(trace.x, trace.marker.symbol, strict=True) if symbol == "circle-open"}
        assert hollow == {year for year in trace.x if 0 < known[(trace.name, year)] < THIN_MOVIE_COUNT}, trace.name


def test_most_popular_genre_timeline_hollows_years_won_on_few_movies(sample) -> None:
    winners = sample.execute(
        """
        with counted as (
            select movie.release_year, link.genre_name, count(*) as movie_count, avg(movie.popularity) as popularity
            from core.fct_movie as movie join core.bridge_movie_genre as link using (movie_id)
            where movie.release_year is not null
            group by all
        )
        select release_year, arg_max(movie_count, (popularity, movie_count, genre_name)) from counted group by all
        """
    ).fetchall()

    chart = report.genre_most_popular_chart(sample)

    (trace,) = chart.figure.data
    hollow = {year for year, symbol in zip(trace.x, trace.marker.symbol, strict=True) if symbol == "square-open"}
    assert hollow == {year for year, movie_count in winners if movie_count < THIN_MOVIE_COUNT}
    assert {year for year in hollow if year >= 2000} == {year for year, _ in winners if year >= 2000}


def known_money(name: str, budget: Decimal | None, revenue: Decimal | None) -> Decimal | None:
    """A movie's budget, revenue or profit (revenue - budget, both known); None when unknown."""
    if name == "budget":
        return budget
    if name == "revenue":
        return revenue
    return None if budget is None or revenue is None else revenue - budget


def test_company_charts_rest_on_the_distinct_movies_of_their_leading_companies(sample) -> None:
    """The five company rankings, and the distinct movies each chart rests on, from the star schema: a movie
    co-produced by two of the leaders counts once."""
    links = sample.execute(
        """
        select link.company_id, link.company_name, movie.movie_id, movie.release_year, movie.budget, movie.revenue
        from core.fct_movie as movie join core.bridge_movie_company as link using (movie_id)
        where movie.release_year is not null
        """
    ).fetchall()
    genre_links = dict(sample.execute("select movie_id, count(*) from core.bridge_movie_genre group by all").fetchall())
    names = {company_id: company_name for company_id, company_name, *_ in links}
    cpi = cpi_by_year()
    latest = max(cpi)

    def money_leaders(name: str) -> list[int]:
        nominal: dict[int, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        for company_id, _, _, year, budget, revenue in links:
            amount = known_money(name, budget, revenue)
            if amount is not None:
                nominal[company_id][year] += amount
        def order(company_id: int) -> tuple:
            years = nominal[company_id]
            constant = [round(float(total) * cpi[latest] / cpi[year], 2) for year, total in years.items() if year in cpi]
            return (not constant, -sum(constant), -sum(years.values()), company_id)
        return sorted(nominal, key=order)[:report.TOP_COMPANY_COUNT]

    def count_leaders(weight) -> list[int]:
        counts: dict[int, int] = defaultdict(int)
        for company_id, _, movie_id, *_ in links:
            counts[company_id] += weight(movie_id)
        ranked = sorted((company_id for company_id, count in counts.items() if count), key=lambda c: (-counts[c], c))
        return ranked[:report.TOP_COMPANY_COUNT]

    def movies_of(leaders: list[int], money_name: str | None = None) -> int:
        return len({movie_id for company_id, _, movie_id, _, budget, revenue in links if company_id in leaders
                    and (money_name is None or known_money(money_name, budget, revenue) is not None)})

    for money in (report.BUDGET, report.REVENUE, report.PROFIT):
        leaders = money_leaders(money.name)
        chart = report.company_money_chart(sample, money)
        assert [trace.name for trace in data_traces(chart)] == [names[company_id] for company_id in leaders]
        assert chart.movie_count == movies_of(leaders, money.name), money.name
    busiest = count_leaders(lambda movie_id: 1)
    popularity = report.company_popularity_chart(sample)
    assert [trace.name for trace in data_traces(popularity)] == [names[company_id] for company_id in busiest]
    assert popularity.movie_count == movies_of(busiest)
    releasing = count_leaders(lambda movie_id: genre_links.get(movie_id, 0))
    releases = report.company_releases_by_genre_chart(sample)
    menu = releases.figure.layout.updatemenus[0]
    assert [button.label for button in menu.buttons] == [names[company_id] for company_id in releasing]
    assert releases.movie_count == movies_of(releasing)
    # Co-productions among the leaders make the counts smaller than the sums of each company's movies.
    assert popularity.movie_count < sum(movies_of([company_id]) for company_id in busiest)


def test_genre_charts_rest_on_each_movie_with_a_genre_once(sample, genre_movies) -> None:
    movies = {movie_id: (budget, revenue) for _, _, movie_id, budget, revenue in genre_movies}
    for money in (report.BUDGET, report.REVENUE, report.PROFIT):
        expected = sum(known_money(money.name, *amounts) is not None for amounts in movies.values())
        assert report.genre_money_chart(sample, money).movie_count == expected, money.name
    assert report.genre_most_popular_chart(sample).movie_count == len(movies)
    assert len(movies) < len(genre_movies)  # movies with several genres count once
