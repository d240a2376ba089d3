"""Coach: edit the exercise catalog in the browser, safely.

Only in coach mode (a coach password is configured) and only once the password is given.
Every change goes into a draft (`strength.editing`) kept in the session: the page shows its
diff and the catalog check's problems before anything is written; a save is refused while
the catalog has problems or a file changed on disk meanwhile, and the last save can be
undone. The page only draws: the rules live in `strength.editing` and `strength.coach`.

Every control that changes the draft or writes a file calls a function guarded by
`coach_access.writes`, which checks at that moment that the session is unlocked (a callback
can outlive its button), and the draft itself is only handed out while unlocked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from ..browse import escape_markdown
from ..coach import (
    PROTOCOL_COLUMNS,
    FormError,
    dose_from_form,
    form_changes,
    lines,
    lines_of,
    protocol_from_rows,
    protocol_rows,
    reps_text,
)
from ..editing import (
    CatalogEditor,
    Draft,
    ImportPreview,
    LinkedExercise,
    SaveConflict,
    open_for_editing,
)
from ..errors import CatalogError, Problem, StrengthError
from ..model import LEVELS, RANGE, DoseRange, Impact, Mode, Vocabulary
from ..profile import Rules
from .coach_access import lock, require_unlocked, unlock_form, unlocked, writes
from .data import forget_catalog
from .pages import coach_password

DRAFT = "coach_draft"
GENERATION = "coach_generation"  # bumped when the draft changes: the form starts afresh
NOTICES = "coach_notices"
CONFLICT = "coach_conflict"
PICK = "coach_pick"
IMPORTED = "coach_imported"
NONE = ""  # the "no link" choice of the easier/harder pickers
LINK_HELP = (
    "The link written on this exercise. A ladder also follows links written on its "
    "neighbours (shown above the buttons); use Easier and Harder to move it."
)
SPAN_LABELS = {
    "reps": "Reps range",
    "hold_s": "Hold range (s)",
    "contacts": "Contacts range",
    "distance_m": "Metres range",
}
PROGRESS_COUNTS = tuple((count, SPAN_LABELS[count]) for count in DoseRange.model_fields)
_RULES = Rules()
RANGE_HELP = (
    "How far the dose climbs before the exercise gets harder, low-high (12-20), for what "
    "the exercise counts. Empty: the coaching rules' range (reps "
    f"{_RULES.rep_range[0]}-{_RULES.rep_range[1]}, holds "
    f"{_RULES.hold_range_s[0]}-{_RULES.hold_range_s[1]} s)."
)
LOADABLE_WORDS = {
    "": "As its count says (reps and metres take load)",
    "yes": "Yes: added load makes it harder",
    "no": "No: never add load",
}
LOADABLE_VALUES: dict[str, bool | None] = {"": None, "yes": True, "no": False}
DOSE_NUMBERS = (
    ("sets", "Sets"),
    ("hold_s", "Hold (s)"),
    ("eccentric_s", "Lower (s)"),
    ("contacts", "Contacts"),
    ("distance_m", "Metres"),
    ("rest_s", "Rest (s)"),
)


def render() -> None:
    st.title("Coach")
    expected = coach_password()
    if expected is None:
        st.info("Coach mode is off: set STRENGTH_COACH_PASSWORD to edit the catalog here.")
        return
    if not unlocked():
        unlock_form(expected)
        return
    draft = _draft()
    _where(draft.editor)
    _show_notices()
    conflict = st.session_state.get(CONFLICT)
    if isinstance(conflict, SaveConflict):
        _show_conflict(conflict)
    edit, transfer, past = st.tabs(["Edit exercises", "Import and export", "Saved changes"])
    with edit:
        _edit(draft)
    with transfer:
        _import(draft)
        _export(draft.editor)
    with past:
        _history(draft)
    st.divider()
    st.button(
        "Lock coach mode",
        icon=":material/lock:",
        on_click=lock,
        args=(DRAFT, CONFLICT, IMPORTED, NOTICES),
    )


# ----------------------------------------------------------------------------
# Unlocking and the draft


def _draft() -> Draft:
    require_unlocked()  # the draft, and every save through it, only while unlocked
    draft = st.session_state.get(DRAFT)
    if not isinstance(draft, Draft):
        draft = open_for_editing().draft()
        st.session_state[DRAFT] = draft
    return draft


def _set_draft(draft: Draft, *, select: str | None = None) -> None:
    st.session_state[DRAFT] = draft
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    if select is not None:
        st.session_state[PICK] = select


def _reopen(editor: CatalogEditor | None = None) -> None:
    """Start again from the files on disk (after a save, an undo, or a conflict)."""
    forget_catalog()
    st.session_state.pop(CONFLICT, None)
    st.session_state.pop(IMPORTED, None)
    _set_draft((editor or open_for_editing()).draft())


@writes("Discard the changes")
def _discard(editor: CatalogEditor | None = None) -> None:
    """The buttons that drop the draft and open the catalog again."""
    _reopen(editor)


def _notice(kind: str, text: str) -> None:
    st.session_state.setdefault(NOTICES, []).append((kind, text))


def _show_notices() -> None:
    for kind, text in st.session_state.pop(NOTICES, []):
        if kind == "error":
            st.error(text, icon=":material/error:")
        elif kind == "success":
            st.success(text, icon=":material/check_circle:")
        else:
            st.info(text, icon=":material/info:")


def _error_text(error: StrengthError) -> str:
    """A domain error as markdown: the links of a refused delete as a list."""
    if isinstance(error, LinkedExercise):
        links = "\n".join(f"- {escape_markdown(str(link))}" for link in error.links)
        return (
            f"**{escape_markdown(error.exercise)}** cannot be deleted: other entries link to "
            f"it. Change these first (or take it off its ladder):\n\n{links}"
        )
    if isinstance(error, CatalogError):
        return _problems_text(
            "Nothing was written: the catalog would have problems.", error.problems
        )
    return escape_markdown(str(error))


def _problems_text(head: str, problems: Sequence[Problem]) -> str:
    return head + "\n\n" + "\n".join(f"- {escape_markdown(str(p))}" for p in problems)


@writes("a change to the draft")
def _act(change: Callable[[Draft], Draft], select: str | None = None) -> None:
    """A button's change to the draft; a refusal becomes a message."""
    try:
        draft = change(_draft())
    except StrengthError as error:
        _notice("error", _error_text(error))
    else:
        _set_draft(draft, select=select)


