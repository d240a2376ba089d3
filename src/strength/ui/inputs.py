"""The runner's answers as widgets, grouped the way a runner thinks.

Every widget is bound to the URL (`bind="query-params"`), so a copied link
rebuilds the same plan. The same widgets (same keys) appear on the Build page
and in the Plan page's sidebar, so either page opens from a shared link. Options,
words, bounds and defaults come from one table (`answers.py`).

On the first run of a page (a first visit, or a move from another page) the link
is settled: what the address bar says is read leniently (`links.py`), the answers
it leaves out come back from the session (Streamlit forgets the values the app
gave the widgets of a page left behind, and links between pages carry no query
string), the dates are seeded from today, and, when the address bar does not say
all that in the page's own words, the page reopens with the full link, so the
link a runner copies always rebuilds the same plan, next month too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from pydantic import ValidationError

from ..catalog import Catalog
from ..errors import ProfileError, StrengthError
from ..links import LinkAnswer, link_params, read_link
from ..profile import (
    ANSWER_NAMES,
    MAX_WEEKS,
    WEEKDAYS,
    LongRunStrategy,
    Profile,
    Rules,
    long_run_strategies,
    new_plan_id,
    next_monday,
    profile_from_dict,
    read_profile_text,
)
from ..words import date_words
from .answers import (
    AFTER_HARD_KEY,
    DEFAULT_RACE_WEEKS,
    HEAVY_KEY,
    LOW_MILEAGE_KEY,
    PLAN_KEY,
    PROFILE_FIELD,
    SIDE_PREFIX,
    answer_table,
    week_words,
)
from .pages import moved_here, reopen
from .text import md as text

GROUPS = ("goal", "week", "weak_links", "kit", "time")
# Which group of inputs a profile field belongs to, to show its message beside it.
FIELD_GROUP = {
    "start": "goal", "race": "goal", "weeks": "goal", "level": "goal", "profile": "goal",
    "week": "week", "long_run_strategy": "week", "long_race_low_mileage": "week", "runs": "week",
    "weaknesses": "weak_links", "imbalance": "weak_links", "daily": "weak_links",
    "equipment": "kit", "units": "kit",
    "sessions_per_week": "time", "minutes_per_session": "time", "maintenance": "time",
    "heavy_legs": "time",
}  # fmt: skip
RULES_KEY = "coach_rules"  # the rules of an opened profile file, kept for the session
RUNS_KEY = "dated_runs"  # the runs on given dates of an opened profile file, likewise
AFTER_HARD_RULE = PROFILE_FIELD[AFTER_HARD_KEY].removeprefix("rules.")  # the rule it sets
SAVED_ANSWERS = "saved_answers"  # the last answers, kept in the session across pages
LINK_PROBLEMS = "link_problems"  # what the opening link said that could not be read


@dataclass(frozen=True)
class Answers:
    """What the widgets hold, as profile data, with a slot for each group's message."""

    data: dict[str, Any]
    slots: dict[str, Any]  # group -> st.empty() placeholder
    # A placeholder for what the page says of an answer once it has the profile:
    # "strategy", under the long-run strategy.
    notes: dict[str, Any] = field(default_factory=dict)


def _is_answer(key: str) -> bool:
    return key in PROFILE_FIELD or key.startswith(SIDE_PREFIX)


def seeds(today: dt.date) -> dict[str, Any]:
    """A first visit's answers that no default can give: start next Monday, race 16 weeks
    on, and a new identity for the plan (so its calendar events are its own)."""
    start = next_monday(today)
    return {
        "start": start,
        "race": start + dt.timedelta(weeks=DEFAULT_RACE_WEEKS - 1, days=6),
        PLAN_KEY: new_plan_id(),
    }


def _address_bar(keys: Mapping[str, LinkAnswer]) -> tuple[dict[str, list[str]], dict[str, Any]]:
    """The address bar's parameters: (the answers' own, everything else as it is)."""
    params = st.query_params
    ours = {key: params.get_all(key) for key in params if key in keys}
    others = {key: params.get_all(key) for key in params if key not in keys}
    return ours, others


