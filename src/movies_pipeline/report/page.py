"""The report page: Plotly's script once in the head, the rules behind every figure, then one section per chart."""

import html
from collections.abc import Sequence
from datetime import datetime, timezone

from plotly.offline import get_plotlyjs

from movies_pipeline.report.figures import THIN_MOVIE_COUNT, Chart

PAGE_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px;
       padding: 0 24px 48px; color: #222; }
h1 { margin-bottom: 4px; }
.built { color: #555; margin-top: 0; }
section { border-top: 1px solid #ddd; margin-top: 28px; padding-top: 8px; }
.basis { color: #444; margin: 4px 0 4px; }
.note { color: #555; font-size: 0.92em; margin: 2px 0; }
.rules li { margin-bottom: 4px; }
"""


def _section(chart: Chart) -> str:
    notes = "\n".join(f'<p class="note">{html.escape(note)}</p>' for note in chart.notes)
    plot = chart.figure.to_html(
        full_html=False, include_plotlyjs=False, div_id=f"{chart.chart_id}-plot",
        config={"displaylogo": False, "responsive": True},
    )
    return f"""<section id="{chart.chart_id}">
<h2>{html.escape(chart.question)}</h2>
<p class="basis">Rests on <strong class="movie-count">{chart.movie_count:,}</strong> movies:
{html.escape(chart.basis)}. Hover a point for the movies behind it.</p>
{notes}
{plot}
</section>"""


def render_html(charts: Sequence[Chart], built_from: str, accepted_movie_count: int, constant_year: int) -> str:
    created_at = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    contents = "\n".join(
        f'<li><a href="#{chart.chart_id}">{html.escape(chart.question)}</a></li>' for chart in charts
    )
    sections = "\n".join(_section(chart) for chart in charts)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The Movies Dataset: nine yearly answers</title>
<style>{PAGE_STYLE}</style>
<script type="text/javascript">{get_plotlyjs()}</script>
</head>
<body>
<h1>The Movies Dataset: nine yearly answers</h1>
<p class="built">Built from <code>{html.escape(built_from)}</code> ({accepted_movie_count:,} accepted movies)
on {created_at}.</p>
<ul class="rules">
<li>Money is shown in constant US dollars of {constant_year} (CPI-U annual averages of the Bureau of Labor
Statistics); the buttons above each money chart switch to nominal dollars. Years before 1913 have no CPI-U index,
so they appear only in nominal dollars.</li>
<li>A budget or revenue of 0 or less means unknown: it is left out of the sums, and a year with no known amount has
no point: the line breaks there.</li>
<li>A hollow marker rests on fewer than {THIN_MOVIE_COUNT} movies: read it as an anecdote, not a trend. Every
point's hover says how many movies it rests on.</li>
<li>A ringed point includes a budget or revenue the warehouse flags as implausible (under $1,000, or a budget
beyond what any film has cost; listed in <code>audit.movie_money_issues</code>). It is summed as the source gives
it, as in the marts; the note above the chart names the movies.</li>
<li>Profit is revenue minus budget, summed over the movies with both known.</li>
<li>A co-produced movie counts in full for each of its companies and genres, so the lines overlap and do
not add up to a total.</li>
<li>Movies without a release year, and raw records rejected or superseded by the build, are in no chart.</li>
</ul>
<ol>
{contents}
</ol>
{sections}
</body>
</html>
"""
