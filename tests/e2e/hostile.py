"""A hostile catalog for the tests that show catalog text: the shipped one with names,
words, cues and sources that would load an image, show a link or run HTML if a page
drew them as Markdown; and a broken one whose problems name hostile keys and paths.

Shared by the AppTest (tests/app/test_hostile_text.py) and the browser test."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from strength.catalog import BUNDLED

EVIL = "evil.example"
HOSTILE = (
    f"![x](https://{EVIL}/x.png) [click](https://{EVIL}) <img src=x onerror=alert(1)> www.{EVIL}"
)
# Exercise names stop at 120 characters: a shorter sting, still an image, a link and HTML.
IN_A_NAME = f"![i](https://{EVIL}/i.png)[a](https://{EVIL})<img src=x>"
BARE_LINKS = f"See https://{EVIL}/guide, www.{EVIL} or coach@{EVIL} first."
SECRET = "password: hunter2\n"  # what a linked system file would hold


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _hostile_names(path: Path) -> None:
    """Every exercise's name with a hostile sting after it, and a cue of bare links first."""
    text = path.read_text(encoding="utf-8")

    def name(match: re.Match[str]) -> str:
        plain = yaml.safe_load(match.group(1))
        return f"    name: {_quoted(f'{plain} {IN_A_NAME}')}"

    text = re.sub(r"^    name: (.+)$", name, text, flags=re.MULTILINE)
    text = text.replace("    cues:\n", f"    cues:\n      - {_quoted(BARE_LINKS)}\n")
    path.write_text(text, encoding="utf-8")


def hostile_catalog(folder: Path) -> Path:
    """A valid catalog at `folder` whose every outside word is hostile."""
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__", "*.md"))
    vocabulary = folder / "vocabulary.yaml"
    _edit(
        vocabulary, "      name: Hamstrings\n", f"      name: {_quoted('Hamstrings ' + HOSTILE)}\n"
    )
    _edit(vocabulary, "      name: Core\n", f"      name: {_quoted('Core ' + HOSTILE)}\n")
    _edit(
        vocabulary,
        "      about: Back of the thigh.",
        f"      about: {_quoted(BARE_LINKS)}\n      # was: Back of the thigh.",
    )
    _edit(
        vocabulary,
        "    band: Resistance band (loop or mini band)\n",
        f"    band: {_quoted('Band ' + HOSTILE)}\n",
    )
    _edit(
        vocabulary,
        "    hamstrings: Hamstrings\n",
        f"    hamstrings: {_quoted('Hamstrings ' + HOSTILE)}\n",
    )
    for path in folder.glob("*.yaml"):
        if path.name != "vocabulary.yaml":
            _hostile_names(path)
    hamstrings = folder / "hamstrings.yaml"
    _edit(hamstrings, f"Nordic curl {IN_A_NAME}", f"Nordic {HOSTILE}")
    _edit(
        hamstrings,
        "      name: Petersen 2011 Nordic programme (10 weeks)\n",
        f"      name: {_quoted('Petersen ' + HOSTILE)}\n",
    )
    _edit(
        hamstrings,
        "    source: Petersen et al., Am J Sports Med 2011;39:2296 (Table 1).\n",
        f"    source: {_quoted('Petersen ' + HOSTILE)}\n",
    )
    return folder


def broken_catalog(folder: Path, outside: Path) -> Path:
    """The hostile catalog with problems: hostile words where a problem may quote them, a
    YAML error, and a link to a file outside the catalog (in `outside`)."""
    hostile_catalog(folder)
    (folder / "broken.yaml").write_text(
        f"{_quoted(HOSTILE)}: 1\n"
        f"overrides:\n  - id: nordic-curl\n    areas: [{_quoted(HOSTILE)}]\n"
        f"    equipment: [{_quoted(BARE_LINKS[:50])}]\n",
        encoding="utf-8",
    )
    (folder / "syntax.yaml").write_text("exercises: [unclosed\n", encoding="utf-8")
    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / "secret.yaml"
    secret.write_text(SECRET, encoding="utf-8")
    (folder / "linked.yaml").symlink_to(secret)
    return folder