def _where(editor: CatalogEditor) -> None:
    folder = editor.target.name.replace("`", "'")  # its name only: no server path shown
    if editor.overlay:
        st.caption(
            f"Edits are saved to your coach folder `{folder}` "
            "(STRENGTH_COACH_CATALOG, or the app's data folder); the shipped catalog "
            "is read, never written."
        )
    else:
        st.caption(
            f"Edits are saved to the catalog folder `{folder}`. "
            "Every save is checked first, kept in the folder's history and can be undone."
        )
    if editor.problems:
        st.warning(
            _problems_text(
                "The catalog on disk has problems; fix them here before saving:", editor.problems
            ),
            icon=":material/warning:",
        )


# ----------------------------------------------------------------------------
# Editing


def _vocabulary(draft: Draft) -> Vocabulary:
    try:
        return draft.catalog().vocabulary
    except CatalogError:
        return draft.editor.catalog.vocabulary if draft.editor.catalog else Vocabulary()


def _name(draft: Draft, exercise_id: str) -> str:
    name = draft.fields(exercise_id).get("name")
    return f"{name} ({exercise_id})" if name else exercise_id


def _edit(draft: Draft) -> None:
    ids = draft.exercise_ids()
    _add_form(draft)
    if not ids:
        st.info("The catalog has no exercise yet: add one above.")
        return
    if st.session_state.get(PICK) not in ids:
        st.session_state[PICK] = ids[0]
    names = {exercise_id: _name(draft, exercise_id) for exercise_id in ids}
    exercise_id = st.selectbox(
        "Exercise to edit",
        ids,
        format_func=names.__getitem__,
        key=PICK,
        help="Type to search by name or id.",
    )
    _about(draft, exercise_id)
    _actions(draft, exercise_id)
    _exercise_form(draft, exercise_id)
    _pending(draft)


