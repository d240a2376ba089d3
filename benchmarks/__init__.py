"""Benchmarks for the app, the catalog loader and the plan builder.

Run them with `python3 dev.py bench` (or `.venv/bin/python -m benchmarks`). They
report against their goals; they never fail a build. Not part of the test suite.
"""
