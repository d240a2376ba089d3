"""Strength programs for runners: aimed at their weak links, placed around their
running week, progressed week by week into race day."""

from .catalog import Catalog, check_catalog, load_catalog
from .errors import CatalogError, Problem, ProfileError, StrengthError

__all__ = [
    "Catalog",
    "CatalogError",
    "Problem",
    "ProfileError",
    "StrengthError",
    "check_catalog",
    "load_catalog",
]