def _about(draft: Draft, exercise_id: str) -> None:
    origin = draft.origin(exercise_id)
    where = f"Defined in {origin.file}"
    if origin.shipped:
        where += " (shipped: your changes become overrides in your folder)"
    if origin.overrides:
        where += f"; changed by overrides in {', '.join(origin.overrides)}"
    try:
        ladder = [rung.id for rung in draft.catalog().ladder(exercise_id)]
    except (CatalogError, KeyError):
        ladder = []
    if len(ladder) > 1:
        rungs = " → ".join(
            f"**{escape_markdown(rung)}**" if rung == exercise_id else escape_markdown(rung)
            for rung in ladder
        )
        where += f". Ladder, easiest first: {rungs}"
    st.caption(escape_markdown(where) if len(ladder) <= 1 else where)


def _actions(draft: Draft, exercise_id: str) -> None:
    buttons = st.columns(5 if draft.editor.overlay else 4)
    buttons[0].button(
        "Easier",
        icon=":material/arrow_downward:",
        help="Move it down its ladder (swap with the rung below).",
        on_click=_act,
        args=(lambda d: d.move_down(exercise_id),),
        width="stretch",
    )
    buttons[1].button(
        "Harder",
        icon=":material/arrow_upward:",
        help="Move it up its ladder (swap with the rung above).",
        on_click=_act,
        args=(lambda d: d.move_up(exercise_id),),
        width="stretch",
    )
    copy_id = _free_copy_id(draft, exercise_id)
    buttons[2].button(
        "Duplicate",
        icon=":material/content_copy:",
        help=f"A copy named '{copy_id}', off the ladder, to edit.",
        on_click=_act,
        args=(lambda d: d.duplicate(exercise_id, copy_id), copy_id),
        width="stretch",
    )
    buttons[3].button(
        "Delete",
        icon=":material/delete:",
        help="Refused while other exercises link to it; nothing is written until you save.",
        on_click=_act,
        args=(lambda d: d.delete(exercise_id),),
        width="stretch",
    )
    if draft.editor.overlay:
        buttons[4].button(
            "Revert",
            icon=":material/undo:",
            help="Back to the shipped exercise: drop your folder's changes to it.",
            on_click=_act,
            args=(lambda d: d.revert(exercise_id),),
            width="stretch",
        )


def _free_copy_id(draft: Draft, exercise_id: str) -> str:
    taken = set(draft.exercise_ids())
    base = f"{exercise_id[:55]}-copy"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _add_form(draft: Draft) -> None:
    vocabulary = _vocabulary(draft)
    with (
        st.expander("Add a new exercise", icon=":material/add:"),
        st.form(f"coach-add-{st.session_state.get(GENERATION, 0)}"),
    ):
        left, right = st.columns(2)
        new_id = left.text_input("Id", placeholder="single-leg-bridge", help="A stable slug.")
        name = right.text_input("Name", placeholder="Single-leg bridge")
        left, right = st.columns(2)  # one row a pair: a phone stacks them in order
        area = left.selectbox("Main area", list(vocabulary.areas) or [""])
        pattern = right.selectbox("Pattern", list(vocabulary.patterns) or [""])
        left, right = st.columns(2)  # one row a pair: a phone stacks them in order
        level = left.selectbox("Level", [level.value for level in LEVELS])
        mode = right.selectbox("Counted in", [mode.value for mode in Mode])
        st.caption("Then fill in its cues, dose and sources below before saving.")
        if st.form_submit_button("Add", icon=":material/add:"):
            fields: dict[str, Any] = {"id": new_id.strip(), "name": name.strip()}
            fields.update(areas=[area], pattern=pattern, level=level, mode=mode)
            _act(lambda d: d.add({k: v for k, v in fields.items() if v}), new_id.strip())
            st.rerun()


def _choices(known: Mapping[str, Any] | Sequence[str], current: Sequence[str]) -> list[str]:
    return list(dict.fromkeys([*known, *current]))


