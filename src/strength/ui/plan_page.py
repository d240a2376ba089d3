"""The plan: a calendar of runs and strength, a card per session, charts, downloads.

The answers sit in the sidebar (the same URL-bound widgets as the Build page),
so a shared link opens straight onto the plan.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from .. import charts, exports
from ..errors import StrengthError
from ..plan import Plan, Prescription, Session, Week
from ..profile import profile_to_yaml
from ..progression import PHASE_NAMES
from .data import catalog_or_message, plan_for
from .inputs import HEAVY_KEY, profile_or_messages, runner_answers, show_problems

KIND_WORDS = {
    "long": "longer session",
    "short": "short session",
    "maintenance": "maintenance session",
    "daily": "daily rehab dose",
}
VIEWS = {"sessions": "Sessions", "charts": "Charts", "downloads": "Downloads"}
DOWNLOADS = (
    ("pdf", "Printable plan (PDF)", ":material/picture_as_pdf:"),
    ("ics", "Calendar (ICS)", ":material/calendar_month:"),
    ("csv", "Spreadsheet (CSV)", ":material/table:"),
    ("json", "Data (JSON)", ":material/data_object:"),
    ("md", "Text (Markdown)", ":material/description:"),
)
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+!|~$:-])")


def md(text: str) -> str:
    """Catalog text shown as text: Markdown and HTML characters escaped."""
    return _MARKDOWN.sub(r"\\\1", text)


def plan_key(plan: Plan) -> str:
    return plan.profile.model_dump_json()


@st.cache_resource(show_spinner=False, max_entries=32)
def figure(kind: str, key: str, _plan: Plan, exercise: str = "") -> go.Figure:
    """Figures built once per plan (and exercise): a rerun only sends them again."""
    if kind == "calendar":
        return charts.calendar(_plan)
    if kind == "volume":
        return charts.weekly_volume(_plan)
    if kind == "minutes":
        return charts.minutes_and_runs(_plan)
    return charts.dose_over_weeks(_plan, exercise)


def render() -> None:
    exercises = catalog_or_message(", so no plan can be built")
    if exercises is None:
        return
    with st.sidebar:
        st.header("Your answers")
        answers = runner_answers(exercises, compact=True)
    profile = profile_or_messages(answers)
    st.title("Your plan")
    if profile is None:
        st.info("Fix the answer marked in the sidebar to see your plan.", icon=":material/info:")
        return
    try:
        plan = plan_for(profile, exercises)
    except StrengthError as error:
        show_problems(answers, error)
        st.info("Fix the answer marked in the sidebar to see your plan.", icon=":material/info:")
        return
    _summary(plan)
    st.plotly_chart(
        figure("calendar", plan_key(plan), plan),
        config={"displayModeBar": False},
        key="calendar_chart",
    )
    view = st.segmented_control(
        "Show",
        list(VIEWS),
        default="sessions",
        format_func=VIEWS.__getitem__,
        key="view",
        bind="query-params",
    )
    if view == "charts":
        _charts(plan)
    elif view == "downloads":
        _downloads(plan)
    else:
        _sessions(plan)


def _summary(plan: Plan) -> None:
    profile = plan.profile
    goal = (
        f"Race on {profile.race:%a %d %b %Y}"
        if profile.race
        else f"{len(plan.weeks)} weeks of strength"
    )
    areas = ", ".join(plan.area_name(a) for a in profile.weaknesses)
    st.markdown(f"**{goal}**, from {profile.start:%a %d %b}. Working on: {md(areas)}.")
    for warning in plan.warnings:
        st.warning(md(warning), icon=":material/warning:")
    sessions = [s for s in plan.sessions() if s.kind != "daily"]
    columns = st.columns(4)
    columns[0].metric("Weeks", len(plan.weeks))
    columns[1].metric("Strength sessions", len(sessions))
    columns[2].metric("Deload weeks", sum(w.deload for w in plan.weeks))
    average = round(sum(s.minutes for s in sessions) / max(len(plan.weeks), 1))
    columns[3].metric("Minutes a week", average, help="Average, warm-up included.")


def _current_week(plan: Plan, today: dt.date) -> int:
    for week in plan.weeks:
        if week.start <= today < week.start + dt.timedelta(days=7):
            return week.number
    return 1


def _mark_heavy(week: int) -> None:
    chosen = list(st.session_state.get(HEAVY_KEY) or [])
    if week not in chosen:
        st.session_state[HEAVY_KEY] = sorted([*chosen, week])


def _sessions(plan: Plan) -> None:
    numbers = [week.number for week in plan.weeks]
    default = _current_week(plan, dt.date.today())
    chosen = st.select_slider(
        "Week",
        numbers,
        value=default,
        format_func=lambda n: f"Week {n}",
        key="week",
    )
    week = plan.weeks[numbers.index(chosen)]
    _week_header(week)
    if not week.heavy_legs and not week.race_week:
        st.button(
            "Heavy legs this week",
            icon=":material/airline_seat_legroom_reduced:",
            on_click=_mark_heavy,
            args=(week.number,),
            help="Makes this week a deload; the plan picks up afterwards where it was.",
        )
    if not week.sessions:
        st.info("No strength this week: rest and race well.", icon=":material/flag:")
    for session in week.sessions:
        _session_card(plan, session)


def _week_header(week: Week) -> None:
    marks = [PHASE_NAMES[week.phase]]
    if week.deload:
        marks.append("deload")
    if week.taper:
        marks.append("taper")
    if week.race_week:
        marks.append("race week")
    end = week.start + dt.timedelta(days=6)
    st.subheader(f"Week {week.number}: {week.start:%d %b} to {end:%d %b}")
    st.caption(f"{' · '.join(marks)}. {md(week.note)}")


def _session_card(plan: Plan, session: Session) -> None:
    with st.container(border=True, key=f"session-{session.date}-{session.kind}"):
        kind = KIND_WORDS.get(session.kind, session.kind)
        st.markdown(f"**{session.date:%A %d %b}** · {kind} · about {session.minutes} min")
        st.caption(md(session.reason))
        for item in session.exercises:
            _exercise(plan, item)


def _exercise(plan: Plan, item: Prescription) -> None:
    notes = plan.notes(item.id)
    dose = item.dose_text()
    tempo = f" · tempo {item.tempo}" if item.tempo else ""
    load = f" · {md(item.load)}" if item.load not in ("bodyweight",) else ""
    st.markdown(f"**{md(item.name)}**: {md(dose)}{tempo}{load}")
    lines: list[str] = []
    if item.protocol:
        lines.append(f"Protocol: {md(item.protocol)}")
    if notes is not None:
        lines += [f"• {md(cue)}" for cue in notes.cues[:3]]
        if notes.easier:
            lines.append(f"Bad day? Easier: {md(notes.easier)}.")
        if notes.harder:
            lines.append(f"Feels easy? Harder: {md(notes.harder)}.")
    if item.why:
        lines.append(f"*{md(item.why)}*")
    if lines:
        st.markdown("  \n".join(lines))


def _charts(plan: Plan) -> None:
    key = plan_key(plan)
    config: dict[str, Any] = {"displayModeBar": False}
    st.plotly_chart(figure("volume", key, plan), config=config, key="volume_chart")
    st.plotly_chart(figure("minutes", key, plan), config=config, key="minutes_chart")
    names = charts.exercises_in(plan)
    if names:
        chosen = st.selectbox(
            "Exercise to follow",
            list(names),
            format_func=names.__getitem__,
            key="exercise",
            bind="query-params",
        )
        if chosen:
            st.plotly_chart(figure("dose", key, plan, chosen), config=config, key="dose_chart")


def _file_name(plan: Plan, extension: str) -> str:
    return f"strength-plan-{plan.profile.start:%Y-%m-%d}.{extension}"


def _maker(plan: Plan, fmt: str) -> Callable[[], str | bytes]:
    """The file, made only when its button is clicked."""
    return lambda: exports.render(plan, fmt)


def _downloads(plan: Plan) -> None:
    st.caption("Each file is made when you click.")
    columns = st.columns(2)
    index = 0
    for fmt, label, icon in DOWNLOADS:
        if fmt not in exports.FORMATS:
            continue
        columns[index % 2].download_button(
            label,
            data=_maker(plan, fmt),
            file_name=_file_name(plan, fmt),
            mime=exports.MEDIA_TYPES[fmt],
            icon=icon,
            on_click="ignore",
            key=f"download_{fmt}",
            width="stretch",
        )
        index += 1
    columns[index % 2].download_button(
        "Your answers (YAML)",
        data=lambda: profile_to_yaml(plan.profile),
        file_name="runner-profile.yaml",
        mime="application/yaml",
        icon=":material/person:",
        on_click="ignore",
        key="download_profile",
        width="stretch",
    )
