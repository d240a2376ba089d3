"""The runner's answers as widgets, grouped the way a runner thinks.

Every widget is bound to the URL (`bind="query-params"`), so a copied link
rebuilds the same plan. The same widgets (same keys) appear on the Build page
and in the Plan page's sidebar, so either page opens from a shared link.
Dates depend on today, so they are seeded into the session rather than used as
widget defaults: a seeded value differs from the (empty) default and therefore
always travels in the URL.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAPIException

from ..catalog import Catalog
from ..errors import ProfileError, StrengthError
from ..model import LEVELS
from ..profile import (
    DAY_NAMES,
    LONG_RUN_STRATEGIES,
    MAX_WEEKS,
    TYPICAL_WEEK,
    WEEKDAYS,
    LongRunStrategy,
    Profile,
    next_monday,
    profile_from_dict,
    read_profile_text,
)

DEFAULT_WEAKNESSES = ("hamstrings", "glute_med", "core")
DEFAULT_RACE_WEEKS = 16
RUNS = ("rest", "easy", "hard", "long")
RUN_LABELS = {"rest": "Rest", "easy": "Easy", "hard": "Hard", "long": "Long"}
SIDES = ("both", "left", "right")
GROUPS = ("goal", "week", "weak_links", "kit", "time")
# Which group of inputs a profile field belongs to, to show its message beside it.
FIELD_GROUP = {
    "start": "goal", "race": "goal", "weeks": "goal", "level": "goal", "profile": "goal",
    "week": "week", "long_run_strategy": "week",
    "weaknesses": "weak_links", "imbalance": "weak_links", "daily": "weak_links",
    "equipment": "kit",
    "sessions_per_week": "time", "minutes_per_session": "time", "maintenance": "time",
    "heavy_legs": "time",
}  # fmt: skip
HEAVY_KEY = "heavy"


@dataclass(frozen=True)
class Answers:
    """What the widgets hold, as profile data, with a slot for each group's message."""

    data: dict[str, Any]
    slots: dict[str, Any]  # group -> st.empty() placeholder


def seed_dates(today: dt.date) -> None:
    """First visit without dates in the URL: start next Monday, race 16 weeks on.

    Written into the URL itself before the widgets bind it, so the link a runner
    copies carries the dates and rebuilds the same plan next month too."""
    start = next_monday(today)
    seeds = {
        "start": start,
        "race": start + dt.timedelta(weeks=DEFAULT_RACE_WEEKS - 1, days=6),
    }
    for key, value in seeds.items():
        if key in st.query_params or key in st.session_state:
            continue
        with contextlib.suppress(StreamlitAPIException):  # bound already: the state carries it
            st.query_params[key] = value.isoformat()
        st.session_state[key] = value


def runner_answers(catalog: Catalog, compact: bool = False) -> Answers:
    """All the inputs, top to bottom; `compact` folds each group (the Plan page's sidebar)."""
    seed_dates(dt.date.today())
    slots: dict[str, Any] = {}
    data: dict[str, Any] = {}

    def group(name: str, title: str, expanded: bool = True) -> Any:
        box = st.expander(title, expanded=expanded) if compact else st.container(border=True)
        if not compact:
            box.markdown(f"**{title}**")
        slots[name] = box.empty()
        return box

    with group("goal", "Your goal", expanded=True):
        _goal(data, compact)
    with group("week", "Your running week", expanded=False):
        _running_week(data, compact)
    with group("weak_links", "Weak links to work on", expanded=False):
        _weak_links(data, catalog)
    with group("kit", "Equipment", expanded=False):
        equipment = catalog.vocabulary.equipment
        data["equipment"] = st.pills(
            "Equipment you have (bodyweight is always there)",
            [e for e in equipment if e != "bodyweight"],
            selection_mode="multi",
            default=None,
            format_func=lambda e: equipment[e],
            key="equipment",
            bind="query-params",
        )
    with group("time", "Time for strength", expanded=False):
        columns = st.columns(2)
        data["sessions_per_week"] = columns[0].slider(
            "Sessions a week", 1, 5, 2, key="sessions", bind="query-params"
        )
        data["minutes_per_session"] = columns[1].slider(
            "Minutes a session", 10, 90, 30, step=5, key="minutes", bind="query-params"
        )
        data["maintenance"] = st.toggle(
            "In season: one maintenance session a week",
            key="maintenance",
            bind="query-params",
            help="Once a week keeps the strength you built while racing often.",
        )
        heavy = st.multiselect(
            "Heavy-legs weeks (each becomes a deload)",
            list(range(1, MAX_WEEKS + 1)),
            format_func=lambda n: f"Week {n}",
            key=HEAVY_KEY,
            bind="query-params",
            help="Mark a week when your legs feel heavy: it eases off, and the plan "
            "picks up afterwards where it was.",
        )
        data["heavy_legs"] = sorted(heavy)
    return Answers(data, slots)