def _exercise_form(draft: Draft, exercise_id: str) -> None:
    fields = draft.fields(exercise_id)
    vocabulary = _vocabulary(draft)
    key = f"coach-{st.session_state.get(GENERATION, 0)}-{exercise_id}-"
    others = [other for other in draft.exercise_ids() if other != exercise_id]
    with st.form(key + "form"):
        st.subheader("Fields")
        name = st.text_input("Name", fields.get("name") or "", key=key + "name")
        aliases = st.text_area(
            "Other names (one a line)", lines_of(fields.get("aliases")), key=key + "aliases"
        )
        left, right = st.columns(2)
        areas_now = list(fields.get("areas") or [])
        areas = left.multiselect(
            "Areas",
            _choices(vocabulary.areas, areas_now),
            areas_now,
            format_func=lambda word: _word(word, vocabulary.areas),
            key=key + "areas",
        )
        pattern_now = str(fields.get("pattern") or "")
        patterns = _choices(vocabulary.patterns, [pattern_now] if pattern_now else [])
        pattern = right.selectbox(
            "Pattern",
            patterns,
            patterns.index(pattern_now) if pattern_now else None,
            format_func=lambda word: _word(word, vocabulary.patterns),
            key=key + "pattern",
        )
        muscles = _mapping(fields.get("muscles"))
        primary_now = list(muscles.get("primary") or [])
        secondary_now = list(muscles.get("secondary") or [])
        left, right = st.columns(2)  # one row a pair: a phone stacks them in order
        primary = left.multiselect(
            "Main muscles",
            _choices(vocabulary.muscles, primary_now),
            primary_now,
            format_func=lambda word: _word(word, vocabulary.muscles),
            key=key + "primary",
        )
        secondary = right.multiselect(
            "Other muscles",
            _choices(vocabulary.muscles, secondary_now),
            secondary_now,
            format_func=lambda word: _word(word, vocabulary.muscles),
            key=key + "secondary",
        )
        equipment_now = list(fields.get("equipment") or [])
        left, right = st.columns(2)  # one row a pair: a phone stacks them in order
        equipment = left.multiselect(
            "Equipment (none: bodyweight)",
            _choices(vocabulary.equipment, equipment_now),
            equipment_now,
            format_func=lambda word: _word(word, vocabulary.equipment),
            key=key + "equipment",
        )
        tempo = right.text_input(
            "Tempo", fields.get("tempo") or "", placeholder="3-0-1-0", key=key + "tempo"
        )
        left, right = st.columns(2)  # one row a pair: a phone stacks them in order
        level = left.selectbox(
            "Level", _enum_values(LEVELS), _index(LEVELS, fields.get("level")), key=key + "level"
        )
        mode = right.selectbox(
            "Counted in", _enum_values(Mode), _index(Mode, fields.get("mode")), key=key + "mode"
        )
        left, right = st.columns(2, vertical_alignment="center")
        impact = left.selectbox(
            "Impact",
            _enum_values(Impact),
            _index(Impact, fields.get("impact") or "none"),
            key=key + "impact",
        )
        per_side = right.checkbox(
            "Each side in turn", bool(fields.get("per_side")), key=key + "per_side"
        )
        dose = _dose_inputs(fields.get("dose"), key)
        st.markdown("**How it progresses**")
        progress = _progress_inputs(fields.get("progress"), key)
        loadable = st.selectbox(
            "Added load",
            list(LOADABLE_WORDS),
            list(LOADABLE_WORDS).index(_loadable_choice(fields.get("loadable"))),
            format_func=LOADABLE_WORDS.__getitem__,
            help="Whether dumbbells, a kettlebell or a loaded backpack make it harder.",
            key=key + "loadable",
        )
        st.markdown(
            "**Warm-up** (one easy set when it opens a session; leave sets empty if it is "
            "not a warm-up movement; only for impact 'none')"
        )
        warm_up = _dose_row(fields.get("warm_up"), key + "warm_up-")
        st.markdown("**Ladder and swaps**")
        left, right = st.columns(2)
        easier = left.selectbox(
            "Easier rung",
            [NONE, *others],
            _link_index(others, fields.get("easier")),
            format_func=lambda x: x or "none",
            help=LINK_HELP,
            key=key + "easier",
        )
        harder = right.selectbox(
            "Harder rung",
            [NONE, *others],
            _link_index(others, fields.get("harder")),
            format_func=lambda x: x or "none",
            help=LINK_HELP,
            key=key + "harder",
        )
        swaps_now = list(fields.get("swaps") or [])
        swaps = st.multiselect(
            "Swaps (same job, other equipment)",
            _choices(others, swaps_now),
            swaps_now,
            key=key + "swaps",
        )
        st.markdown("**Words for the runner**")
        cues = st.text_area("Cues (one a line)", lines_of(fields.get("cues")), key=key + "cues")
        cautions = st.text_area(
            "Cautions (one a line)", lines_of(fields.get("cautions")), key=key + "cautions"
        )
        why = st.text_area("Why it helps a runner", fields.get("why") or "", key=key + "why")
        step_down = st.text_area(
            "When to go back a rung", fields.get("step_down") or "", key=key + "step_down"
        )
        source = st.text_area("Source", fields.get("source") or "", key=key + "source")
        left, right = st.columns(2)
        licence = left.text_input("Licence", fields.get("licence") or "", key=key + "licence")
        author = right.text_input("Author", fields.get("author") or "", key=key + "author")
        protocol_now = _mapping(fields.get("protocol"))
        st.markdown("**Protocol** (a published week-by-week programme; leave empty for none)")
        left, right = st.columns(2)
        protocol_name = left.text_input(
            "Protocol name", protocol_now.get("name") or "", key=key + "protocol_name"
        )
        protocol_source = right.text_input(
            "Protocol source", protocol_now.get("source") or "", key=key + "protocol_source"
        )
        table = st.data_editor(
            pd.DataFrame(protocol_rows(protocol_now), columns=list(PROTOCOL_COLUMNS), dtype=str),
            num_rows="dynamic",
            hide_index=True,
            column_config={
                column: st.column_config.TextColumn(column) for column in PROTOCOL_COLUMNS
            },
            key=key + "protocol",
        )
        st.caption(
            "One row a week (3) or span of weeks (5-10); a row with week 'maintenance' is the "
            "dose after the last week."
        )
        submitted = st.form_submit_button("Apply to the draft", type="primary")
    if not submitted:
        return
    try:
        edited: dict[str, Any] = {
            "name": name.strip(),
            "aliases": lines(aliases),
            "areas": areas,
            "muscles": {"primary": primary, **({"secondary": secondary} if secondary else {})},
            "pattern": pattern,
            "equipment": equipment,
            "level": level,
            "mode": mode,
            "per_side": per_side,
            "tempo": tempo.strip(),
            "impact": impact,
            "dose": _dose_of(dose, fields.get("dose")),
            "warm_up": dose_from_form(warm_up, _mapping(fields.get("warm_up"))),
            "progress": _progress_of(progress),
            "loadable": LOADABLE_VALUES[loadable],
            "easier": easier or None,
            "harder": harder or None,
            "swaps": swaps,
            "cues": lines(cues),
            "why": why.strip(),
            "cautions": lines(cautions),
            "step_down": step_down.strip(),
            "source": source.strip(),
            "licence": licence.strip(),
            "author": author.strip(),
            "protocol": protocol_from_rows(
                protocol_name, protocol_source, table.to_dict("records")
            ),
        }
        changes = form_changes(fields, edited)
        if not changes:
            _notice("info", "Nothing changed in the form.")
        else:
            _act(lambda draft: draft.update(exercise_id, changes))
    except StrengthError as error:
        _notice("error", _error_text(error))
    st.rerun()


