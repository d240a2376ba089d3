"""The one packaging fact pyproject.toml cannot say: the top-level `exercises/` folder
(where a coach finds and edits the catalog) ships inside the package as
`strength.exercises`, so an installed `strength` reads it with importlib.resources.
Everything else is in pyproject.toml."""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages("src"), "strength.exercises"],
    package_dir={"": "src", "strength.exercises": "exercises"},
)
