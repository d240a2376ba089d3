"""Pounds and feet for a runner who reads them; the catalog and the plan's numbers stay metric."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace

import pytest
from plans import SHIPPED, plan_for
from pypdf import PdfReader

from strength.catalog import Catalog, load_catalog
from strength.exports import render
from strength.plan import Plan, Prescription
from strength.units import Units, distance, in_units

METRIC_WORDS = re.compile(r"\d\s?(kg|kilos?|cm)\b|\d\s?m\b|\bkilos\b")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(SHIPPED)


def test_weights_and_lengths_in_catalog_text_are_said_in_pounds_and_feet() -> None:
    assert in_units("backpack with 5 kg", Units.imperial) == "backpack with 11 lb"
    assert in_units("a backpack with a few kilos", Units.imperial) == "a backpack with a few pounds"
    assert in_units("a 30 cm step, 20 m away", Units.imperial) == "a 12 in step, 65 ft away"
    assert in_units("rest 5 min", Units.imperial) == "rest 5 min"
    assert in_units("backpack with 5 kg", Units.metric) == "backpack with 5 kg"
    assert distance(40, Units.imperial) == "130 ft"
    assert distance(40, Units.metric) == "40 m"


def test_a_carry_is_dosed_in_feet_for_an_imperial_runner() -> None:
    carry = Prescription("carry", "Carry", ("core",), sets=3, distance_m=30, load="5 kg")

    assert carry.dose_text(Units.imperial) == "3 x 100 ft"
    assert carry.dose_text() == "3 x 30 m"


def _with_a_carry(plan: Plan) -> Plan:
    """The plan with a loaded carry added to its first session: a distance and a weight."""
    carry = Prescription(
        "suitcase-carry", "Suitcase carry", ("core",), sets=3, distance_m=30,
        load="backpack with 5 kg", rest_s=45,
    )  # fmt: skip
    first = plan.weeks[0]
    session = replace(first.sessions[0], exercises=(*first.sessions[0].exercises, carry))
    week = replace(first, sessions=(session, *first.sessions[1:]))
    return replace(plan, weeks=(week, *plan.weeks[1:]))


@pytest.mark.parametrize("fmt", ["md", "ics", "pdf"])
def test_an_imperial_plan_shows_no_metric_unit_and_keeps_metric_numbers(
    catalog: Catalog, fmt: str
) -> None:
    plan = _with_a_carry(plan_for(catalog, units="imperial"))

    shown = render(plan, fmt)
    text = (
        "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(shown)).pages)
        if isinstance(shown, bytes) and fmt == "pdf"
        else (shown.decode() if isinstance(shown, bytes) else shown)
    )
    text = text.replace("\r\n ", "")  # a calendar folds long lines; unfold them (RFC 5545)

    assert not METRIC_WORDS.search(text), METRIC_WORDS.search(text)
    assert "100 ft" in text.replace("\n", " ")
    assert "11 lb" in text.replace("\n", " ")
    data = json.loads(render(plan, "json"))
    carry = data["weeks"][0]["sessions"][0]["exercises"][-1]
    assert (carry["distance_m"], carry["load"]) == (30, "backpack with 5 kg")  # data: metric
    assert carry["dose"] == "3 x 100 ft"
