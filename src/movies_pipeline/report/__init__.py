"""Write the nine yearly answers as one self-contained HTML report that opens offline.

The report reads the nine marts and four small ones made for it (`marts.company_leaders` for the top companies
and the movies they rest on, `marts.genre_movie_counts_by_year` for the genre charts' movies, and the amounts to
distrust by company and by genre, `audit.company_money_issues_by_year` and `audit.genre_money_issues_by_year`)
from a built DuckDB warehouse, never a whole bridge table, and draws one Plotly chart per question. The Plotly JavaScript bundle is embedded once in the page, so the file needs no network.

    movies-pipeline report --warehouse warehouse/movies.duckdb --out report.html

Modules: `warehouse` (what is read), `figures` (how lines, colours and markers are drawn), `money` (money
lines and their notes), `company_charts` and `genre_charts` (the nine charts), `page` (the HTML), `command`
(the command line).
"""

from movies_pipeline.report.command import (
    DEFAULT_REPORT_PATH,
    DEFAULT_WAREHOUSE_PATH,
    add_arguments,
    build_charts,
    run,
    write_report,
)
from movies_pipeline.report.company_charts import (
    TOP_COMPANY_COUNT,
    company_money_chart,
    company_popularity_chart,
    company_releases_by_genre_chart,
)
from movies_pipeline.report.figures import Chart
from movies_pipeline.report.genre_charts import genre_money_chart, genre_most_popular_chart
from movies_pipeline.report.page import render_html
from movies_pipeline.report.warehouse import BUDGET, PROFIT, REVENUE, Money, dollar_year

__all__ = [
    "BUDGET",
    "DEFAULT_REPORT_PATH",
    "DEFAULT_WAREHOUSE_PATH",
    "PROFIT",
    "REVENUE",
    "TOP_COMPANY_COUNT",
    "Chart",
    "Money",
    "add_arguments",
    "build_charts",
    "company_money_chart",
    "company_popularity_chart",
    "company_releases_by_genre_chart",
    "dollar_year",
    "genre_money_chart",
    "genre_most_popular_chart",
    "render_html",
    "run",
    "write_report",
]
