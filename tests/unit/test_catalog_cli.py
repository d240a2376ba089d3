"""`strength catalog check` and `strength catalog schema`, and the committed schema.

A broken catalog exits 1 with one readable line per problem and no traceback; a
valid one exits 0. The committed exercises/schema.json must equal what the model
generates now: the test fails when the model changes without regenerating it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from catalog_helpers import (
    MODELINE,
    assert_refused_for_nesting,
    assert_words,
    exercise,
    line_of,
    write_catalog,
)

from strength.catalog import BUNDLED
from strength.cli import EXIT_CATALOG, EXIT_OK, main
from strength.schema import SCHEMA_FILE, catalog_schema, schema_text

SHIPPED_YAML = sorted(
    path
    for pattern in ("*.yaml", "*.yml")
    for path in BUNDLED.rglob(pattern)
    if not any(part.startswith(".") for part in path.relative_to(BUNDLED).parts)
)


@pytest.fixture
def broken(base: Path) -> Path:
    """A catalog with two problems in two files."""
    return write_catalog(
        base,
        {
            "a.yaml": [exercise("curl-a", harder="ghost")],
            "b.yaml": [exercise("clam", areas=["glutemed"])],
        },
    )


# ----------------------------------------------------------------------------
# strength catalog check


def test_check_on_a_broken_folder_exits_1_and_prints_each_problem(
    broken: Path, capsys: pytest.CaptureFixture[str], no_catalog_env: None
) -> None:
    status = main(["catalog", "check", str(broken)])

    out, err = capsys.readouterr()
    assert status == EXIT_CATALOG == 1
    lines = out.splitlines()
    assert len(lines) == 2
    harder_line = line_of(broken / "a.yaml", "harder: ghost")
    assert_words(lines[0], f"base/a.yaml line {harder_line}", "'curl-a'", "'harder'", "'ghost'")
    assert_words(lines[1], "base/b.yaml line", "'clam'", "'areas'", "did you mean 'glute_med'")
    assert_words(err, "2 problems", str(broken))
    assert "Traceback" not in out + err


def test_check_on_a_valid_folder_exits_0_and_counts_what_it_found(
    base: Path, capsys: pytest.CaptureFixture[str], no_catalog_env: None
) -> None:
    write_catalog(base, {"a.yaml": [exercise("low", harder="high"), exercise("high")]})

    status = main(["catalog", "check", str(base)])

    out, err = capsys.readouterr()
    assert status == EXIT_OK
    assert_words(out, "ok", "2 exercises", "3 areas", "1 ladders", str(base))
    assert err == ""


def test_check_on_the_shipped_folder_exits_0(
    capsys: pytest.CaptureFixture[str], no_catalog_env: None
) -> None:
    status = main(["catalog", "check", str(BUNDLED)])

    out, err = capsys.readouterr()
    assert status == EXIT_OK, out + err
    assert out.startswith("ok:")


def test_check_without_folders_uses_the_catalog_named_by_the_environment(
    broken: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("STRENGTH_CATALOG", str(broken))
    monkeypatch.delenv("STRENGTH_COACH_CATALOG", raising=False)

    assert main(["catalog", "check"]) == EXIT_CATALOG
    assert "base/a.yaml" in capsys.readouterr().out


def test_check_with_a_broken_coach_overlay_names_the_overlay_file(
    coach: Path, capsys: pytest.CaptureFixture[str], no_catalog_env: None
) -> None:
    write_catalog(
        coach,
        {"tweaks.yaml": {"overrides": [{"id": "nordic-curl", "level": "pro"}]}},
        vocabulary=False,
    )

    status = main(["catalog", "check", "--coach", str(coach)])

    out, _ = capsys.readouterr()
    assert status == EXIT_CATALOG
    assert_words(out, "coach/tweaks.yaml line", "'nordic-curl'", "'level'", "'pro'")


def test_check_with_a_valid_coach_overlay_exits_0(
    coach: Path, capsys: pytest.CaptureFixture[str], no_catalog_env: None
) -> None:
    write_catalog(coach, {"mine.yaml": [exercise("band-curl")]}, vocabulary=False)

    status = main(["catalog", "check", str(BUNDLED), "--coach", str(coach)])

    out, err = capsys.readouterr()
    assert status == EXIT_OK, out + err
    assert str(coach) in out


def test_check_on_a_missing_folder_exits_1_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_catalog_env: None
) -> None:
    missing = tmp_path / "nowhere"

    status = main(["catalog", "check", str(missing)])

    out, err = capsys.readouterr()
    assert status == EXIT_CATALOG
    assert_words(out, str(missing), "not found")
    assert "Traceback" not in out + err


def test_check_of_a_dangerous_file_exits_1_with_a_message(
    base: Path, capsys: pytest.CaptureFixture[str], no_catalog_env: None
) -> None:
    write_catalog(
        base,
        {
            "tag.yaml": "exercises: !!python/object/apply:os.getcwd []\n",
            "bytes.yaml": b"exercises:\n  - id: caf\xe9\n",
            "deep.yaml": "exercises: " + "[" * 100_000 + "]" * 100_000 + "\n",
        },
    )

    status = main(["catalog", "check", str(base)])

    out, err = capsys.readouterr()
    assert status == EXIT_CATALOG
    assert_words(out, "base/tag.yaml line 1", "not allowed")
    assert_words(out, "base/bytes.yaml line 2", "UTF-8")
    assert "base/deep.yaml line 1:" in out
    assert_refused_for_nesting(out.split("base/deep.yaml line 1:", 1)[1].splitlines()[0])
    assert "Traceback" not in out + err


def test_check_run_as_a_program_prints_messages_and_no_traceback(
    broken: Path, tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "strength.cli", "catalog", "check", str(broken)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert_words(result.stdout, "base/a.yaml line", "field 'harder'", "base/b.yaml line")
    assert "2 problems" in result.stderr


# ----------------------------------------------------------------------------
# strength catalog schema, and the committed schema.json


def test_the_committed_schema_is_what_the_model_generates_now(
    capsys: pytest.CaptureFixture[str],
) -> None:
    committed = (BUNDLED / SCHEMA_FILE).read_text(encoding="utf-8")

    status = main(["catalog", "schema"])

    out, _ = capsys.readouterr()
    assert status == EXIT_OK
    assert out == committed, (
        "exercises/schema.json is stale: run `strength catalog schema -o exercises/schema.json`"
    )


def test_schema_can_be_written_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "schema.json"

    assert main(["catalog", "schema", "-o", str(target)]) == EXIT_OK

    assert target.read_text(encoding="utf-8") == schema_text()
    assert str(target) in capsys.readouterr().err


def test_the_schema_is_a_draft_2020_12_schema_of_the_three_sections() -> None:
    schema = json.loads(schema_text())

    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["properties"]) == {"vocabulary", "exercises", "overrides"}
    assert schema["additionalProperties"] is False
    assert "schema.json" in schema["description"]
    assert schema == catalog_schema()


@pytest.mark.parametrize("path", SHIPPED_YAML, ids=lambda p: str(p.relative_to(BUNDLED)))
def test_every_shipped_yaml_file_is_valid_against_the_committed_schema(path: Path) -> None:
    schema = json.loads((BUNDLED / SCHEMA_FILE).read_text(encoding="utf-8"))
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    errors = [
        error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(document)
    ]

    assert errors == []


@pytest.mark.parametrize(
    "broken_exercise",
    [
        exercise("curl-a", cue=["Slowly."]),
        exercise("curl-a", level="pro"),
        exercise("curl-a", dose={"beginner": {"sets": 11, "reps": 8}}),
        exercise("Curl A"),
    ],
    ids=["unknown-field", "level", "sets", "id"],
)
def test_the_schema_underlines_what_the_checker_refuses(broken_exercise: dict[str, object]) -> None:
    validator = jsonschema.Draft202012Validator(catalog_schema())

    assert not validator.is_valid({"exercises": [broken_exercise]})
    assert validator.is_valid({"exercises": [exercise("curl-a")]})


@pytest.mark.parametrize("path", SHIPPED_YAML, ids=lambda p: str(p.relative_to(BUNDLED)))
def test_every_shipped_yaml_file_starts_with_the_schema_modeline(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").partition("\n")[0]

    assert first_line == MODELINE, f"{path.name} must start with '{MODELINE}'"


def test_the_shipped_folder_holds_the_vocabulary_and_hamstrings_files() -> None:
    names = {path.name for path in SHIPPED_YAML}

    assert {"vocabulary.yaml", "hamstrings.yaml"} <= names
