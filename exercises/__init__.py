"""The bundled exercise catalog, shipped inside the package as `strength.exercises`.

This file only makes the folder a package, so an installed `strength` finds its
catalog with importlib.resources; the catalog is the YAML beside it (README.md).
"""
