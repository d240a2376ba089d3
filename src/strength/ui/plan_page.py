"""The plan: a calendar of runs and strength, a card per session, charts, downloads.

The answers sit in the sidebar (the same URL-bound widgets as the Build page),
so a shared link opens straight onto the plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from .. import charts, exports
from ..errors import StrengthError
from ..explain import after_race, minutes_note, too_close_to_race
from ..exports import sessions
from ..plan import AfterRace, Plan, Prescription, Session, Week
from ..planning.after_race import NEXT_BLOCK_WEEKS
from ..profile import profile_to_yaml
from ..words import date_words, day_words, rest_in_words, tempo_in_words
from . import data
from .answers import HEAVY_KEY, answer_table, week_words
from .inputs import link_problems, profile_or_messages, runner_answers, show_problems
from .text import md

PAPER_WORDS = {"a4": "A4", "letter": "US Letter"}
DOWNLOADS = (
    ("pdf", "Printable plan (PDF)", ":material/picture_as_pdf:"),
    ("ics", "Calendar (ICS)", ":material/calendar_month:"),
    ("csv", "Spreadsheet (CSV)", ":material/table:"),
    ("json", "Data (JSON)", ":material/data_object:"),
    ("md", "Text (Markdown)", ":material/description:"),
)


@st.cache_resource(show_spinner=False, max_entries=32)
def figure(kind: str, key: str, _plan: Plan, exercise: str = "") -> go.Figure:
    """Figures built once per plan (and exercise), keyed like the plan on the answers and
    the catalog's files: a rerun only sends them again, a catalog save redraws them."""
    if kind == "calendar":
        return charts.calendar(_plan)
    if kind == "volume":
        return charts.weekly_volume(_plan)
    if kind == "minutes":
        return charts.minutes_and_runs(_plan)
    return charts.dose_over_weeks(_plan, exercise)


def render() -> None:
    exercises = data.catalog_or_message(", so no plan can be built")
    if exercises is None:
        return
    with st.sidebar:
        st.header("Your answers")
        answers = runner_answers(exercises, compact=True)
    profile = profile_or_messages(answers)
    st.title("Your plan")
    link_problems()
    if profile is None:
        st.info("Fix the answer marked in the sidebar to see your plan.", icon=":material/info:")
        return
    try:
        plan = data.plan_for(profile, exercises)
    except StrengthError as error:
        show_problems(answers, error)
        st.info("Fix the answer marked in the sidebar to see your plan.", icon=":material/info:")
        return
    key = data.plan_key(profile, exercises)
    _summary(plan)
    if too_close_to_race(plan):
        return
    table = answer_table(exercises)
    view = st.segmented_control(
        table["view"].label,
        list(table["view"].words),
        default=table["view"].default,
        format_func=table["view"].words.__getitem__,
        key="view",
        bind="query-params",
    )
    if view == "charts":
        st.plotly_chart(
            figure("calendar", key, plan),
            config={"displayModeBar": False},
            key="calendar_chart",
        )
        _charts(plan, key)
    elif view == "downloads":
        _downloads(plan)
    else:
        _sessions(plan)
        st.plotly_chart(
            figure("calendar", key, plan),
            config={"displayModeBar": False},
            key="calendar_chart",
        )


def _summary(plan: Plan) -> None:
    profile = plan.profile
    goal = (
        f"Race on {date_words(profile.race)}"
        if profile.race
        else f"{len(plan.weeks)} weeks of strength"
    )
    areas = ", ".join(plan.area_name(a) for a in profile.weaknesses)
    st.markdown(f"**{goal}**, from {date_words(profile.start)}. Working on: {md(areas)}.")
    if race_note := too_close_to_race(plan):
        race_too_close(race_note, plan)
        return
    for warning in plan.warnings:
        st.warning(md(warning), icon=":material/warning:")
    if note := minutes_note(plan):
        st.info(md(note), icon=":material/timer:")
    sessions = [s for s in plan.sessions() if s.kind != "daily"]
    average = round(sum(s.minutes for s in sessions) / max(len(plan.weeks), 1))
    with st.container(horizontal=True, gap="medium"):  # wraps two by two on a phone
        st.metric("Weeks", len(plan.weeks), width="content")
        st.metric("Strength sessions", len(sessions), width="content")
        st.metric("Deload weeks", sum(w.deload for w in plan.weeks), width="content")
        st.metric("Minutes a week", average, help="Average, warm-up included.", width="content")


