"""The JSON Schema a coach's editor uses to autocomplete and underline catalog files.

Generated from the same models that validate the catalog, and committed as
`exercises/schema.json`; a test fails when the committed copy is stale.
"""

from __future__ import annotations

import json
from typing import Any

from .model import CatalogFile

SCHEMA_FILE = "schema.json"


def catalog_schema() -> dict[str, Any]:
    schema = CatalogFile.model_json_schema()
    schema["description"] = (
        "A file of the runner strength catalog. Reference it from the first line of a "
        "YAML file: '# yaml-language-server: $schema=schema.json'."
    )
    return schema


def schema_text() -> str:
    return json.dumps(catalog_schema(), indent=2, sort_keys=True) + "\n"
