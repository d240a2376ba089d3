"""Small catalogs written into a temporary folder, so each test reads as a sentence.

`write_catalog(folder, {"legs.yaml": [exercise("curl", harder="nope")]})` writes a
vocabulary file plus the given files: a list becomes an `exercises:` section, a dict
is dumped as YAML, a str is written as it is (dedented) and bytes are written raw.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from strength.catalog import check_catalog
from strength.errors import Problem

MODELINE = "# yaml-language-server: $schema=schema.json"
DROP = object()  # exercise(..., field=DROP) leaves the field out

VOCABULARY: dict[str, Any] = {
    "areas": {
        "hamstrings": {"name": "Hamstrings", "about": "Back of the thigh."},
        "glute_med": {"name": "Gluteus medius", "about": "Side of the hip."},
        "calves": {"name": "Calves", "about": "Soleus, gastrocnemius and Achilles."},
    },
    "muscles": {
        "hamstrings": "Hamstrings",
        "glute_med": "Gluteus medius",
        "soleus": "Soleus",
    },
    "equipment": {"band": "Resistance band", "step": "Step or stair"},
    "patterns": {
        "knee_flexion": "Knee flexion",
        "hip_abduction": "Hip abduction",
        "plantar_flexion": "Calf raise",
    },
}


def exercise(exercise_id: str, **fields: Any) -> dict[str, Any]:
    """A valid beginner 'reps' exercise; keyword arguments change or (DROP) remove fields."""
    data: dict[str, Any] = {
        "id": exercise_id,
        "name": exercise_id.replace("-", " ").capitalize(),
        "areas": ["hamstrings"],
        "muscles": {"primary": ["hamstrings"]},
        "pattern": "knee_flexion",
        "level": "beginner",
        "mode": "reps",
        "dose": {"beginner": {"sets": 2, "reps": 8}},
        "cues": ["Move slowly."],
        "why": "It makes the muscle stronger.",
        "cautions": ["Stop if it hurts."],
        "step_down": "Use a smaller range.",
        "source": "Test catalog.",
    }
    for key, value in fields.items():
        if value is DROP:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def yaml_text(data: Any) -> str:
    """Block-style YAML, one key a line, in the order given: line numbers are predictable."""
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000
    )


def write_catalog(
    folder: Path,
    files: Mapping[str, str | bytes | dict[str, Any] | list[dict[str, Any]]] | None = None,
    *,
    vocabulary: bool = True,
) -> Path:
    """Write a catalog folder: vocabulary.yaml (unless told not to) plus the given files."""
    folder.mkdir(parents=True, exist_ok=True)
    if vocabulary:
        (folder / "vocabulary.yaml").write_text(
            MODELINE + "\n" + yaml_text({"vocabulary": VOCABULARY}), encoding="utf-8"
        )
    for name, content in (files or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(textwrap.dedent(content), encoding="utf-8")
        elif isinstance(content, list):
            path.write_text(yaml_text({"exercises": content}), encoding="utf-8")
        else:
            path.write_text(yaml_text(content), encoding="utf-8")
    return folder


def line_of(path: Path, needle: str, *, after: str | None = None) -> int:
    """1-based number of the first line holding `needle` (after the first holding `after`)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0
    if after is not None:
        start = next(i for i, line in enumerate(lines) if after in line) + 1
    for number, line in enumerate(lines[start:], start=start + 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is not in {path}")


def only_problem(*folders: Path) -> Problem:
    """The catalog's single problem: a test's broken catalog is otherwise valid."""
    problems = check_catalog(*folders)
    assert len(problems) == 1, "\n".join(map(str, problems)) or "no problems"
    return problems[0]


def problems_where(problems: list[Problem], **wanted: Any) -> list[Problem]:
    """The problems whose fields equal the given values (message: a substring of it)."""
    found = []
    for problem in problems:
        message = wanted.get("message")
        if message is not None and message not in problem.message:
            continue
        if all(getattr(problem, key) == value for key, value in wanted.items() if key != "message"):
            found.append(problem)
    return found


def assert_refused_for_nesting(message: str) -> None:
    """A message refusing a file for nesting too deep, in a coach's words: it says so and
    says what a catalog needs, whichever check (ours or the YAML reader's) stopped it."""
    assert_words(message, "nested", "deep", "a catalog needs only a few levels")
    assert "YAML syntax error" not in message, message


def assert_words(message: str, *words: str) -> None:
    """Every key word appears in the message (not the whole string: wording may improve)."""
    missing = [word for word in words if word not in message]
    assert not missing, f"{missing} not in: {message}"