def race_too_close(note: str, plan: Plan) -> None:
    """The race is too near for strength work: say so, and offer the plan after it."""
    st.info(md(note), icon=":material/flag:")
    st.button(
        f"Plan from {date_words(after_race(plan.profile))} instead",
        icon=":material/event_repeat:",
        on_click=_start_after, args=(after_race(plan.profile),),
        help="Starts the plan after your race and its recovery days, for the weeks you choose.",
    )  # fmt: skip


def _start_after(day: dt.date) -> None:
    st.session_state["start"] = day
    st.session_state["goal"] = "weeks"


def _current_week(plan: Plan, today: dt.date) -> int:
    for week in plan.weeks:
        if week.start <= today < week.start + dt.timedelta(days=7):
            return week.number
    return 1


def _mark_heavy(week: int, heavy: bool) -> None:
    chosen = set(st.session_state.get(HEAVY_KEY) or [])
    chosen = chosen | {week} if heavy else chosen - {week}
    st.session_state[HEAVY_KEY] = sorted(chosen)


def _sessions(plan: Plan) -> None:
    numbers = [week.number for week in plan.weeks]
    if len(numbers) > 1:
        words = week_words(len(numbers))
        state = st.session_state
        if state.get("week") not in numbers:
            state.pop("week", None)  # a week past this plan's end: back to this week
        chosen = st.select_slider(
            "Week",
            numbers,
            value=_current_week(plan, dt.date.today()),
            format_func=words.__getitem__,
            key="week",
            bind="query-params",
        )
    else:
        chosen = numbers[0]
    week = plan.weeks[numbers.index(chosen)]
    _week_header(week)
    if week.heavy_legs and week.number in (st.session_state.get(HEAVY_KEY) or []):
        st.button(
            "Undo heavy legs",
            icon=":material/undo:",
            on_click=_mark_heavy,
            args=(week.number, False),
            help="This week goes back to the plan as it was.",
        )
    elif not week.heavy_legs and not week.race_week:
        st.button(
            "Heavy legs this week",
            icon=":material/airline_seat_legroom_reduced:",
            on_click=_mark_heavy,
            args=(week.number, True),
            help="Makes this week a deload; the plan picks up afterwards where it was.",
        )
    if not week.sessions:
        st.info("No strength this week: rest and race well.", icon=":material/flag:")
    for session in week.sessions:
        _session_card(plan, session)
    if plan.after_race is not None and week.number == plan.weeks[-1].number:
        _after_the_race(plan.after_race)


def _after_the_race(after: AfterRace) -> None:
    """The plan's ending: recovery, then the next block, each a click away."""
    with st.container(border=True, key="after-race"):
        st.subheader("After the race")
        st.markdown(md(after.note))
        st.button(
            f"Keep the gains: one session a week from {date_words(after.next_block)}",
            icon=":material/autorenew:",
            on_click=_next_block, args=(after.next_block, True),
            help=f"A {NEXT_BLOCK_WEEKS}-week maintenance block with your answers; change "
            "its length on the Build page.",
        )  # fmt: skip
        with st.container(horizontal=True, vertical_alignment="bottom"):
            start = st.date_input(
                "A new build from",
                value=after.next_block,
                min_value=after.recover_until,
                format="YYYY-MM-DD",
                key="next_build_start",
            )
            st.button(
                "Start a new build",
                icon=":material/trending_up:",
                on_click=_next_block, args=(start, False),
                help=f"{NEXT_BLOCK_WEEKS} weeks from that day with your answers; set your "
                "next race on the Build page.",
            )  # fmt: skip


def _next_block(start: dt.date, maintenance: bool) -> None:
    """The answers become the next block's: from `start`, a number of weeks, maintenance
    or a new build; the old plan's heavy-legs weeks and chosen week go with it."""
    state = st.session_state
    state["start"] = start
    state["goal"] = "weeks"
    state["weeks"] = NEXT_BLOCK_WEEKS
    state["maintenance"] = maintenance
    state[HEAVY_KEY] = []
    state.pop("week", None)


