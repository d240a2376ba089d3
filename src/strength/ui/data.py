"""The catalog, loaded once per change of its files (not on every rerun)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ..builder import build_plan
from ..catalog import Catalog, catalog_fingerprint, default_folders, load_catalog
from ..errors import CatalogError
from ..plan import Plan
from ..profile import Profile


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
    """The catalog, or None after telling the user what is wrong with it and what that stops."""
    try:
        return catalog()
    except CatalogError as error:
        st.error(f"The exercise catalog has problems{consequence}.\n\n{error}")
        return None


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