def _goal(data: dict[str, Any], compact: bool) -> None:
    goal = st.segmented_control(
        "Training for",
        ["race", "weeks"],
        default="race",
        format_func={"race": "A race", "weeks": "A number of weeks"}.__getitem__,
        key="goal",
        bind="query-params",
    )
    columns = st.columns(1 if compact else 2)
    data["start"] = columns[0].date_input(
        "First day of the plan", value=None, key="start", bind="query-params", format="YYYY-MM-DD"
    )
    # Both stay on the page (the unused one greyed out), so both stay bound to the URL
    # and an uploaded profile can set either.
    race = columns[-1].date_input(
        "Race day",
        value=None,
        key="race",
        bind="query-params",
        format="YYYY-MM-DD",
        disabled=goal == "weeks",
    )
    weeks = st.number_input(
        "Weeks", 1, MAX_WEEKS, 12, key="weeks", bind="query-params", disabled=goal != "weeks"
    )
    if goal == "weeks":
        data["weeks"] = weeks
    else:
        data["race"] = race
    data["level"] = st.segmented_control(
        "Strength-training experience",
        [level.value for level in LEVELS],
        default="beginner",
        format_func=str.capitalize,
        key="level",
        bind="query-params",
        help="Beginner: new to strength work. Intermediate: a season or more of regular "
        "sessions. Advanced: years of it, comfortable with single-leg and eccentric work.",
    )


def _running_week(data: dict[str, Any], compact: bool) -> None:
    st.caption("What you run each day: strength goes around it.")
    week = {}
    columns = st.columns(1 if compact else 4)
    for index, day in enumerate(WEEKDAYS):
        week[day] = columns[index % len(columns)].selectbox(
            DAY_NAMES[day],
            RUNS,
            index=RUNS.index(TYPICAL_WEEK[day]),
            format_func=RUN_LABELS.__getitem__,
            key=day,
            bind="query-params",
        )
    data["week"] = week
    strategy = st.radio(
        "Strength around the long run",
        [s.value for s in LongRunStrategy],
        format_func=lambda s: {
            "day_before": "The day before",
            "same_day": "Same day, after the run",
            "apart": "48 h apart",
        }[s],
        captions=[LONG_RUN_STRATEGIES[s] for s in LongRunStrategy],
        key="strategy",
        bind="query-params",
    )
    data["long_run_strategy"] = strategy