def _week_header(week: Week) -> None:
    end = week.start + dt.timedelta(days=6)
    st.subheader(f"Week {week.number}: {day_words(week.start)} to {day_words(end)}")
    st.caption(md(week.note))


def _session_card(plan: Plan, session: Session) -> None:
    with st.container(border=True, key=f"session-{session.date}-{session.kind}"):
        kind = sessions.kind_words(session)
        day = day_words(session.date, full=True)
        st.markdown(f"**{day}** · {kind} · about {session.minutes} min")
        st.caption(md(session.reason))
        if session.warm_up:
            movements = sessions.warm_up_movements(plan, session)
            st.markdown(f"**{sessions.WARM_UP}**, in order: {md(movements)}")
        for item in session.exercises:
            _exercise(plan, item)


def _exercise(plan: Plan, item: Prescription) -> None:
    notes = plan.notes(item.id)
    details = [md(plan.dose(item))]
    if item.tempo:
        details.append(f"tempo {md(item.tempo)} ({md(tempo_in_words(item.tempo))})")
    if item.sets > 1 or item.per_side:
        details.append(rest_in_words(item.rest_s) + " between sets")
    if load := plan.load_words(item):
        details.append(md(load))
    st.markdown(f"**{md(item.name)}**: " + " · ".join(details))
    lines: list[str] = []
    if item.protocol:
        lines.append(f"Protocol: {md(item.protocol)}")
    if notes is not None:
        lines += [f"• {md(plan.in_units(cue))}" for cue in notes.cues[:3]]
        if notes.easier:
            lines.append(f"Bad day? Easier: {md(notes.easier)}.")
        if notes.harder:
            lines.append(f"Feels easy? Harder: {md(notes.harder)}.")
    if item.why:
        lines.append(f"*{md(item.why)}*")
    if lines:
        st.markdown("  \n".join(lines))


def _charts(plan: Plan, key: str) -> None:
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


def _file_name(plan: Plan, extension: str, part: str = "") -> str:
    return f"strength-plan-{plan.profile.start:%Y-%m-%d}{part}.{extension}"


def _download(label: str, data: Callable[[], str | bytes], name: str, fmt: str, icon: str,
              key: str, column: Any) -> None:  # fmt: skip
    """A file made only when its button is clicked."""
    column.download_button(
        label, data=data, file_name=name, mime=exports.MEDIA_TYPES.get(fmt, "application/yaml"),
        icon=icon, on_click="ignore", key=key, width="stretch",
    )  # fmt: skip


def _downloads(plan: Plan) -> None:
    st.caption("Each file is made when you click.")
    paper = st.segmented_control(
        "Paper", list(PAPER_WORDS), default="a4", format_func=PAPER_WORDS.__getitem__,
        key="paper", required=True,
    ) or "a4"  # fmt: skip
    numbers = [week.number for week in plan.weeks]
    chosen = st.session_state.get("week")
    week = chosen if chosen in numbers else _current_week(plan, dt.date.today())
    st.markdown("**To print and pin up**")
    columns = st.columns(2)
    _download(
        f"Week {week} on one page (PDF)", lambda: exports.week_sheet_pdf(plan, week, paper),
        _file_name(plan, "pdf", f"-week-{week}"), "pdf", ":material/calendar_view_week:",
        "download_week_sheet", columns[0],
    )  # fmt: skip
    _download(
        "The whole plan on one page (PDF)", lambda: exports.summary_pdf(plan, paper),
        _file_name(plan, "pdf", "-summary"), "pdf", ":material/grid_on:",
        "download_summary", columns[1],
    )  # fmt: skip
    st.markdown("**The whole plan**")
    columns = st.columns(2)
    for index, (fmt, label, icon) in enumerate(DOWNLOADS):
        _download(
            label, _maker(plan, fmt, paper), _file_name(plan, fmt), fmt, icon,
            f"download_{fmt}", columns[index % 2],
        )  # fmt: skip
    _download(
        "Your answers (YAML)", lambda: profile_to_yaml(plan.profile), "runner-profile.yaml",
        "yaml", ":material/person:", "download_profile", columns[len(DOWNLOADS) % 2],
    )  # fmt: skip


def _maker(plan: Plan, fmt: str, paper: str) -> Callable[[], str | bytes]:
    return lambda: exports.render(plan, fmt, paper=paper)
