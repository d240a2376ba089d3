"""The plan's charts as a runner reads them: on a phone, on a light or a dark page, and
for a race two days away.

The pages draw these figures with Streamlit's theme on the app's own backgrounds, read
here from .streamlit/config.toml, so a new theme colour is checked the day it lands."""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import plotly.graph_objects as go
import pytest
from plans import SHIPPED, plan_for

from strength import charts
from strength.catalog import Catalog, load_catalog
from strength.plan import Plan

ROOT = Path(__file__).resolve().parents[2]
THEME = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
BACKGROUNDS = {mode: THEME[mode]["backgroundColor"] for mode in ("light", "dark")}
ENOUGH_CONTRAST = 3.0  # WCAG's ratio for graphics and large text
FIGURES: dict[str, Callable[[Plan], go.Figure]] = {
    "calendar": charts.calendar,
    "weekly volume": charts.weekly_volume,
    "minutes and runs": charts.minutes_and_runs,
    "dose": lambda plan: charts.dose_over_weeks(plan, next(iter(charts.exercises_in(plan)))),
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(SHIPPED)


@pytest.fixture(scope="module")
def marathon(catalog: Catalog) -> Plan:
    """20 weeks to a race: deloads and a taper to shade."""
    return plan_for(catalog, weeks=None, race="2027-05-23")


@pytest.fixture(scope="module")
def race_in_two_days(catalog: Catalog) -> Plan:
    """Start on a Monday, race on the Wednesday: one week, no strength session."""
    plan = plan_for(catalog, weeks=None, start="2027-01-04", race="2027-01-06")
    assert len(plan.weeks) == 1 and not [s for s in plan.sessions() if s.kind != "daily"]
    return plan


# Colours as a reader's eye meets them -------------------------------------------------


def _rgba(colour: str) -> tuple[float, float, float, float]:
    if colour.startswith("#"):
        return (*(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)), 1.0)
    parts = [float(p) for p in colour[colour.index("(") + 1 : -1].split(",")]
    return parts[0] / 255, parts[1] / 255, parts[2] / 255, parts[3] if len(parts) == 4 else 1.0


def _over(colour: str, background: str) -> tuple[float, float, float]:
    r, g, b, alpha = _rgba(colour)
    under = _rgba(background)
    return tuple(alpha * c + (1 - alpha) * u for c, u in zip((r, g, b), under, strict=False))


def _luminance(rgb: tuple[float, float, float]) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour: str, background: str) -> float:
    lighter, darker = sorted(
        (_luminance(_over(colour, background)), _luminance(_over(background, background))),
        reverse=True,
    )
    return (lighter + 0.05) / (darker + 0.05)


def _swatch_colours(trace: go.Scatter | go.Bar) -> list[str]:
    """What draws a legend entry: its fill, its edge, its line."""
    drawn = [trace.marker.color, trace.marker.line.color if trace.marker.line else None]
    if isinstance(trace, go.Scatter) and "lines" in (trace.mode or ""):
        drawn.append(trace.line.color)
    return [colour for colour in drawn if isinstance(colour, str)]


def _legend_entries(figure: go.Figure) -> Iterator[go.Scatter | go.Bar]:
    for trace in figure.data:
        if trace.showlegend is not False and isinstance(trace, go.Scatter | go.Bar):
            yield trace


def test_the_contrast_measure_can_tell_a_faint_swatch_from_a_clear_one() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("rgba(128, 128, 128, 0.16)", BACKGROUNDS["dark"]) < ENOUGH_CONTRAST


@pytest.mark.parametrize("mode", list(BACKGROUNDS))
@pytest.mark.parametrize("name", list(FIGURES))
def test_every_legend_swatch_shows_on_the_light_and_the_dark_page(
    marathon: Plan, name: str, mode: str
) -> None:
    background = BACKGROUNDS[mode]
    entries = list(_legend_entries(FIGURES[name](marathon)))
    assert entries
    faint = {
        trace.name: _swatch_colours(trace)
        for trace in entries
        if max((contrast(c, background) for c in _swatch_colours(trace)), default=0)
        < ENOUGH_CONTRAST
    }
    assert faint == {}, f"on the {mode} page ({background})"


