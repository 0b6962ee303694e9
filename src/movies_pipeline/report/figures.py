"""How the report draws: a few distinct colours, a break in a line where a year has no data, hollow markers for
points resting on few movies, rings around points that include an implausible amount, and money ticks like -$2B."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go

# Eight colours of Tableau 10 that stay apart on white (its pink and grey are left out): no chart shows more
# series at once, so no two visible series share a colour.
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#9c755f")
MAX_SERIES = len(PALETTE)
OTHER_COLOUR = "#bab0ac"
# A point resting on fewer movies than this is drawn hollow and says so on hover.
THIN_MOVIE_COUNT = 5
FLAG_TRACE_NAME = "includes an implausible amount"
FLAG_COLOUR = "#222222"


@dataclass(frozen=True)
class Chart:
    """One answered question: its figure, the number of distinct movies it rests on, and notes for the reader."""

    chart_id: str
    question: str
    figure: go.Figure
    movie_count: int
    basis: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Point:
    """One year of one series: a value per unit (constant and nominal dollars, or one value), hover data,
    the number of movies it rests on, and the implausible amounts it includes."""

    values: tuple[float | None, ...]
    movie_count: int
    customdata: tuple[object, ...]
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Series:
    name: str
    points: dict[int, Point]


@dataclass(frozen=True)
class Unit:
    """One way to read the values: a button label, an axis title and a hover template.

    The template may use `{note}` for the point's remarks (few movies, implausible amounts).
    """

    label: str
    axis_title: str
    hovertemplate: str


@dataclass(frozen=True)
class Axis:
    """The y axis: values are divided by `scale` and ticks read `tickformat` + `ticksuffix`."""

    scale: float = 1.0
    tickformat: str = ""
    ticksuffix: str = ""


@dataclass
class _Traces:
    data: list[go.Scatter] = field(default_factory=list)
    group_of: list[int] = field(default_factory=list)
    y_by_unit: list[list[list[float | None]]] = field(default_factory=list)
    hovertemplate_by_unit: list[list[str]] = field(default_factory=list)


def year_span(years: Iterable[int]) -> list[int]:
    """Every year from the first to the last: the x of every trace, so that a year without data is a None that
    breaks the line (or leaves a bar out) instead of a segment drawn across it."""
    known = list(years)
    return list(range(min(known), max(known) + 1)) if known else []


def money_axis(series: Sequence[Series]) -> Axis:
    """Money ticks in billions, millions or thousands, whichever the largest amount needs: `-$2B`, `$500M`."""
    largest = max((abs(value) for one in series for point in one.points.values()
                   for value in point.values if value is not None), default=0.0)
    scale, suffix = (1e9, "B") if largest >= 1e9 else (1e6, "M") if largest >= 1e6 else (1e3, "k")
    # d3's "$" puts the sign first (-$2B, not $-2B); "~g" drops trailing zeros.
    return Axis(scale=scale, tickformat="$,~g", ticksuffix=suffix)


def _note(point: Point, unit_of_movies: str) -> str:
    remarks = []
    if point.movie_count < THIN_MOVIE_COUNT:
        remarks.append(f"<i>rests on fewer than {THIN_MOVIE_COUNT} {unit_of_movies}</i>")
    remarks += [f"<b>implausible</b>: {flag}" for flag in point.flags]
    return "".join(f"<br>{remark}" for remark in remarks)


def line_figure(
    groups: Sequence[Sequence[Series]],
    units: Sequence[Unit],
    axis: Axis,
    group_labels: Sequence[str] = (),
    unit_of_movies: str = "movies",
) -> go.Figure:
    """Lines with markers, one colour per series of a group (at most MAX_SERIES), the first group shown.

    Buttons switch between `units` (they replace every trace's y, so they combine with the group menu, which
    only changes which traces are visible); a menu picks the group when there is more than one. Each group
    has one more trace, FLAG_TRACE_NAME, ringing the points that include an implausible amount.
    """
    years = year_span(year for group in groups for one in group for year in one.points)
    traces = _Traces()
    for group_index, group in enumerate(groups):
        if len(group) > MAX_SERIES:
            raise ValueError(f"{len(group)} series in one group; at most {MAX_SERIES} have distinct colours")
        flagged: list[tuple[int, Series]] = []
        for colour, one in zip(PALETTE, group, strict=False):
            points = [one.points.get(year) for year in years]
            width = max((len(point.customdata) for point in points if point), default=0)
            customdata = [
                [*point.customdata, _note(point, unit_of_movies)] if point else [None] * (width + 1)
                for point in points
            ]
            note = f"%{{customdata[{width}]}}"
            traces.data.append(go.Scatter(
                name=one.name,
                mode="lines+markers",
                line={"color": colour, "width": 2},
                marker={
                    "color": colour,
                    "size": 7,
                    "symbol": [
                        "circle-open" if point and point.movie_count < THIN_MOVIE_COUNT else "circle"
                        for point in points
                    ],
                    "line": {"width": 1.5, "color": colour},
                },
                connectgaps=False,
                visible=group_index == 0,
                x=years,
                customdata=customdata,
                hovertemplate=units[0].hovertemplate.replace("{note}", note),
            ))
            traces.group_of.append(group_index)
            traces.hovertemplate_by_unit.append([unit.hovertemplate.replace("{note}", note) for unit in units])
            traces.y_by_unit.append([
                [_scaled(point.values[unit_index], axis) if point else None for point in points]
                for unit_index in range(len(units))
            ])
            flagged += [(year, one) for year in years if one.points.get(year) and one.points[year].flags]
        if flagged:
            traces.data.append(go.Scatter(
                name=FLAG_TRACE_NAME,
                mode="markers",
                marker={"symbol": "circle-open", "size": 17, "color": FLAG_COLOUR, "line": {"width": 2}},
                hoverinfo="skip",
                visible=group_index == 0,
                x=[year for year, _ in flagged],
                text=[one.name for _, one in flagged],
            ))
            traces.group_of.append(group_index)
            traces.hovertemplate_by_unit.append([""] * len(units))
            traces.y_by_unit.append([
                [_scaled(one.points[year].values[unit_index], axis) for year, one in flagged]
                for unit_index in range(len(units))
            ])
    figure = go.Figure()
    for trace, y_by_unit in zip(traces.data, traces.y_by_unit, strict=True):
        trace.y = y_by_unit[0]
        figure.add_trace(trace)
    layout(figure, {"title": {"text": units[0].axis_title}, "tickformat": axis.tickformat,
                    "ticksuffix": axis.ticksuffix, "zeroline": True, "zerolinecolor": "#888"})
    menus = []
    if len(units) > 1:
        menus.append(_unit_buttons(traces, units))
    if len(groups) > 1:
        menus.append(_group_menu(traces, group_labels))
    if menus:
        figure.update_layout(updatemenus=menus, margin={"t": 60})
    return figure


def _scaled(value: float | None, axis: Axis) -> float | None:
    return None if value is None else float(value) / axis.scale


def _unit_buttons(traces: _Traces, units: Sequence[Unit]) -> dict:
    return {
        "type": "buttons",
        "direction": "right",
        "x": 0,
        "xanchor": "left",
        "y": 1.15,
        "yanchor": "top",
        "buttons": [
            {
                "label": unit.label,
                "method": "update",
                "args": [
                    {
                        "y": [y_by_unit[unit_index] for y_by_unit in traces.y_by_unit],
                        "hovertemplate": [templates[unit_index] for templates in traces.hovertemplate_by_unit],
                    },
                    {"yaxis.title.text": unit.axis_title},
                ],
            }
            for unit_index, unit in enumerate(units)
        ],
    }


def _group_menu(traces: _Traces, group_labels: Sequence[str]) -> dict:
    return {
        "type": "dropdown",
        "direction": "down",
        "x": 1,
        "xanchor": "right",
        "y": 1.15,
        "yanchor": "top",
        "buttons": [
            {
                "label": label,
                "method": "restyle",
                "args": [{"visible": [group == group_index for group in traces.group_of]}],
            }
            for group_index, label in enumerate(group_labels)
        ],
    }


def layout(figure: go.Figure, y_axis: dict, x_title: str = "Release year") -> go.Figure:
    figure.update_layout(
        template="plotly_white",
        height=460,
        margin={"l": 80, "r": 20, "t": 30, "b": 50},
        hovermode="closest",
        legend={"title": {"text": ""}},
        xaxis={"title": {"text": x_title}, "tickformat": "d"},
        yaxis=y_axis,
    )
    return figure
