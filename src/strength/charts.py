"""Plotly figures of a plan: how the load builds and eases, week by week.

Pure functions from a Plan to a figure, so the app, a notebook or a test can
draw them. Colours read on light and dark backgrounds alike.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from collections.abc import Sequence

import plotly.graph_objects as go

from .exports.sessions import kind_words
from .plan import PHASE_NAMES, Plan, Prescription, Week
from .words import day_words

# Every colour that draws data or a legend swatch sits in the middle of the luminance
# range, so it stands out by a contrast ratio of at least 3 against both the light and
# the dark page (#fbfaf7 and #161a18, .streamlit/config.toml); white text reads on it.
RUN_COLOURS = {
    "rest": "#808a85",
    "easy": "#2f8f4a",
    "long": "#3b7dd8",
    "hard": "#d0621e",
    "race": "#c9305f",
}
RUN_WORDS = {
    "rest": "Rest",
    "easy": "Easy run",
    "long": "Long run",
    "hard": "Hard run",
    "race": "Race",
}
AREA_COLOURS = (
    "#3b7dd8",
    "#d0621e",
    "#2f8f4a",
    "#a95fc0",
    "#a8861a",
    "#2b9490",
    "#d6336c",
    "#7d8597",
    "#9a7448",
    "#6b7bf0",
    "#c8700a",
)
STRENGTH_COLOUR = "#d9480f"
# Deload and taper weeks: faint bands behind the data, and in the legend a band-like
# swatch with a solid edge, so the swatch shows on a dark page too.
SHADES = {
    "deload week": ("rgba(128, 128, 128, 0.16)", "#808a85"),
    "taper": ("rgba(59, 125, 216, 0.16)", "#3b7dd8"),
}
# The calendar: a row a week, the day names above, the legend and its caption below
# (up to four lines on a phone), and never shorter than a readable single week.
CALENDAR_ROW = 28
CALENDAR_CHROME = 130
CALENDAR_MIN_HEIGHT = 220
# Pixels at the top of a weekly chart for its title, above the legend.
TITLE_SPACE = 34
# Plotly widens these to fit the tick labels, axis titles and legend.
MARGIN = {"l": 8, "r": 8, "t": 8, "b": 8, "autoexpand": True}


def _text(words: str) -> str:
    """A name from the catalog shown as text: plotly reads <b>, <a href> and entities."""
    return html.escape(words, quote=False)


def _layout(figure: go.Figure, title: str, height: int) -> go.Figure:
    """The title at the top, the legend under it and the plot under both: on a narrow
    phone the legend wraps onto more lines and pushes the plot down, never onto the
    title or an axis title (the week axis keeps the bottom to itself)."""
    figure.update_layout(
        height=height,
        margin={**MARGIN, "t": TITLE_SPACE + 8},  # the title, and half a tick label
        title={
            "text": title,
            "font": {"size": 15},
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 6, "l": 8},
        },
        showlegend=True,
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1 - TITLE_SPACE / height,
            "yref": "container",
            "yanchor": "top",
            "traceorder": "normal",
        },
        hovermode="x unified",
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return figure


def _week_axis(figure: go.Figure, numbers: list[int]) -> None:
    """Weeks along the bottom, from the first to the last and not beyond; a long plan
    names every other week (the deloads among them), so the numbers fit on a phone."""
    step = 1 if len(numbers) <= 12 else 2 if len(numbers) <= 26 else 4
    figure.update_xaxes(
        title="week",
        range=[0.5, len(numbers) + 0.5],
        tickmode="linear",
        tick0=step,
        dtick=step,
    )


def _minutes_axis(figure: go.Figure, title: str, values: Sequence[float]) -> None:
    """The left axis: minutes from zero; a plan without any says so, on whole minutes."""
    if any(values):
        figure.update_layout(yaxis={"title": title, "rangemode": "tozero"})
        return
    figure.update_layout(yaxis={"title": title, "range": [0, 10]})
    figure.add_annotation(
        text="no strength work in these weeks",
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
    )


def _shade_weeks(figure: go.Figure, plan: Plan) -> None:
    """Deload and taper weeks as bands behind the bars, named once in the legend."""
    for week in plan.weeks:
        name = "taper" if week.taper else "deload week" if week.deload else None
        if name:
            figure.add_vrect(
                x0=week.number - 0.5,
                x1=week.number + 0.5,
                fillcolor=SHADES[name][0],
                line_width=0,
                layer="below",
            )
    for name, (band, edge) in SHADES.items():
        if any(w.taper if name == "taper" else w.deload for w in plan.weeks):
            figure.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    name=name,
                    hoverinfo="skip",
                    marker={
                        "size": 12,
                        "symbol": "square",
                        "color": band,
                        "line": {"color": edge, "width": 2},
                    },
                )
            )


def _strength_items(week: Week) -> list[Prescription]:
    return [i for s in week.sessions if s.kind != "daily" for i in s.exercises]


def weekly_volume(plan: Plan) -> go.Figure:
    """Minutes of work per weakness each week, stacked; deloads and the taper shaded."""
    areas = list(
        dict.fromkeys(
            [
                *plan.profile.weaknesses,
                *(i.areas[0] for w in plan.weeks for i in _strength_items(w)),
            ]
        )
    )
    minutes: dict[str, list[float]] = {area: [] for area in areas}
    for week in plan.weeks:
        totals: dict[str, float] = defaultdict(float)
        for item in _strength_items(week):
            totals[item.areas[0]] += item.volume_seconds() / 60
        for area in areas:
            minutes[area].append(round(totals[area], 1))
    figure = go.Figure()
    numbers = [week.number for week in plan.weeks]
    for index, area in enumerate(areas):
        if any(minutes[area]):
            figure.add_trace(
                go.Bar(
                    x=numbers,
                    y=minutes[area],
                    name=_text(plan.area_name(area)),
                    marker_color=AREA_COLOURS[index % len(AREA_COLOURS)],
                    hovertemplate="%{y} min<extra>%{fullData.name}</extra>",
                )
            )
    _shade_weeks(figure, plan)
    figure.update_layout(barmode="stack")
    _week_axis(figure, numbers)
    weekly = [sum(week) for week in zip(*minutes.values(), strict=True)] if areas else []
    _minutes_axis(figure, "minutes of work", weekly)
    return _layout(figure, "Weekly work by weak link", 380)


def minutes_and_runs(plan: Plan) -> go.Figure:
    """Strength minutes each week beside the running days: strength stays the smaller part."""
    numbers = [week.number for week in plan.weeks]
    strength = [sum(s.minutes for s in w.sessions if s.kind != "daily") for w in plan.weeks]
    runs = [sum(day.run not in ("rest",) for day in w.days) for w in plan.weeks]
    hard = [sum(day.run in ("hard", "long", "race") for day in w.days) for w in plan.weeks]
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            x=numbers,
            y=strength,
            name="strength minutes",
            marker_color=STRENGTH_COLOUR,
            hovertemplate="%{y} min of strength<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=numbers,
            y=runs,
            name="run days",
            yaxis="y2",
            mode="lines+markers",
            line={"color": RUN_COLOURS["easy"]},
            hovertemplate="%{y} run days<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=numbers,
            y=hard,
            name="hard, long or race days",
            yaxis="y2",
            mode="lines+markers",
            line={"color": RUN_COLOURS["long"], "dash": "dot"},
            hovertemplate="%{y} key runs<extra></extra>",
        )
    )
    _shade_weeks(figure, plan)
    figure.update_layout(
        yaxis2={
            "title": "days",
            "overlaying": "y",
            "side": "right",
            "range": [0, 7.5],
            "dtick": 1,
            "tickmode": "linear",
            "showgrid": False,
        },
    )
    _week_axis(figure, numbers)
    _minutes_axis(figure, "strength minutes", strength)
    return _layout(figure, "Strength minutes and running days", 360)


def exercises_in(plan: Plan) -> dict[str, str]:
    """Every exercise of the plan (not the daily doses), id to name, in order of first use."""
    return {i.id: i.name for w in plan.weeks for i in _strength_items(w)}


def dose_over_weeks(plan: Plan, exercise_id: str) -> go.Figure:
    """One exercise's weekly work, with each week's dose in words on hover."""
    numbers, work, words = [], [], []
    name = _text(exercises_in(plan).get(exercise_id, exercise_id))
    for week in plan.weeks:
        items = [i for i in _strength_items(week) if i.id == exercise_id]
        numbers.append(week.number)
        work.append(round(sum(i.volume_seconds() for i in items) / 60, 1))
        words.append(
            f"{len(items)} session{'s' if len(items) != 1 else ''}: {items[0].dose_text()}"
            if items
            else "not this week"
        )
    figure = go.Figure(
        go.Scatter(
            x=numbers,
            y=work,
            mode="lines+markers",
            name=name,
            customdata=words,
            line={"color": STRENGTH_COLOUR, "shape": "hv"},
            hovertemplate="%{y} min<br>%{customdata}<extra></extra>",
        )
    )
    _shade_weeks(figure, plan)
    _week_axis(figure, numbers)
    _minutes_axis(figure, "minutes of work", work)
    return _layout(figure, f"{name}: the dose week by week", 340)


def _week_word(week: Week) -> str:
    if week.race_week:
        return "race week"
    if week.heavy_legs:
        return "heavy legs"
    if week.deload:
        return "deload"
    return PHASE_NAMES[week.phase].split(" ")[0]


def calendar_height(weeks: int) -> int:
    """Pixels for a calendar of `weeks` rows: a row a week, and room for a short plan."""
    return max(CALENDAR_MIN_HEIGHT, CALENDAR_CHROME + CALENDAR_ROW * weeks)


def calendar(plan: Plan) -> go.Figure:
    """Weeks down, days across: each day coloured by its run, strength sessions marked."""
    start = plan.profile.start
    columns = [f"{start + dt.timedelta(days=i):%a}" for i in range(7)]
    order = list(RUN_COLOURS)
    z: list[list[float | None]] = []
    text: list[list[str]] = []
    hover: list[list[str]] = []
    rows = []
    for week in plan.weeks:
        cells: list[float | None] = [None] * 7
        labels, tips = [""] * 7, [""] * 7
        for day in week.days:
            column = (day.date - start).days % 7
            cells[column] = order.index(day.run)
            tips[column] = f"{day_words(day.date)}: {RUN_WORDS[day.run]}"
        for session in week.sessions:
            column = (session.date - start).days % 7
            if session.kind == "daily":
                continue
            labels[column] = f"{session.minutes}′"
            tips[column] += f"<br>{kind_words(session)}, {session.minutes} min"
        rows.append(f"W{week.number} {_week_word(week)}")
        z.append(cells)
        text.append(labels)
        hover.append(tips)
    n = len(order) - 1
    scale = []
    for i, run in enumerate(order):
        scale += [[i / (n + 1), RUN_COLOURS[run]], [(i + 1) / (n + 1), RUN_COLOURS[run]]]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=rows,
            text=text,
            texttemplate="%{text}",
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=scale,
            zmin=-0.5,
            zmax=n + 0.5,
            showscale=False,
            showlegend=False,
            xgap=3,
            ygap=3,
            textfont={"color": "white", "size": 12},
        )
    )
    for run in order:
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=RUN_WORDS[run],
                marker={"size": 12, "symbol": "square", "color": RUN_COLOURS[run]},
            )
        )
    figure.update_yaxes(autorange="reversed", type="category", fixedrange=True)
    figure.update_xaxes(side="top", fixedrange=True, type="category")
    # The day names head the columns, so the legend goes below the weeks, with the
    # numbers explained above its swatches.
    figure.update_layout(
        height=calendar_height(len(plan.weeks)),
        margin=MARGIN,
        hovermode="closest",
        showlegend=True,
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": -0.01,
            "yanchor": "top",
            "title": {"text": "Numbers: minutes of strength that day", "side": "top"},
        },
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return figure
