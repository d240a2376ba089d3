"""The catalog page: search and filters narrow the list, the URL seeds them, ladders read
easiest first."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from strength.browse import Filters, find
from strength.catalog import load_catalog
from strength.model import Level, Mode

TIMEOUT = 30
ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog(ROOT / "exercises")
TOTAL = len(CATALOG)


def _catalog_page() -> None:
    from strength.ui import catalog_page

    catalog_page.render()


def _open() -> AppTest:
    return AppTest.from_function(_catalog_page, default_timeout=TIMEOUT)


def _count(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.endswith(" exercises**"))


def _listed(at: AppTest) -> list[str]:
    """The exercise names on the page, one expander each (label: 'name · level · mode')."""
    return [expander.label.split(" · ")[0] for expander in at.expander]


def _names(filters: Filters) -> list[str]:
    return [exercise.name for exercise in find(CATALOG, filters)]


def test_the_page_lists_every_exercise_with_the_count() -> None:
    at = _open().run()
    assert not at.exception
    assert at.title[0].value == "Exercises"
    assert _count(at) == f"**{TOTAL} of {TOTAL} exercises**"
    assert sorted(_listed(at)) == sorted(ex.name for ex in CATALOG)


def test_every_filter_has_a_label_for_screen_readers() -> None:
    at = _open().run()
    labels = [w.label for w in (*at.text_input, *at.multiselect, *at.pills)]
    assert labels == ["Search exercises", "Area", "Equipment you have", "Level", "Counted in"]


def test_an_area_narrows_the_list_and_the_count() -> None:
    at = _open().run()
    at.multiselect(key="areas").set_value(["hamstrings"]).run()
    assert not at.exception
    expected = _names(Filters(areas=frozenset({"hamstrings"})))
    assert 0 < len(expected) < TOTAL
    assert _count(at) == f"**{len(expected)} of {TOTAL} exercises**"
    assert sorted(_listed(at)) == sorted(expected)
    assert [h.value for h in at.subheader] == ["Hamstrings"]


def test_equipment_you_have_narrows_the_list() -> None:
    at = _open().run()
    at.multiselect(key="have").set_value(["bodyweight"]).run()
    expected = _names(Filters(equipment=frozenset({"bodyweight"})))
    assert 0 < len(expected) < TOTAL
    assert _count(at) == f"**{len(expected)} of {TOTAL} exercises**"
    assert sorted(_listed(at)) == sorted(expected)
    needs = {ex.name: ex.equipment for ex in CATALOG}
    assert all(needs[name] == () for name in _listed(at))


def test_level_and_mode_narrow_the_list_together() -> None:
    at = _open().run()
    at.pills(key="levels").set_value(["advanced"]).run()
    advanced = _names(Filters(levels=frozenset({Level.advanced})))
    assert _count(at) == f"**{len(advanced)} of {TOTAL} exercises**"
    at.pills(key="modes").set_value(["eccentric"]).run()
    both = _names(Filters(levels=frozenset({Level.advanced}), modes=frozenset({Mode.eccentric})))
    assert 0 < len(both) < len(advanced)
    assert _count(at) == f"**{len(both)} of {TOTAL} exercises**"
    assert all(" · advanced · eccentric" in expander.label for expander in at.expander)


def test_an_alias_finds_its_exercise_open() -> None:
    at = _open().run()
    at.text_input(key="q").set_value("NHE").run()
    assert _count(at) == f"**1 of {TOTAL} exercises**"
    assert _listed(at) == ["Nordic curl"]
    details = "\n".join(m.value for m in at.expander[0].markdown)
    assert "Kneel on a pad" in details
    assert at.expander[0].table, "the Petersen protocol is a table"


def test_a_cue_word_finds_the_exercise() -> None:
    at = _open().run()
    at.text_input(key="q").set_value("sofa").run()
    assert "Nordic curl" in _listed(at)
    assert len(_listed(at)) == len(_names(Filters(text="sofa")))


def test_no_match_says_so_and_clear_filters_brings_everything_back() -> None:
    at = _open().run()
    at.text_input(key="q").set_value("zzzqqq").run()
    assert _count(at) == f"**0 of {TOTAL} exercises**"
    assert "No exercise matches" in at.info[0].value
    at.button[0].click().run()
    assert at.text_input(key="q").value == ""
    assert _count(at) == f"**{TOTAL} of {TOTAL} exercises**"


def test_the_url_seeds_the_filters() -> None:
    at = _open()
    at.query_params["areas"] = "Hamstrings"
    at.query_params["levels"] = ["Beginner", "Intermediate"]
    at.query_params["q"] = "slider"
    at.run()
    assert not at.exception
    assert at.multiselect(key="areas").value == ["hamstrings"]
    assert at.pills(key="levels").value == ["beginner", "intermediate"]
    assert at.text_input(key="q").value == "slider"
    expected = _names(
        Filters(
            text="slider",
            areas=frozenset({"hamstrings"}),
            levels=frozenset({Level.beginner, Level.intermediate}),
        )
    )
    assert 0 < len(expected) < TOTAL
    assert sorted(_listed(at)) == sorted(expected)


def test_a_ladder_is_drawn_easiest_rung_first() -> None:
    at = _open().run()
    at.multiselect(key="areas").set_value(["hamstrings"]).run()
    ladder = CATALOG.ladder("nordic-curl")
    drawn = next(m.value for m in at.markdown if m.value.startswith(f"**Ladder of {len(ladder)}"))
    positions = [drawn.index(f"{step}. {rung.name}") for step, rung in enumerate(ladder, 1)]
    assert positions == sorted(positions)
    assert drawn.count("→") == len(ladder) - 1


def test_an_exercise_shows_its_own_rung_highlighted() -> None:
    at = _open().run()
    at.text_input(key="q").set_value("NHE").run()
    ladder = CATALOG.ladder("nordic-curl")
    step = [rung.id for rung in ladder].index("nordic-curl") + 1
    own = next(m.value for m in at.expander[0].markdown if "Its ladder" in m.value)
    assert f"rung {step} of {len(ladder)}" in own
    assert f":primary-badge[**{step}. Nordic curl**]" in own
    assert own.count(":primary-badge[") == 1


def test_a_search_shows_what_is_named_after_it_and_offers_the_rest() -> None:
    at = _open().run()
    assert not at.toggle, "no search, nothing to offer"
    at.text_input(key="q").set_value("heel drop straight").run()
    assert _listed(at) == ["Straight-knee eccentric heel drop"]
    everything = _names(Filters(text="heel drop straight"))
    assert len(everything) > 1
    at.toggle(key="mentions").set_value(True).run()
    assert sorted(_listed(at)) == sorted(everything)
    assert _count(at) == f"**{len(everything)} of {TOTAL} exercises**"
