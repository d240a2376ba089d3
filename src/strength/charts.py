"""Plotly figures of a plan: how the load builds and eases, week by week.

Pure functions from a Plan to a figure, so the app, a notebook or a test can
draw them. Colours read on light and dark backgrounds alike.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import plotly.graph_objects as go

from .plan import Plan, Prescription, Week
from .progression import PHASE_NAMES

RUN_COLOURS = {
    "rest": "#9aa5a0",
    "easy": "#6cae75",
    "long": "#3b7dd8",
    "hard": "#e0793a",
    "race": "#c2255c",
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
    "#e0793a",
    "#6cae75",
    "#b55fc4",
    "#d4a72c",
    "#3fa7a3",
    "#c2255c",
    "#7d8597",
    "#8c6d46",
    "#5c7cfa",
    "#f08c00",
)
DELOAD_SHADE = "rgba(128, 128, 128, 0.16)"
TAPER_SHADE = "rgba(59, 125, 216, 0.14)"


def _layout(figure: go.Figure, title: str, height: int) -> go.Figure:
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        height=height,
        margin={"l": 8, "r": 8, "t": 44, "b": 8},
        legend={"orientation": "h", "y": -0.18, "x": 0},
        hovermode="x unified",
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return figure


def _week_label(week: Week) -> str:
    return f"W{week.number}"


def _shade_weeks(figure: go.Figure, plan: Plan) -> None:
    """Deload and taper weeks as bands behind the bars, named once in the legend."""
    for week in plan.weeks:
        shade = TAPER_SHADE if week.taper else DELOAD_SHADE if week.deload else None
        if shade:
            figure.add_vrect(
                x0=week.number - 0.5,
                x1=week.number + 0.5,
                fillcolor=shade,
                line_width=0,
                layer="below",
            )
    for name, shade in (("deload week", DELOAD_SHADE), ("taper", TAPER_SHADE)):
        if any(w.deload if name == "deload week" else w.taper for w in plan.weeks):
            figure.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    name=name,
                    hoverinfo="skip",
                    marker={"size": 12, "symbol": "square", "color": shade},
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
                    name=plan.area_name(area),
                    marker_color=AREA_COLOURS[index % len(AREA_COLOURS)],
                    hovertemplate="%{y} min<extra>" + plan.area_name(area) + "</extra>",
                )
            )
    _shade_weeks(figure, plan)
    figure.update_layout(barmode="stack")
    figure.update_xaxes(title="week", dtick=1 if len(numbers) <= 26 else 2)
    figure.update_yaxes(title="minutes of work")
    return _layout(figure, "Weekly work by weak link", 340)


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
            marker_color="#d9480f",
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
        yaxis={"title": "strength minutes", "rangemode": "tozero"},
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
    figure.update_xaxes(title="week", dtick=1 if len(numbers) <= 26 else 2)
    return _layout(figure, "Strength minutes and running days", 320)


def exercises_in(plan: Plan) -> dict[str, str]:
    """Every exercise of the plan (not the daily doses), id to name, in order of first use."""
    return {i.id: i.name for w in plan.weeks for i in _strength_items(w)}


def dose_over_weeks(plan: Plan, exercise_id: str) -> go.Figure:
    """One exercise's weekly work, with each week's dose in words on hover."""
    numbers, work, words = [], [], []
    name = exercises_in(plan).get(exercise_id, exercise_id)
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
            line={"color": "#d9480f", "shape": "hv"},
            hovertemplate="%{y} min<br>%{customdata}<extra></extra>",
        )
    )
    _shade_weeks(figure, plan)
    figure.update_xaxes(title="week", dtick=1 if len(numbers) <= 26 else 2)
    figure.update_yaxes(title="minutes of work", rangemode="tozero")
    return _layout(figure, f"{name}: the dose week by week", 300)


def _week_word(week: Week) -> str:
    if week.race_week:
        return "race week"
    if week.heavy_legs:
        return "heavy legs"
    if week.deload:
        return "deload"
    return PHASE_NAMES[week.phase].split(" ")[0]


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
            tips[column] = f"{day.date:%a %d %b}: {RUN_WORDS[day.run]}"
        for session in week.sessions:
            column = (session.date - start).days % 7
            if session.kind == "daily":
                continue
            labels[column] = f"{session.minutes}′"
            tips[column] += f"<br>strength, {session.minutes} min ({session.kind})"
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
    figure.update_layout(hovermode="closest", showlegend=True)
    _layout(figure, "Numbers: minutes of strength that day", 96 + 26 * len(plan.weeks))
    figure.update_layout(
        title={"font": {"size": 12}, "y": 0.995, "yanchor": "top"},
        margin={"l": 8, "r": 8, "t": 52, "b": 8},
        legend={"orientation": "h", "y": -0.02, "yanchor": "top"},
    )
    return figure
