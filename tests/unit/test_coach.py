"""Coach mode is off unless a password is configured; the edit form reads back into exactly
the fields a coach wrote, so an edit changes only what the coach changed."""

from __future__ import annotations

import math

import pytest

from strength.catalog import load_catalog
from strength.coach import (
    FormError,
    coach_mode,
    configured_password,
    dose_from_form,
    form_changes,
    lines,
    lines_of,
    parse_reps,
    password_matches,
    protocol_from_rows,
    protocol_rows,
    reps_text,
)
from strength.editing import open_for_editing


def test_coach_mode_is_off_without_a_password() -> None:
    assert not coach_mode({})
    assert not coach_mode({"STRENGTH_COACH_PASSWORD": "   "}, {})
    assert configured_password({}, None) is None


def test_the_environment_comes_before_the_secret() -> None:
    assert configured_password({"STRENGTH_COACH_PASSWORD": "env"}, {"coach_password": "s"}) == (
        "env"
    )
    assert configured_password({}, {"coach_password": "secret"}) == "secret"
    assert coach_mode({}, {"coach_password": "secret"})


def test_only_the_configured_password_unlocks() -> None:
    assert password_matches("open sesame", "open sesame")
    assert not password_matches("open sesam", "open sesame")
    assert not password_matches("", "open sesame")
    assert not password_matches("anything", None)
    assert password_matches("mot de passe é", "mot de passe é")


@pytest.mark.parametrize(
    ("text", "reps"),
    [
        ("8", 8),
        (" 6 - 8 ", "6-8"),
        ("12,10,8", [12, 10, 8]),
        ("12, 10, 8", [12, 10, 8]),
        ("", None),
    ],
)
def test_reps_are_read_as_a_number_a_range_or_one_per_set(text: str, reps: object) -> None:
    assert parse_reps(text) == reps
    if reps is not None:
        assert parse_reps(reps_text(reps)) == reps


def test_reps_that_are_not_numbers_say_how_to_write_them() -> None:
    with pytest.raises(FormError, match="a range"):
        parse_reps("lots")


def test_list_fields_are_one_item_a_line() -> None:
    assert lines("Brace.\n\n  Breathe out.  \n") == ["Brace.", "Breathe out."]
    assert lines(lines_of(["a", "b"])) == ["a", "b"]
    assert lines("") == []


def test_a_dose_leaves_out_empty_fields_and_the_default_rest() -> None:
    form = {"sets": 3, "reps": "6-8", "hold_s": None, "rest_s": 60, "tempo": "", "load": " "}
    assert dose_from_form(form) == {"sets": 3, "reps": "6-8"}
    assert dose_from_form(form, {"sets": 2, "rest_s": 60}) == {
        "sets": 3,
        "reps": "6-8",
        "rest_s": 60,
    }
    assert dose_from_form({"sets": None, "reps": "8"}) is None


def test_a_protocol_table_reads_back_into_the_protocol() -> None:
    protocol = {
        "name": "Alfredson",
        "source": "Alfredson 1998",
        "weeks": [
            {"week": "1-6", "per_day": 2, "sets": 3, "reps": 15},
            {"week": 7, "sessions": 3, "sets": 3, "reps": [15, 12, 10], "load": "backpack"},
        ],
        "maintenance": {"sessions": 2, "sets": 2, "reps": 15},
    }
    rows = protocol_rows(protocol)
    assert [row["week"] for row in rows] == ["1-6", "7", "maintenance"]
    assert rows[1]["reps"] == "15, 12, 10"
    assert protocol_from_rows("Alfredson", "Alfredson 1998", rows) == protocol


def test_a_protocol_table_skips_empty_rows_and_reads_number_cells() -> None:
    rows = [
        {"week": "1", "sessions": 2.0, "sets": "3", "reps": "8"},
        {"week": None, "sessions": math.nan, "sets": None, "reps": None},
    ]
    assert protocol_from_rows("P", "S", rows) == {
        "name": "P",
        "source": "S",
        "weeks": [{"week": 1, "sessions": 2, "sets": 3, "reps": 8}],
    }
    assert protocol_from_rows("", "", []) is None


def test_a_protocol_row_without_a_week_is_refused() -> None:
    with pytest.raises(FormError, match="row 1"):
        protocol_from_rows("P", "S", [{"week": "", "sets": "3"}])
    with pytest.raises(FormError, match="sets 'three'"):
        protocol_from_rows("P", "S", [{"week": "1", "sets": "three"}])


def test_an_untouched_form_changes_nothing_for_any_shipped_exercise() -> None:
    """Every shipped exercise, read into the form's values and back, is no change."""
    draft = open_for_editing().draft()
    for exercise in load_catalog():
        fields = draft.fields(exercise.id)
        doses = fields["dose"]
        edited = {
            **{key: value for key, value in fields.items() if key not in {"id", "media"}},
            "dose": {
                level: dose_from_form({**dose, "reps": reps_text(dose.get("reps"))}, dose)
                for level, dose in doses.items()
            },
            "aliases": lines(lines_of(fields.get("aliases"))),
            "per_side": bool(fields.get("per_side")),
            "impact": fields.get("impact") or "none",
            "licence": fields.get("licence") or "CC-BY-4.0",
            "author": fields.get("author") or "runner-strength contributors",
            "swaps": list(fields.get("swaps") or []),
        }
        protocol = fields.get("protocol")
        if protocol:
            edited["protocol"] = protocol_from_rows(
                protocol["name"], protocol["source"], protocol_rows(protocol)
            )
        assert form_changes(fields, edited) == {}, exercise.id


def test_form_changes_hold_only_what_changed_and_empty_means_removed() -> None:
    original = {"id": "x", "name": "X", "tempo": "3-0-1-0", "cues": ["a"], "media": [{"p": 1}]}
    edited = {"name": "X", "tempo": "", "cues": ["a", "b"], "per_side": False, "swaps": []}
    assert form_changes(original, edited) == {"tempo": None, "cues": ["a", "b"]}
    assert form_changes(original, {"per_side": True}) == {"per_side": True}
