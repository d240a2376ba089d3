"""Saving catalog files so that nothing is lost: all-or-nothing saves, and a history to undo from.

A save writes its files and keeps the versions it replaces (and the ones it writes)
in the folder's `.history/`, one folder per save, in one transaction
(`strength.transaction`): a crash, a full disk or a killed process leaves the old
files and no entry, or the new files and their entry, never a mix, and the next
`recover()` (every editor operation and every reader going through `settled()`
calls it first) finishes or rolls back what a crash interrupted:

    my-drills/.history/20270104T093012123456Z/
        change.json            when, what, and each file's version before and after
        before/hamstrings.yaml the file as it was (absent: the save created it)
        after/hamstrings.yaml  the file as the save wrote it

An undo puts the `before/` files back and drops the entry, in one transaction too,
so the last entry always matches the files on disk and Undo always works. The
catalog loader skips hidden folders and files, so neither `.history/` nor a
temporary `.name.yaml.*.tmp` is ever read as part of the catalog.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .transaction import (
    STORE,
    atomic_write,
    commit,
    content_token,
    discard,
    locked,
    read_bytes,
    recover,
    settled,
)

HISTORY = STORE
KEEP = 50  # saves kept per folder; older ones are pruned
_MANIFEST = "change.json"


def remove(path: Path) -> None:
    """Delete a file outside of a save (a save removes files through its transaction)."""
    path.unlink(missing_ok=True)


@dataclass(frozen=True)
class FileVersions:
    """One file of a save: its path inside the folder, and its version before and after."""

    path: str
    before: str | None  # content token; None: the save created the file
    after: str | None  # None: the save removed the file


@dataclass(frozen=True)
class SavedChange:
    """One save, as kept in the folder's history: what undo_last would reverse."""

    folder: Path
    stamp: str
    saved_at: datetime
    summary: str
    files: tuple[FileVersions, ...]

    @property
    def location(self) -> Path:
        return self.folder / HISTORY / self.stamp

    def before(self, path: str) -> bytes | None:
        """The file's bytes before this save (None: it did not exist)."""
        return read_bytes(self.location / "before" / path)

    def after(self, path: str) -> bytes | None:
        """The file's bytes as this save wrote them."""
        return read_bytes(self.location / "after" / path)


def save(
    folder: Path, files: Sequence[tuple[str, bytes | None, bytes | None]], summary: str
) -> SavedChange:
    """Write each (path inside the folder, bytes before, bytes after; None: no file) and
    keep it in the history, all or nothing. Call it holding locked(folder), once the
    versions on disk are known to be the `before` ones."""
    saved_at = datetime.now(UTC)
    store = folder / HISTORY
    stamp = saved_at.strftime("%Y%m%dT%H%M%S%fZ")
    while (store / stamp).exists():
        stamp += "-1"
    entry: dict[str, bytes] = {}
    for path, before, after in files:
        for kind, data in (("before", before), ("after", after)):
            if data is not None:
                entry[f"{kind}/{path}"] = data
    versions = tuple(
        FileVersions(path, content_token(before), content_token(after))
        for path, before, after in files
    )
    manifest = {
        "saved_at": saved_at.isoformat(),
        "summary": summary,
        "files": [vars(version) for version in versions],
    }
    entry[_MANIFEST] = json.dumps(manifest, indent=2).encode("utf-8")
    commit(folder, [(path, after) for path, _before, after in files], record=(stamp, entry))
    return SavedChange(folder, stamp, saved_at, summary, versions)


def undo(change: SavedChange) -> None:
    """Put back every file of the save as it was before it, and drop the save from the
    history, all or nothing. Call it holding locked(folder), once the files on disk are
    known to be the ones the save wrote."""
    writes = [(version.path, change.before(version.path)) for version in change.files]
    commit(change.folder, writes, forget=change.stamp)


def saved_changes(folder: Path) -> tuple[SavedChange, ...]:
    """The folder's history, oldest first (entries that cannot be read are skipped)."""
    store = folder / HISTORY
    if not store.is_dir():
        return ()
    found = []
    for entry in sorted(store.iterdir()):
        if entry.name.startswith(".") or not (entry / _MANIFEST).is_file():
            continue
        try:
            manifest = json.loads((entry / _MANIFEST).read_text(encoding="utf-8"))
            versions = tuple(FileVersions(**item) for item in manifest["files"])
            saved_at = datetime.fromisoformat(manifest["saved_at"])
            summary = str(manifest.get("summary", ""))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        found.append(SavedChange(folder, entry.name, saved_at, summary, versions))
    return tuple(found)


def forget(change: SavedChange) -> None:
    """Drop a save from the history (an old one: an undo drops its save itself)."""
    discard(change.location)


def prune(folder: Path, keep: int = KEEP) -> None:
    """Keep only the latest `keep` saves."""
    for change in saved_changes(folder)[:-keep] if keep else saved_changes(folder):
        forget(change)


__all__ = [
    "HISTORY",
    "KEEP",
    "FileVersions",
    "SavedChange",
    "atomic_write",
    "content_token",
    "forget",
    "locked",
    "prune",
    "read_bytes",
    "recover",
    "remove",
    "save",
    "saved_changes",
    "settled",
    "undo",
]
