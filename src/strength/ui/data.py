"""The catalog, loaded once per change of its files (not on every rerun)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ..catalog import Catalog, catalog_fingerprint, default_folders, load_catalog
from ..errors import CatalogError


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folders: tuple[Path, ...], fingerprint: object) -> Catalog:
    return load_catalog(*folders)


def catalog() -> Catalog:
    """The merged catalog; raises CatalogError for the page to show."""
    folders = default_folders()
    return _load(folders, catalog_fingerprint(*folders))


def catalog_or_message(consequence: str) -> Catalog | None:
    """The catalog, or None after telling the user what is wrong with it and what that stops."""
    try:
        return catalog()
    except CatalogError as error:
        st.error(f"The exercise catalog has problems{consequence}.\n\n{error}")
        return None
