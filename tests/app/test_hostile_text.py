"""Catalog, link and file text never turns into a page's links, images or HTML, and no
page shows a path on the server: every page walked with a hostile catalog (and with a
broken one) in AppTest, every element's text read straight from what the app sends."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e.hostile import EVIL, HOSTILE, IN_A_NAME, broken_catalog, hostile_catalog
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from strength.ui.text import md

TIMEOUT = 60

# What would become a link, an image or HTML in Streamlit's Markdown.
_UNSAFE = {
    "a link or an image": re.compile(r"(?<!\\)\]\("),
    "an HTML tag": re.compile(r"(?<!\\)<[A-Za-z!/]"),
    "an autolink": re.compile(r"(?i)https?://|www\.|@[\w-]"),
}
# Plain text, not Markdown: a selectbox's and a multiselect's options and values.
_PLAIN_OPTIONS = {"selectbox", "multiselect"}
_OWN_HTML = {"html"}  # the page's own st.html (its phone layout), no outside text


def _build_page() -> None:
    from strength.ui import build_page

    build_page.render()


def _plan_page() -> None:
    from strength.ui import plan_page

    plan_page.render()


def _catalog_page() -> None:
    from strength.ui import catalog_page

    catalog_page.render()


def _method_page() -> None:
    from strength.ui import method_page

    method_page.render()


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, path)


def _node_texts(node: Any) -> Iterator[tuple[str, str]]:
    """Every string an element (or block) carries, by element type and field."""
    kind = str(getattr(node, "type", ""))
    proto = getattr(node, "proto", None)
    if proto is not None and kind not in _OWN_HTML:
        fields = MessageToDict(proto, preserving_proto_field_name=True)
        if kind in _PLAIN_OPTIONS:
            fields = {k: v for k, v in fields.items() if k in ("label", "help", "placeholder")}
        if kind == "plotly_chart":  # plotly draws its own text: read the figure itself
            fields = json.loads(fields.pop("spec", "{}"))
        fields.pop("id", None)
        fields.pop("form_id", None)
        yield from _strings(fields, kind)
    for child in getattr(node, "children", {}).values():
        yield from _node_texts(child)


def _texts(at: AppTest) -> list[tuple[str, str]]:
    texts = list(_node_texts(at._tree))
    for table in at.table:  # a table's cells are Markdown; they travel as Arrow bytes
        frame = table.value
        texts += [("table", str(cell)) for column in frame for cell in frame[column]]
    return texts


def _unsafe(text: str) -> list[str]:
    return [what for what, pattern in _UNSAFE.items() if pattern.search(text)]


def _plotly_unsafe(text: str) -> list[str]:
    """Plotly reads a few tags (<a href>, <b>, <br>) in its text: no outside one may pass."""
    tag = re.search(r"<(?!br>|b>|/b>|extra>|/extra>)[A-Za-z/]", text)
    return ["a tag in a chart"] if tag else []


def _problems(at: AppTest, server_paths: tuple[str, ...]) -> list[str]:
    found = []
    for where, text in _texts(at):
        bad = _plotly_unsafe(text) if where.startswith("plotly_chart") else _unsafe(text)
        bad += [f"the path {path}" for path in server_paths if path in text]
        found += [f"{where}: {what} in {text[:160]!r}" for what in bad]
    return found


def _paths(*folders: Path) -> tuple[str, ...]:
    return tuple({str(f) for f in folders} | {str(f.resolve()) for f in folders})


def _open(page: Callable[[], None], **params: str) -> AppTest:
    at = AppTest.from_function(page, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_catalog(tmp_path_factory.mktemp("hostile") / "catalog")


@pytest.fixture
def on_hostile(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, ...]:
    monkeypatch.setenv("STRENGTH_CATALOG", str(hostile))
    monkeypatch.delenv("STRENGTH_COACH_CATALOG", raising=False)
    return _paths(hostile, hostile.parent)


def _assert_safe(at: AppTest, server_paths: tuple[str, ...], page: str) -> None:
    assert not at.exception, page
    assert _problems(at, server_paths) == [], page
    shown = " ".join(text for _, text in _texts(at))
    assert EVIL in shown, f"{page}: the hostile words should be on the page, as text"


def test_the_checks_can_fail_and_md_passes_them() -> None:
    assert _unsafe(HOSTILE) == ["a link or an image", "an HTML tag", "an autolink"]
    assert _unsafe("coach@evil.example") == ["an autolink"]
    assert _unsafe(md(HOSTILE)) == []
    assert _unsafe(md(IN_A_NAME)) == []
    assert _unsafe(md(f"See https://{EVIL}, WWW.{EVIL} or me@{EVIL}")) == []
    assert _plotly_unsafe("<a href='https://evil.example'>x</a>") == ["a tag in a chart"]
    assert _plotly_unsafe("%{y} min<br>x<extra></extra>") == []


def test_the_build_page_shows_hostile_names_links_and_files_as_text(
    on_hostile: tuple[str, ...],
) -> None:
    # A link that says something it cannot read: the page quotes it back.
    at = _open(_build_page, level="Intermediate", weeks=f"![x](https://{EVIL}/x.png)")
    _assert_safe(at, on_hostile, "build, opened from a hostile link")
    sides = [control.label for control in at.segmented_control]
    assert any(label.startswith("Weaker side: Hamstrings") for label in sides)

    at.pills(key="equipment").set_value(["band"]).run()
    _assert_safe(at, on_hostile, "build, with the hostile equipment chosen")

    upload = at.get("file_uploader")[0]
    name = f"![x](https://{EVIL}/x.png)<img src=x>.yaml"
    upload.upload(name, f"level: '{HOSTILE}'\n".encode(), "application/yaml").run()  # type: ignore[attr-defined]
    _assert_safe(at, on_hostile, "build, after a hostile upload")
    assert at.error, "the upload's problem is shown"


@pytest.mark.parametrize("view", ["Sessions", "Charts", "Downloads"])
def test_every_view_of_the_plan_shows_catalog_text_as_text(
    on_hostile: tuple[str, ...], view: str
) -> None:
    at = _open(_plan_page, level="Intermediate", view=view)
    _assert_safe(at, on_hostile, f"plan, {view}")


def test_the_catalog_page_shows_every_hostile_word_as_text(on_hostile: tuple[str, ...]) -> None:
    at = _open(_catalog_page)
    _assert_safe(at, on_hostile, "catalog, everything")
    assert any(md(HOSTILE) in header.value for header in at.subheader)

    at = _open(_catalog_page, areas="hamstrings", have="band", q="nordic")
    _assert_safe(at, on_hostile, "catalog, filtered")


def test_the_method_page_shows_hostile_protocols_and_sources_as_text(
    on_hostile: tuple[str, ...],
) -> None:
    _assert_safe(_open(_method_page), on_hostile, "method")


@pytest.mark.parametrize(
    "page", [_build_page, _plan_page, _catalog_page, _method_page], ids=lambda p: p.__name__
)
def test_a_broken_catalog_tells_visitors_where_without_a_server_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: Callable[[], None]
) -> None:
    folder = broken_catalog(tmp_path / "catalog", tmp_path / "elsewhere")
    missing = tmp_path / "coach-overlay"  # an overlay folder that is not there
    monkeypatch.setenv("STRENGTH_CATALOG", str(folder))
    monkeypatch.setenv("STRENGTH_COACH_CATALOG", str(missing))
    at = _open(page)
    _assert_safe(at, _paths(folder, tmp_path, missing), page.__name__)
    box = at.error[0].value
    assert box.startswith("The exercise catalog has problems")
    assert "broken.yaml line 1" in box  # the file inside the catalog folder, and the line
    assert "coach-overlay: catalog folder not found" in box
    assert "secret.yaml" not in box  # a linked file is named by its link, not its target