def _loadable_choice(value: Any) -> str:
    return next((choice for choice, v in LOADABLE_VALUES.items() if v is value), "")


def _word(word: str, known: Mapping[str, Any]) -> str:
    """A vocabulary word as the coach reads it: its name, and the word itself."""
    found = known.get(word)
    name = getattr(found, "name", found)
    return f"{name} ({word})" if isinstance(name, str) and name != word else word


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _enum_values(kind: Any) -> list[str]:
    return [member.value for member in kind]


def _index(kind: Any, value: Any) -> int | None:
    values = _enum_values(kind)
    return values.index(value) if value in values else None


def _link_index(others: Sequence[str], value: Any) -> int:
    return others.index(value) + 1 if value in others else 0


def _dose_inputs(dose: Any, key: str) -> dict[str, dict[str, Any]]:
    """The starting dose by level: a row of inputs per level (no sets: no dose there)."""
    st.markdown("**Starting dose by level** (leave sets empty for no dose at that level)")
    doses = dose if isinstance(dose, dict) else {}
    found: dict[str, dict[str, Any]] = {}
    for level in LEVELS:
        st.markdown(f"*{level.value.capitalize()}*")
        found[level.value] = _dose_row(doses.get(level.value), f"{key}dose-{level.value}-")
    return found


