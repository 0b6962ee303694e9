"""The report's figures on the warehouse built from the bundled sample, recomputed from the star schema in Python."""

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from movies_pipeline import report
from report_test_helpers import PROJECT_DIR


def cpi_by_year() -> dict[int, float]:
    with (PROJECT_DIR / "seeds" / "us_cpi_by_year.csv").open(newline="", encoding="utf-8") as seed_file:
        return {int(row["year"]): float(row["cpi_u_annual_average"]) for row in csv.DictReader(seed_file)}


def traces(chart: report.Chart, visible: bool) -> dict[str, dict[int, float]]:
    return {
        trace.name: dict(zip(trace.x, trace.y, strict=True))
        for trace in chart.figure.data
        if (trace.visible is not False) == visible
    }


@pytest.fixture(scope="module")
def sample(sample_warehouse: Path):
    with duckdb.connect(str(sample_warehouse), read_only=True) as connection:
        yield connection


def test_genre_revenue_chart_equals_sums_over_the_star_schema(sample) -> None:
    movies = sample.execute(
        """
        select link.genre_name, movie.release_year, movie.movie_id, movie.revenue
        from core.fct_movie as movie join core.bridge_movie_genre as link using (movie_id)
        where movie.release_year is not null and movie.revenue is not null
        """
    ).fetchall()
    nominal: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for genre_name, year, _, revenue in movies:
        nominal[genre_name][year] += revenue
    cpi = cpi_by_year()
    latest = max(cpi)
    constant = {
        genre_name: {year: float(total) * cpi[latest] / cpi[year] for year, total in years.items() if year in cpi}
        for genre_name, years in nominal.items()
    }

    chart = report.genre_money_chart(sample, report.REVENUE)

    assert traces(chart, visible=False) == {
        genre_name: {year: float(total) for year, total in years.items()} for genre_name, years in nominal.items()
    }
    shown = traces(chart, visible=True)
    assert shown.keys() == constant.keys()
    for genre_name, years in constant.items():
        assert shown[genre_name] == pytest.approx(years, abs=0.01), genre_name
    assert chart.movie_count == len({movie_id for _, _, movie_id, _ in movies})


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
    for company_name, company_id, year, _, budget in movies:
        constant_total[(company_name, company_id)] += float(budget) * cpi[latest] / cpi[year]
    top = sorted(constant_total, key=lambda company: (-constant_total[company], company[1]))[:report.TOP_COMPANY_COUNT]

    chart = report.company_money_chart(sample, report.BUDGET)

    assert set(traces(chart, visible=True)) == {company_name for company_name, _ in top}
    top_ids = {company_id for _, company_id in top}
    assert chart.movie_count == len({movie_id for _, company_id, _, movie_id, _ in movies if company_id in top_ids})
