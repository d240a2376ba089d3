"""Units a runner reads loads and lengths in: the catalog is metric, a runner may pick
pounds and feet. Only what is shown changes; the plan's data (JSON, CSV numbers) stays
metric, so a plan reads the same whatever the units."""

from __future__ import annotations

import re
from enum import StrEnum


class Units(StrEnum):
    metric = "metric"
    imperial = "imperial"


UNIT_WORDS = {Units.metric.value: "Kilograms and metres", Units.imperial.value: "Pounds and feet"}

POUNDS_PER_KG = 2.20462
FEET_PER_METRE = 3.28084
INCHES_PER_CM = 0.393701

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_KG = re.compile(_NUMBER + r"\s?(?:kg|kilos?|kilograms?)\b", re.IGNORECASE)
_CM = re.compile(_NUMBER + r"\s?cm\b")
_M = re.compile(_NUMBER + r"\s?(?:m|metres?|meters?)\b(?![²/])")
_KILOS = re.compile(r"\bkilo(gram)?s\b", re.IGNORECASE)


def _value(text: str) -> float:
    return float(text.replace(",", "."))


def _pounds(kg: float) -> str:
    pounds = kg * POUNDS_PER_KG
    return f"{round(pounds)} lb" if pounds >= 3 else f"{pounds:.1f} lb"


def _feet(metres: float) -> str:
    feet = metres * FEET_PER_METRE
    return f"{max(5, round(feet / 5) * 5)} ft" if feet >= 10 else f"{round(feet)} ft"


def distance(metres: int, units: Units) -> str:
    """'20 m', or '65 ft' in imperial units."""
    return f"{metres} m" if units is Units.metric else _feet(metres)


def in_units(text: str, units: Units) -> str:
    """Catalog text with its kilograms, metres and centimetres said in the runner's units:
    'backpack with 5 kg' -> 'backpack with 11 lb', 'a few kilos' -> 'a few pounds'."""
    if units is Units.metric:
        return text
    text = _KG.sub(lambda m: _pounds(_value(m.group(1))), text)
    text = _CM.sub(lambda m: f"{round(_value(m.group(1)) * INCHES_PER_CM)} in", text)
    text = _M.sub(lambda m: _feet(_value(m.group(1))), text)
    return _KILOS.sub("pounds", text)