def _dose_row(dose: Any, prefix: str) -> dict[str, Any]:
    """One dose's inputs: its numbers on one row, reps, tempo and load on the next."""
    now = _mapping(dose)
    numbers = st.columns(len(DOSE_NUMBERS))
    values: dict[str, Any] = {}
    for column, (field, label) in zip(numbers, DOSE_NUMBERS, strict=True):
        current = now.get(field)
        values[field] = column.number_input(
            label,
            min_value=0,
            value=current if isinstance(current, int) else None,
            step=1,
            key=prefix + field,
        )
    texts = st.columns(3)
    values["reps"] = texts[0].text_input(
        "Reps",
        reps_text(now.get("reps")),
        placeholder="8, 6-8 or 12, 10, 8",
        key=prefix + "reps",
    )
    values["tempo"] = texts[1].text_input("Tempo", now.get("tempo") or "", key=prefix + "tempo")
    values["load"] = texts[2].text_input("Load", now.get("load") or "", key=prefix + "load")
    return values


def _progress_inputs(progress: Any, key: str) -> dict[str, str]:
    """How far the dose climbs: a 'low-high' text per count (empty: the rules' range)."""
    now = _mapping(progress)
    columns = st.columns(len(PROGRESS_COUNTS))
    found: dict[str, str] = {}
    for column, (count, label) in zip(columns, PROGRESS_COUNTS, strict=True):
        found[count] = column.text_input(
            label,
            _span_text(now.get(count)),
            placeholder="12-20",
            help=RANGE_HELP,
            key=f"{key}progress-{count}",
        )
    return found


def _span_text(span: Any) -> str:
    if isinstance(span, list | tuple) and len(span) == 2:
        return f"{span[0]}-{span[1]}"
    return ""


def _progress_of(form: Mapping[str, str]) -> dict[str, list[int]]:
    """The spans typed as 'low-high'; refused (FormError) when one is not."""
    spans: dict[str, list[int]] = {}
    for count, label in PROGRESS_COUNTS:
        text = form.get(count, "").strip()
        if not text:
            continue
        match = RANGE.match(text)
        if not match:
            raise FormError(f"{label}: '{text}' is not a range; write low-high, like 12-20")
        spans[count] = [int(match[1]), int(match[2])]
    return spans


def _dose_of(form: Mapping[str, Mapping[str, Any]], original: Any) -> dict[str, Any]:
    doses = original if isinstance(original, dict) else {}
    found = {}
    for level, values in form.items():
        dose = dose_from_form(
            values, doses.get(level) if isinstance(doses.get(level), dict) else {}
        )
        if dose is not None:
            found[level] = dose
    return found


def _pending(draft: Draft) -> None:
    st.subheader("Changes not saved yet")
    preview = draft.preview()
    if not preview.changes:
        st.caption("No change yet. Edit an exercise above; nothing is written until you save.")
        return
    for note in draft.log:
        st.markdown(f"- {escape_markdown(note)}")
    st.code(preview.diff, language="diff")
    if preview.problems:
        st.error(
            _problems_text(
                "Saving is refused until these are fixed (the check of `strength catalog check`):",
                preview.problems,
            ),
            icon=":material/error:",
        )
    else:
        st.success("The catalog check finds no problem.", icon=":material/check:")
    left, right = st.columns(2)
    left.button(
        "Save",
        type="primary",
        icon=":material/save:",
        disabled=not preview.ok,
        on_click=_save,
        width="stretch",
    )
    right.button(
        "Discard the changes",
        icon=":material/close:",
        on_click=_discard,
        args=(draft.editor,),
        width="stretch",
    )


@writes("Save")
def _save() -> None:
    try:
        saved = _draft().save()
    except SaveConflict as conflict:
        st.session_state[CONFLICT] = conflict
    except StrengthError as error:
        _notice("error", _error_text(error))
    else:
        _reopen(saved.editor)
        files = ", ".join(version.path for version in saved.change.files)
        _notice("success", f"Saved {escape_markdown(files)}. New plans use it now.")