def settle_link(catalog: Catalog, today: dt.date) -> None:
    """On a page's first run: read the link, bring back what it leaves out, seed the dates,
    and reopen the page with the whole link in the page's words if it says less."""
    if not moved_here():
        return
    state = st.session_state
    table = answer_table(catalog)
    ours, others = _address_bar(table)
    link = read_link(ours, list(table.values()))
    values = dict(link.values)
    for key, value in state.get(SAVED_ANSWERS, {}).items():
        values.setdefault(key, value)
    for key, value in seeds(today).items():
        values.setdefault(key, value)
    for row in table.values():  # in the link even at its default, so it keeps it
        if row.always and row.default is not None:
            values.setdefault(row.key, row.default)
    state[LINK_PROBLEMS] = list(link.not_understood)
    state[PLAN_KEY] = values[PLAN_KEY]  # not a widget: the session holds it
    wanted = link_params(values, list(table.values()))
    if wanted == ours:
        return  # the address bar already says it all, and the widgets read it there
    reopen({**others, **wanted})
    # No page to reopen (a page run on its own): the widgets take the answers from here.
    for key, value in values.items():
        if key in table:
            state[key] = value


def link_problems() -> None:
    """Say which parts of the link that opened the page could not be read."""
    problems = st.session_state.get(LINK_PROBLEMS)
    if problems:
        st.warning(
            "Parts of this link were not understood, so the plan leaves them out:\n\n"
            + "\n".join(f"- {text(problem)}" for problem in problems),
            icon=":material/link_off:",
        )


def _save_answers(table: Mapping[str, LinkAnswer]) -> None:
    state = st.session_state
    saved = {}
    for key in table:
        if _is_answer(key) and (value := state.get(key)) is not None:
            saved[key] = value
    state[SAVED_ANSWERS] = saved


def runner_answers(catalog: Catalog, compact: bool = False) -> Answers:
    """All the inputs, top to bottom; `compact` folds each group (the Plan page's sidebar)."""
    settle_link(catalog, dt.date.today())
    table = answer_table(catalog)
    slots: dict[str, Any] = {}
    notes: dict[str, Any] = {}
    data: dict[str, Any] = {}

    def group(name: str, title: str, expanded: bool = True) -> Any:
        box = st.expander(title, expanded=expanded) if compact else st.container(border=True)
        if not compact:
            box.markdown(f"**{title}**")
        slots[name] = box.empty()
        return box

    data["plan_id"] = st.session_state.get(PLAN_KEY)
    # From an opened file: no widget shows them, the plan keeps them (a widget's rule is
    # added by its widget).
    data["rules"] = dict(st.session_state.get(RULES_KEY) or {})
    if runs := st.session_state.get(RUNS_KEY):
        data["runs"] = runs
    with group("goal", "Your goal", expanded=True):
        length = _goal(data, table, compact)
    with group("week", "Your running week", expanded=False):
        notes["strategy"] = _running_week(data, table, compact)
    with group("weak_links", "Weak links to work on", expanded=False):
        _weak_links(data, table, catalog, compact)
    with group("kit", "Equipment", expanded=False):
        data["equipment"] = st.pills(
            "Equipment you have (bodyweight is always there)",
            **_choices(table["equipment"]),
            selection_mode="multi",
            default=None,
            key="equipment",
            bind="query-params",
        )
        data["units"] = st.segmented_control(
            table["units"].label,
            **_choices(table["units"]),
            default=table["units"].default,
            key="units",
            bind="query-params",
            help="The catalog is written in kilograms and metres; the plan shows your choice.",
        )
    with group("time", "Time for strength", expanded=False):
        _time(data, table, length)
    _save_answers(table)
    return Answers(data, slots, notes)