def _weak_links(data: dict[str, Any], catalog: Catalog) -> None:
    areas = catalog.vocabulary.areas
    chosen = st.multiselect(
        "Weak links, most important first",
        list(areas),
        default=[a for a in DEFAULT_WEAKNESSES if a in areas],
        format_func=lambda a: areas[a].name,
        key="weaknesses",
        bind="query-params",
        help="The order counts: the first gets the most work.",
    )
    data["weaknesses"] = chosen
    imbalance = {}
    sided = list(chosen)[:6]
    if sided:
        st.caption("A weaker side gets one extra set on one-sided exercises.")
        columns = st.columns(min(len(sided), 3))
        for index, area in enumerate(sided):
            side = columns[index % len(columns)].segmented_control(
                f"Weaker side: {areas[area].name}",
                SIDES,
                default="both",
                format_func={"both": "Even", "left": "Left", "right": "Right"}.__getitem__,
                key=f"side_{area}",
                bind="query-params",
            )
            if side in ("left", "right"):
                imbalance[area] = side
    data["imbalance"] = imbalance
    daily = {e.id: e.name for e in catalog if e.protocol and e.protocol.weeks[0].per_day}
    if daily:
        data["daily"] = st.multiselect(
            "Daily rehab protocol (with a clinician's advice)",
            list(daily),
            format_func=daily.__getitem__,
            key="daily",
            bind="query-params",
        )


def clean(data: dict[str, Any]) -> dict[str, Any]:
    """Profile data from the widgets: empty answers left out so the profile names them."""
    out = {key: value for key, value in data.items() if value is not None}
    for key in ("imbalance", "daily", "heavy_legs", "equipment"):
        if not out.get(key):
            out.pop(key, None)
    return out


def profile_or_messages(answers: Answers) -> Profile | None:
    """The profile, or None after showing each problem beside the inputs at fault."""
    try:
        return profile_from_dict(clean(answers.data))
    except ProfileError as error:
        show_problems(answers, error)
        return None


def show_problems(answers: Answers, error: StrengthError) -> None:
    """Each problem in the group of inputs it concerns; anything else under the goal."""
    by_group: dict[str, list[str]] = {}
    issues = getattr(error, "issues", None) or []
    for issue in issues:
        field = str(issue.field).split(".")[0]
        by_group.setdefault(FIELD_GROUP.get(field, "goal"), []).append(str(issue))
    if not issues:
        by_group["goal"] = [str(error)]
    for group, messages in by_group.items():
        answers.slots[group].error("\n\n".join(messages), icon=":material/error:")


def load_profile_into_widgets(text: str, source: str) -> None:
    """Put an uploaded profile into the widgets (and so into the URL); raises ProfileError."""
    profile = read_profile_text(text, source)
    state = st.session_state
    state["start"] = profile.start
    if profile.race is not None:
        state["goal"], state["race"] = "race", profile.race
    else:
        state["goal"], state["weeks"] = "weeks", profile.weeks
    state["level"] = profile.level.value
    for day in WEEKDAYS:
        state[day] = profile.week[day].value
    state["strategy"] = profile.long_run_strategy.value
    state["weaknesses"] = list(profile.weaknesses)
    for area in profile.weaknesses:
        state[f"side_{area}"] = profile.imbalance.get(area, "both")
    state["daily"] = list(profile.daily)
    state["equipment"] = list(profile.equipment)
    state["sessions"] = profile.sessions_per_week
    state["minutes"] = profile.minutes_per_session
    state["maintenance"] = profile.maintenance
    state[HEAVY_KEY] = list(profile.heavy_legs)


def profile_upload(on_loaded: Callable[[], None] | None = None) -> None:
    """Upload a profile YAML (the CLI's format); a bad file gets a message, not a traceback."""

    def loaded() -> None:
        upload = st.session_state.get("profile_file")
        if upload is None:
            return
        try:
            load_profile_into_widgets(upload.getvalue().decode("utf-8", "replace"), upload.name)
        except StrengthError as error:
            st.session_state["profile_problem"] = f"{upload.name}: {error}"
        else:
            st.session_state.pop("profile_problem", None)
            if on_loaded:
                on_loaded()

    st.file_uploader(
        "Open a saved profile (YAML)",
        type=["yaml", "yml"],
        key="profile_file",
        on_change=loaded,
        help="The same file `strength build` reads.",
    )
    if problem := st.session_state.get("profile_problem"):
        st.error(problem, icon=":material/error:")