def _show_conflict(conflict: SaveConflict) -> None:
    st.error(escape_markdown(str(conflict)), icon=":material/sync_problem:")
    for each in conflict.conflicts:
        st.markdown(f"**{escape_markdown(each.file)}**, your change:")
        st.code(each.yours or "(no change)", language="diff")
        st.markdown(f"**{escape_markdown(each.file)}**, changed on disk meanwhile:")
        st.code(each.theirs or "(no change)", language="diff")
    st.button(
        "Open the catalog again (drops your unsaved changes)",
        icon=":material/refresh:",
        on_click=_discard,
    )


# ----------------------------------------------------------------------------
# Import, export, history


def _import(draft: Draft) -> None:
    st.subheader("Import exercises")
    upload = st.file_uploader(
        "A catalog YAML file: new ids are added, known ids replaced whole",
        type=["yaml", "yml"],
        key=f"coach-upload-{st.session_state.get(GENERATION, 0)}",
    )
    if upload is None:
        return
    cached = st.session_state.get(IMPORTED)
    if isinstance(cached, tuple) and cached[0] == upload.file_id and cached[1] is draft:
        preview: ImportPreview = cached[2]
    else:
        preview = draft.import_yaml(upload.getvalue(), name=upload.name)
        st.session_state[IMPORTED] = (upload.file_id, draft, preview)
    summary = [
        f"{len(preview.added)} added",
        f"{len(preview.replaced)} replaced",
        f"{len(preview.words)} new words",
    ]
    st.markdown(f"**{escape_markdown(upload.name)}**: {', '.join(summary)}.")
    if preview.diff:
        st.code(preview.diff, language="diff")
    if preview.problems:
        st.error(_problems_text("It cannot be merged:", preview.problems), icon=":material/error:")
    if draft.changes():
        st.caption("Merging also saves your changes not saved yet.")
    st.button(
        "Merge",
        type="primary",
        icon=":material/merge:",
        disabled=not preview.ok or not preview.changes,
        on_click=_merge,
        args=(preview,),
    )


@writes("Merge")
def _merge(preview: ImportPreview) -> None:
    try:
        saved = preview.apply()
    except SaveConflict as conflict:
        st.session_state[CONFLICT] = conflict
    except StrengthError as error:
        _notice("error", _error_text(error))
    else:
        _reopen(saved.editor)
        _notice("success", f"Merged and saved: {escape_markdown(saved.change.summary)}.")


def _export(editor: CatalogEditor) -> None:
    st.subheader("Export")
    left, right = st.columns(2)
    left.download_button(
        "The catalog as one YAML file",
        data=editor.export_yaml,
        file_name="catalog.yaml",
        mime="application/yaml",
        on_click="ignore",
        icon=":material/download:",
        disabled=editor.catalog is None,
        help="Every exercise with your overrides applied." if editor.catalog else None,
        width="stretch",
    )
    right.download_button(
        "Every catalog file (zip)",
        data=editor.export_zip,
        file_name="catalog.zip",
        mime="application/zip",
        on_click="ignore",
        icon=":material/folder_zip:",
        width="stretch",
    )


def _history(draft: Draft) -> None:
    saves = draft.editor.history()
    if not saves:
        st.caption("No save yet in this folder's history.")
    for saved in reversed(saves):
        files = ", ".join(version.path for version in saved.files)
        st.markdown(
            f"- {saved.saved_at:%Y-%m-%d %H:%M} UTC: {escape_markdown(saved.summary)} "
            f"({escape_markdown(files)})"
        )
    st.button(
        "Undo last save",
        icon=":material/undo:",
        disabled=not saves,
        help="Puts back the files as they were before the last save.",
        on_click=_undo,
    )


@writes("Undo last save")
def _undo() -> None:
    dropped = bool(_draft().changes())
    try:
        undone = _draft().editor.undo_last()
    except SaveConflict as conflict:
        st.session_state[CONFLICT] = conflict
    except StrengthError as error:
        _notice("error", _error_text(error))
    else:
        _reopen()
        note = " Your changes not saved yet were dropped." if dropped else ""
        _notice("success", f"Undone: {escape_markdown(undone.summary)}.{note}")
