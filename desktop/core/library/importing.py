"""Batch import: each path or URL becomes a draft (web or file readers), is checked for a duplicate
and saved; one bad source is reported and never stops the rest of the batch."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.library.drafts import ImportDraft, ImportFailure, find_duplicate, save_draft
from desktop.core.library.sources import draft_from_file
from desktop.core.library.web import FETCH_TIMEOUT, draft_from_url


@dataclass
class ImportOutcome:
    source: str
    draft: ImportDraft | None = None
    path: Path | None = None
    problem: str | None = None
    duplicate_of: str | None = None

    def to_json(self) -> dict:
        d = self.draft
        return {
            "source": self.source,
            "imported": self.path is not None,
            "id": d.article_id if d else None,
            "title": d.title if d else None,
            "outlet": d.outlet if d else None,
            "author": d.author if d else None,
            "date": d.published.isoformat() if d and d.published else None,
            "date_found_by": d.date_found_by if d else None,
            "path": str(self.path) if self.path else None,
            "problem": self.problem,
            "duplicate_of": self.duplicate_of,
        }


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def draft_for(source: str, timeout: float = FETCH_TIMEOUT) -> ImportDraft:
    return draft_from_url(source, timeout) if is_url(source) else draft_from_file(source)


def import_one(source: str, folder: Path | None = None, on_duplicate: str = "skip", timeout: float = FETCH_TIMEOUT):
    """Import one source; ``on_duplicate`` is ``skip`` or ``replace``."""
    try:
        draft = draft_for(source, timeout)
    except ImportFailure as failure:
        return ImportOutcome(source, problem=failure.reason)
    duplicate = find_duplicate(draft, folder)
    if duplicate is not None and on_duplicate == "skip":
        return ImportOutcome(
            source,
            draft,
            problem=f"a duplicate of '{duplicate.article_id}' ({duplicate.why}): skipped",
            duplicate_of=duplicate.article_id,
        )
    try:
        path = save_draft(draft, folder, replace=duplicate.path if duplicate else None)
    except OSError as error:
        return ImportOutcome(source, draft, problem=f"could not be saved ({error})")
    return ImportOutcome(source, draft, path, duplicate_of=duplicate.article_id if duplicate else None)


def import_many(sources: Iterable[str], folder: Path | None = None, on_duplicate: str = "skip", progress=None):
    outcomes = []
    sources = list(sources)
    for n, source in enumerate(sources, 1):
        outcomes.append(import_one(source, folder, on_duplicate))
        if progress is not None:
            progress(n, len(sources))
    return outcomes
