"""Errors a runner or coach can act on: each names what is wrong and where."""

from __future__ import annotations

from dataclasses import dataclass


class StrengthError(Exception):
    """Base of every domain error; the CLI and the app show its message, never a traceback."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a catalog, located as precisely as we can."""

    file: str | None
    line: int | None
    exercise: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file + (f" line {self.line}" if self.line else ""))
        if self.exercise:
            where.append(f"exercise '{self.exercise}'")
        if self.field:
            where.append(f"field '{self.field}'")
        return (", ".join(where) + ": " if where else "") + self.message


class CatalogError(StrengthError):
    """The catalog has problems; all of them are listed, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(problems)
        head = f"the catalog has {count} problem{'s' if count != 1 else ''}"
        super().__init__(head + ":\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class FieldIssue:
    """One problem with a runner's answer.

    `field` is the answer's code name ("minutes_per_session", "rules.deload_cut"): the
    app places the message beside the widgets that set it. `message` is what the runner
    reads, in their words. `where` is the file (and line) it came from, if any."""

    field: str
    message: str
    where: str | None = None

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ProfileError(StrengthError):
    """The runner's profile cannot make a plan; all its problems are listed, each one
    naming the answer at fault."""

    def __init__(self, issues: list[FieldIssue]) -> None:
        self.issues = tuple(issues)
        if len(issues) == 1:
            text = str(issues[0])
        else:
            head = f"the profile has {len(issues)} problems"
            text = head + ":\n" + "\n".join(f"  - {issue}" for issue in issues)
        super().__init__(text)
