"""Money lines: yearly totals in constant dollars with a switch to nominal, and what the reader must know about
them (points resting on few movies, totals that include an amount the warehouse flags as implausible)."""

from collections import defaultdict
from collections.abc import Sequence

import plotly.graph_objects as go

from movies_pipeline.report.figures import THIN_MOVIE_COUNT, Point, Series, Unit, line_figure, money_axis
from movies_pipeline.report.warehouse import MONEY_KNOWN_PHRASE, ImplausibleAmount, Money

# How many implausible amounts a chart's note names before it says "and N more".
LISTED_FLAG_COUNT = 8


def money_series(
    found: Sequence[tuple], flags: dict[tuple[object, int], list[ImplausibleAmount]],
) -> tuple[list[Series], list[ImplausibleAmount]]:
    """Series from rows of (entity id, name, year, constant-dollar total, nominal total, movies with the amount
    known, movies), in the order their entities first appear, and the implausible amounts their points include."""
    by_entity: dict[object, Series] = {}
    included: dict[tuple, ImplausibleAmount] = {}
    for entity_id, name, year, constant, nominal, known_count, movie_count in found:
        one = by_entity.setdefault(entity_id, Series(name=name, points={}))
        one.points[year] = Point(
            values=(None if constant is None else float(constant), float(nominal)),
            movie_count=known_count,
            customdata=(None if constant is None else float(constant), float(nominal), known_count, movie_count),
            flags=tuple(amount.describe() for amount in flags.get((entity_id, year), [])),
        )
        included.update({amount.key(): amount for amount in flags.get((entity_id, year), [])})
    return list(by_entity.values()), sorted(included.values(), key=lambda amount: amount.key())


def money_figure(
    groups: Sequence[Sequence[Series]], money: Money, constant_year: int, group_labels: Sequence[str] = (),
) -> go.Figure:
    counted = (
        f"<br>%{{customdata[2]}} of %{{customdata[3]}} movies with {MONEY_KNOWN_PHRASE[money.name]}"
        "{note}<extra></extra>"
    )
    units = [
        Unit(
            label=f"US$ of {constant_year}",
            axis_title=f"Total {money.name} (US$ of {constant_year})",
            hovertemplate=(
                f"<b>%{{fullData.name}}</b>, %{{x}}<br>total {money.name}: $%{{customdata[0]:,.0f}} "
                f"in {constant_year} dollars (nominal $%{{customdata[1]:,.0f}})" + counted
            ),
        ),
        Unit(
            label="Nominal US$",
            axis_title=f"Total {money.name} (nominal US$)",
            hovertemplate=(
                f"<b>%{{fullData.name}}</b>, %{{x}}<br>total {money.name}: $%{{customdata[1]:,.0f}} nominal" + counted
            ),
        ),
    ]
    every_series = [one for group in groups for one in group]
    return line_figure(
        groups, units, money_axis(every_series), group_labels,
        unit_of_movies=f"movies with {MONEY_KNOWN_PHRASE[money.name]}",
    )


def money_notes(series: Sequence[Series], money: Money, amounts: Sequence[ImplausibleAmount]) -> tuple[str, ...]:
    """What a reader must know before trusting the lines: thin points, and the implausible amounts by rule."""
    points = [point for one in series for point in one.points.values()]
    thin = sum(point.movie_count < THIN_MOVIE_COUNT for point in points)
    notes = [
        f"{thin:,} of {len(points):,} points rest on fewer than {THIN_MOVIE_COUNT} movies with "
        f"{MONEY_KNOWN_PHRASE[money.name]}: they are drawn hollow. A break in a line is a year without one."
    ]
    if amounts:
        by_rule: dict[str, list[str]] = defaultdict(list)
        for amount in amounts:
            by_rule[amount.rule()].append(amount.describe(with_issue=False))
        listed = " ".join(
            f"{rule[:1].upper()}{rule[1:]}: {', '.join(named[:LISTED_FLAG_COUNT])}"
            + (f" and {len(named) - LISTED_FLAG_COUNT:,} more" if len(named) > LISTED_FLAG_COUNT else "")
            + "."
            for rule, named in by_rule.items()
        )
        flagged_points = sum(bool(point.flags) for point in points)
        notes.append(
            f"Ringed: {flagged_points:,} points include amounts that audit.movie_money_issues flags as implausible, "
            f"summed as the source gives them. {listed}"
        )
    return tuple(notes)