@pytest.mark.parametrize("mode", list(BACKGROUNDS))
def test_every_run_colour_of_the_calendar_shows_on_the_page_and_under_white_numbers(
    marathon: Plan, mode: str
) -> None:
    heatmap = charts.calendar(marathon).data[0]
    colours = {colour for _, colour in heatmap.colorscale}
    assert colours == set(charts.RUN_COLOURS.values())
    assert heatmap.textfont.color == "white"
    for colour in colours:
        assert contrast(colour, BACKGROUNDS[mode]) >= ENOUGH_CONTRAST, colour
        assert contrast("#ffffff", colour) >= ENOUGH_CONTRAST, colour


# Where the legend goes ---------------------------------------------------------------


def _legend_side(figure: go.Figure) -> str:
    """'above' or 'below' the plot area, or 'in the plot' when it could land on it."""
    legend = figure.layout.legend
    if legend.orientation != "h":
        return "in the plot"
    if legend.yref == "container" and legend.yanchor == "top" and legend.y > 0.5:
        return "above"  # pushed in from the top: the plot starts below it
    if legend.yref in (None, "paper") and legend.yanchor == "bottom" and legend.y >= 1:
        return "above"
    if legend.yref in (None, "paper") and legend.yanchor == "top" and legend.y <= 0:
        return "below"
    return "in the plot"


def _axis_title_sides(figure: go.Figure) -> set[str]:
    """Where the week axis writes its title and tick labels: 'above' or 'below'."""
    axis = figure.layout.xaxis
    return {"above" if axis.side == "top" else "below"}


@pytest.mark.parametrize("name", list(FIGURES))
def test_the_legend_keeps_clear_of_the_axis_title_on_a_phone(marathon: Plan, name: str) -> None:
    figure = FIGURES[name](marathon)
    side = _legend_side(figure)
    assert side in ("above", "below"), "a wrapped legend would land on the plot"
    assert side not in _axis_title_sides(figure)
    assert figure.layout.margin.autoexpand is not False, "the plot must make room for it"


@pytest.mark.parametrize("name", [name for name in FIGURES if name != "calendar"])
def test_the_chart_title_sits_above_the_legend_with_room_for_a_line(
    marathon: Plan, name: str
) -> None:
    figure = FIGURES[name](marathon)
    title, legend, height = figure.layout.title, figure.layout.legend, figure.layout.height
    assert (title.yref, title.yanchor, title.y) == ("container", "top", 1)
    assert (1 - legend.y) * height >= title.pad.t + 1.5 * title.font.size


def test_a_legend_under_the_plot_is_where_the_old_axis_title_was() -> None:
    """The checks above can fail: the old layout, a legend just under the week axis."""
    figure = go.Figure(layout={"legend": {"orientation": "h", "y": -0.18, "x": 0}})
    figure.update_xaxes(title="week")
    assert _legend_side(figure) == "in the plot"


# Short plans -------------------------------------------------------------------------


def test_a_race_two_days_away_gets_a_calendar_tall_enough_to_read(
    race_in_two_days: Plan,
) -> None:
    figure = charts.calendar(race_in_two_days)
    assert figure.layout.height >= 200  # day names, a row, and a legend wrapped on a phone
    assert [len(row) for row in figure.data[0].z] == [7]


def test_a_long_calendar_gives_every_week_a_row_of_its_own(catalog: Catalog) -> None:
    plan = plan_for(catalog, weeks=52)
    figure = charts.calendar(plan)
    assert figure.layout.height >= 24 * len(plan.weeks) + 100


@pytest.mark.parametrize("name", [name for name in FIGURES if name != "calendar"])
def test_a_week_without_strength_is_drawn_and_says_so(race_in_two_days: Plan, name: str) -> None:
    plan = race_in_two_days
    figure = FIGURES[name](plan) if name != "dose" else charts.dose_over_weeks(plan, "nordic")
    assert list(figure.layout.xaxis.range) == [0.5, 1.5]
    assert [a.text for a in figure.layout.annotations] == ["no strength work in these weeks"]


def test_a_name_from_the_catalog_is_shown_as_text(marathon: Plan) -> None:
    area = marathon.profile.weaknesses[0]
    renamed = dataclasses.replace(marathon, area_names=((area, "<a href='x'>Hams</a>"),))
    names = [trace.name for trace in charts.weekly_volume(renamed).data]
    assert "&lt;a href='x'&gt;Hams&lt;/a&gt;" in names
