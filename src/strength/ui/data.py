"""The catalog, loaded once per change of its files (not on every rerun)."""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

import streamlit as st

from ..catalog import Catalog, catalog_fingerprint, default_folders, load_catalog
from ..errors import CatalogError, Problem
from ..plan import Plan
from ..planning import build_plan
from ..profile import Profile
from .text import md


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folders: tuple[Path, ...], fingerprint: object) -> Catalog:
    return load_catalog(*folders)


# Each loaded catalog's fingerprint (the cache key it was loaded under), so the plan's key
# reads it instead of looking at the files a second time in the same run.
_FINGERPRINTS: dict[int, object] = {}


def catalog() -> Catalog:
    """The merged catalog; raises CatalogError for the page to show."""
    folders = default_folders()
    fingerprint = catalog_fingerprint(*folders)
    loaded = _load(folders, fingerprint)
    _FINGERPRINTS[id(loaded)] = fingerprint
    return loaded


def catalog_or_message(consequence: str) -> Catalog | None:
    """The catalog, or None after telling the user what is wrong with it and what that stops.

    Every visitor sees this box, so it says it plainly and names each problem by its file
    inside the catalog folder and its line, as text: never a path on the server."""
    try:
        return catalog()
    except CatalogError as error:
        st.error(problem_box(error, consequence, default_folders()), icon=":material/error:")
        return None


SHOWN_PROBLEMS = 10  # a box a visitor can read; `strength catalog check` lists them all
# An absolute path left in a message (POSIX or Windows), not the slashes of "km/h" or of a
# web address: shown by its last part only.
_ABSOLUTE = re.compile(r"(?<![\w.~:/\\-])(?:[A-Za-z]:)?[\\/][^\s'\"`,;()\[\]{}<>]+")


def _without_paths(text: str, folders: tuple[Path, ...]) -> str:
    """`text` with each catalog folder's path cut to the folder's name, and any other
    absolute path to its last part."""
    for folder in folders:
        for spelled in {str(folder.resolve()), str(folder)}:
            if Path(spelled).is_absolute():
                text = text.replace(spelled, folder.name)
    return _ABSOLUTE.sub(lambda m: PureWindowsPath(m.group(0)).name or "…", text)


def _problem_line(problem: Problem, folders: tuple[Path, ...]) -> str:
    return "- " + md(_without_paths(str(problem), folders))


def problem_box(error: CatalogError, consequence: str, folders: tuple[Path, ...]) -> str:
    """What every visitor reads when the catalog cannot load: a short plain message, then
    its first problems, each by file (inside the catalog folder) and line, as text."""
    problems = error.problems
    lines = [_problem_line(problem, folders) for problem in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        lines.append(f"- and {len(problems) - SHOWN_PROBLEMS} more")
    return (
        f"The exercise catalog has problems{consequence}. Whoever looks after this site "
        "can fix them; `strength catalog check` lists them all.\n\n" + "\n".join(lines)
    )


def plan_key(profile: Profile, exercises: Catalog) -> str:
    """What a plan, and everything drawn from it, depends on: the answers and the catalog's
    files. Every cache of a plan or of its figures keys on this."""
    fingerprint = _FINGERPRINTS.get(id(exercises))
    if fingerprint is None:  # a catalog loaded elsewhere: its files as they are now
        fingerprint = catalog_fingerprint(*exercises.folders)
    return f"{profile.model_dump_json()}|{fingerprint!r}"


@st.cache_resource(show_spinner=False, max_entries=64)
def _plan(key: str, _profile: Profile, _catalog: Catalog) -> Plan:
    return build_plan(_profile, _catalog)


def plan_for(profile: Profile, exercises: Catalog) -> Plan:
    """The plan for these answers, built once: changing only the view never rebuilds it.

    Plans are frozen, so one cached object is safely shared by every session."""
    return _plan(plan_key(profile, exercises), profile, exercises)


def forget_catalog() -> None:
    """Drop the cached catalogs and plans, so the next page reads the files again: a coach's
    save would be seen anyway (the cache keys on the files' sizes and times), this makes it
    certain even for a save within the file system's clock tick."""
    _load.clear()
    _plan.clear()