def _choices(row: LinkAnswer) -> dict[str, Any]:
    """A choice widget's options and the words shown for them, from the table."""
    return {"options": list(row.words), "format_func": row.words.__getitem__}


def _number(row: LinkAnswer) -> tuple[int, int]:
    assert row.bounds is not None
    return row.bounds


def _goal(data: dict[str, Any], table: Mapping[str, LinkAnswer], compact: bool) -> int:
    """The goal's answers; returns the plan's length in weeks as far as they tell."""
    goal = st.segmented_control(
        table["goal"].label,
        **_choices(table["goal"]),
        default=table["goal"].default,
        key="goal",
        bind="query-params",
    )
    columns = st.columns(1 if compact else 2)
    start = columns[0].date_input(
        table["start"].label, value=None, key="start", bind="query-params", format="YYYY-MM-DD"
    )
    data["start"] = start
    # The date pickers show digits only ("2026 - 12 - 07"): each date is also said in words.
    if isinstance(start, dt.date):
        columns[0].caption(date_words(start))
    # Both stay on the page (the unused one greyed out), so both stay bound to the URL
    # and an uploaded profile can set either.
    race = columns[-1].date_input(
        table["race"].label,
        value=None,
        key="race",
        bind="query-params",
        format="YYYY-MM-DD",
        disabled=goal == "weeks",
    )
    if isinstance(race, dt.date) and goal != "weeks":
        away = (race - start).days // 7 + 1 if isinstance(start, dt.date) else None
        columns[-1].caption(
            date_words(race) + (f", in week {away} of the plan" if away and away > 0 else "")
        )
    low, high = _number(table["weeks"])
    weeks = st.number_input(
        table["weeks"].label,
        low,
        high,
        table["weeks"].default,
        key="weeks",
        bind="query-params",
        disabled=goal != "weeks",
    )
    length = MAX_WEEKS
    if goal == "weeks":
        data["weeks"] = weeks
        length = int(weeks)
    else:
        data["race"] = race
        if isinstance(start, dt.date) and isinstance(race, dt.date) and race >= start:
            length = min((race - start).days // 7 + 1, MAX_WEEKS)
    data["level"] = st.segmented_control(
        table["level"].label,
        **_choices(table["level"]),
        default=table["level"].default,
        key="level",
        bind="query-params",
        help="Beginner: new to strength work. Intermediate: a season or more of regular "
        "sessions. Advanced: years of it, comfortable with single-leg and eccentric work.",
    )
    return length


def _rules(data: Mapping[str, Any]) -> Rules:
    """The coaching rules the answers so far give (the defaults where they would not do)."""
    try:
        return Rules.model_validate(data.get("rules") or {})
    except ValidationError:
        return Rules()


def _running_week(data: dict[str, Any], table: Mapping[str, LinkAnswer], compact: bool) -> Any:
    """The running week and how strength meets it; returns the placeholder under the
    long-run strategy, for the page's word on it."""
    st.caption("What you run each day: strength goes around it.")
    week = {}
    per_row = 4
    # One row of columns at a time, so a phone (where columns stack) keeps Monday to Sunday;
    # the sidebar has room for one a line, with no columns at all.
    for first in range(0, len(WEEKDAYS), per_row):
        days = WEEKDAYS[first : first + per_row]
        places: list[Any] = [st] * len(days) if compact else list(st.columns(per_row))
        for column, day in zip(places, days, strict=False):
            week[day] = column.selectbox(
                table[day].label,
                **_choices(table[day]),
                index=list(table[day].words).index(table[day].default),
                key=day,
                bind="query-params",
            )
    data["week"] = week
    after_hard = table[AFTER_HARD_KEY]
    data["rules"][AFTER_HARD_RULE] = st.toggle(
        "Strength after hard runs, on the same day",
        value=after_hard.default,
        key=AFTER_HARD_KEY,
        bind="query-params",
        help="Hard days hard, easy days easy: a session may go on a hard-workout day, after "
        "the run, and not only on easy days.",
    )
    low_mileage = table[LOW_MILEAGE_KEY]
    data["long_race_low_mileage"] = st.toggle(
        "Training for a long race (marathon, ultra) on low mileage",
        value=low_mileage.default,
        key=LOW_MILEAGE_KEY,
        bind="query-params",
        help="When you cannot run much more, strength the day before the long run gives you "
        "the heavy legs of a race's late miles.",
    )
    strategy = table["strategy"]
    words = long_run_strategies(_rules(data))
    # No option by default: a bound widget leaves its default out of the address bar, and
    # the link always carries the strategy. The link's settling gives it its value.
    chosen = st.radio(
        strategy.label,
        **_choices(strategy),
        index=None,
        captions=[words[LongRunStrategy(s)] for s in strategy.words],
        key="strategy",
        bind="query-params",
    )
    data["long_run_strategy"] = chosen or strategy.default
    return st.empty()


def _weak_links(
    data: dict[str, Any], table: Mapping[str, LinkAnswer], catalog: Catalog, compact: bool
) -> None:
    areas = catalog.vocabulary.areas
    chosen = st.multiselect(
        "Weak links, most important first",
        **_choices(table["weaknesses"]),
        default=table["weaknesses"].default,
        key="weaknesses",
        bind="query-params",
        help="The order counts: the first gets the most work.",
    )
    data["weaknesses"] = chosen
    imbalance = {}
    sided = [area for area in chosen if areas[area].sided][:6]
    if sided:
        st.caption("A weaker side gets one extra set on one-sided exercises.")
        # Side by side only where each control has room for its three words.
        columns = st.columns(1 if compact else min(len(sided), 2))
        for index, area in enumerate(sided):
            row = table[f"{SIDE_PREFIX}{area}"]
            side = columns[index % len(columns)].segmented_control(
                text(row.label),  # the area's name, from the catalog
                **_choices(row),
                default=row.default,
                key=row.key,
                bind="query-params",
            )
            if side in ("left", "right"):
                imbalance[area] = side
    data["imbalance"] = imbalance
    if table["daily"].words:
        data["daily"] = st.multiselect(
            "Daily rehab protocol (with a clinician's advice)",
            **_choices(table["daily"]),
            key="daily",
            bind="query-params",
        )


def _time(data: dict[str, Any], table: Mapping[str, LinkAnswer], length: int) -> None:
    columns = st.columns(2)
    sessions, minutes = table["sessions"], table["minutes"]
    data["sessions_per_week"] = columns[0].slider(
        sessions.label, *_number(sessions), sessions.default, key="sessions", bind="query-params"
    )
    data["minutes_per_session"] = columns[1].slider(
        minutes.label, *_number(minutes), minutes.default, key="minutes", bind="query-params",
        help="Warm-up included.",
    )  # fmt: skip
    data["maintenance"] = st.toggle(
        "In season: one maintenance session a week",
        key="maintenance",
        bind="query-params",
        help="Once a week keeps the strength you built while racing often.",
    )
    # Only the plan's own weeks are offered; weeks past a shortened plan's end are let go.
    state = st.session_state
    if state.get(HEAVY_KEY):
        state[HEAVY_KEY] = [week for week in state[HEAVY_KEY] if week <= length]
    words = week_words(length)
    heavy = st.multiselect(
        "Heavy-legs weeks (each becomes a deload)",
        list(words),
        format_func=words.__getitem__,
        key=HEAVY_KEY,
        bind="query-params",
        help="Mark a week when your legs feel heavy: it eases off, and the plan "
        "picks up afterwards where it was.",
    )
    data["heavy_legs"] = sorted(heavy)


def clean(data: dict[str, Any]) -> dict[str, Any]:
    """Profile data from the widgets: empty answers left out so the profile names them."""
    out = {key: value for key, value in data.items() if value is not None}
    for key in ("imbalance", "daily", "heavy_legs", "equipment", "rules", "runs"):
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
        by_group.setdefault(FIELD_GROUP.get(field, "goal"), []).append(text(str(issue)))
    if not issues:
        by_group["goal"] = [text(str(error))]
    for group, messages in by_group.items():
        answers.slots[group].error("\n\n".join(messages), icon=":material/error:")


def load_profile_into_widgets(text: str, source: str) -> None:
    """Put an uploaded profile into the widgets (and so into the URL); raises ProfileError."""
    profile = read_profile_text(text, source)
    state = st.session_state
    # A coach's rules have no widget: they are kept for this session's plan and saved
    # answers (a shared link does not carry them, and the page says so).
    rules = profile.rules.model_dump(mode="json", exclude_defaults=True)
    rules.pop(AFTER_HARD_RULE, None)  # this rule has a widget, and the link carries it
    if rules:
        state[RULES_KEY] = rules
    else:
        state.pop(RULES_KEY, None)
    state[AFTER_HARD_KEY] = getattr(profile.rules, AFTER_HARD_RULE)
    # The runs on given dates have no widget either: kept like the rules.
    if profile.runs:
        state[RUNS_KEY] = {day.isoformat(): profile.runs[day].value for day in sorted(profile.runs)}
    else:
        state.pop(RUNS_KEY, None)
    state["start"] = profile.start
    if profile.race is not None:
        state["goal"], state["race"] = "race", profile.race
    else:
        state["goal"], state["weeks"] = "weeks", profile.weeks
    state["level"] = profile.level.value
    for day in WEEKDAYS:
        state[day] = profile.week[day].value
    state["strategy"] = profile.long_run_strategy.value
    state[LOW_MILEAGE_KEY] = profile.long_race_low_mileage
    state["weaknesses"] = list(profile.weaknesses)
    for area in profile.weaknesses:
        state[f"{SIDE_PREFIX}{area}"] = profile.imbalance.get(area, "both")
    state["daily"] = list(profile.daily)
    state["equipment"] = list(profile.equipment)
    state["sessions"] = profile.sessions_per_week
    state["minutes"] = profile.minutes_per_session
    state["maintenance"] = profile.maintenance
    state["units"] = profile.units.value
    state[HEAVY_KEY] = list(profile.heavy_legs)
    if profile.plan_id:  # a saved plan keeps its identity, and so its calendar events
        state[PLAN_KEY] = profile.plan_id
        st.query_params[PLAN_KEY] = profile.plan_id


def profile_upload(on_loaded: Callable[[], None] | None = None) -> None:
    """Upload a profile YAML (the CLI's format); a bad file gets a message, not a traceback."""

    def loaded() -> None:
        upload = st.session_state.get("profile_file")
        if upload is None:
            return
        try:
            load_profile_into_widgets(upload.getvalue().decode("utf-8", "replace"), upload.name)
        except StrengthError as error:
            st.session_state["profile_problem"] = str(error)  # it names the file
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
        st.error(text(problem), icon=":material/error:")
    if rules := st.session_state.get(RULES_KEY):
        changed = ", ".join(
            f"{ANSWER_NAMES.get('rules.' + name, name).lower()} {value}"
            for name, value in rules.items()
        )
        st.caption(
            text(
                f"The coaching rules from your file are kept in this plan and in the answers "
                f"you save ({changed}); a shared link does not carry them."
            )
        )
    if runs := st.session_state.get(RUNS_KEY):
        dated = ", ".join(
            f"{date_words(dt.date.fromisoformat(day))} {run}" for day, run in runs.items()
        )
        st.caption(
            text(
                f"The {ANSWER_NAMES['runs'].lower()} from your file are kept in this plan and "
                f"in the answers you save ({dated}); a shared link does not carry them."
            )
        )
        st.button(
            "Leave out the dated runs",
            key="forget_runs",
            on_click=lambda: st.session_state.pop(RUNS_KEY, None),
            icon=":material/event_busy:",
        )
