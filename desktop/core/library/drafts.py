"""Import drafts: what an importer extracted from a page, a file or pasted text, before the user
corrects it; saved as Markdown with front matter into the user's articles folder, atomically, after
a cheap duplicate check (same URL or nearly the same text)."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from desktop.core.files import paths
from desktop.core.files.fileio import write_text_atomic
from desktop.core.text.articles import article_files, load_article

MAX_IMPORT_BYTES = 50 * 1024 * 1024
NEAR_DUPLICATE = 0.9


class ImportFailure(ValueError):
    """Why one source was not imported, naming it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass
class ImportDraft:
    """What was extracted; the UI shows it for correction before :func:`save_draft`."""

    title: str
    body: str
    source: str
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    date_found_by: str = "unknown"  # metadata | url | text | front matter | unknown
    furniture_removed: list[str] = field(default_factory=list)
    article_id: str = ""

    def __post_init__(self) -> None:
        if not self.article_id:
            self.article_id = make_id(self.title, self.published)


def make_id(title: str, published: dt.date | None) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].strip("-") or "article"
    return f"{slug}-{published.year}" if published else slug


def normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def text_hash(text: str) -> str:
    return hashlib.sha256(normalised(text).encode()).hexdigest()


def _shingles(words: list[str], size: int = 5) -> set[int]:
    return {hash(tuple(words[i : i + size])) for i in range(max(1, len(words) - size + 1))}


def similarity(a: str, b: str) -> float:
    """Near-duplicate score of two texts: shingle overlap, confirmed by SequenceMatcher when close."""
    wa, wb = normalised(a).split(), normalised(b).split()
    sa, sb = _shingles(wa), _shingles(wb)
    jaccard = len(sa & sb) / max(1, len(sa | sb))
    if jaccard < 0.5:
        return jaccard
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


@dataclass(frozen=True)
class Duplicate:
    article_id: str
    path: Path
    why: str  # "same URL" | "nearly the same text"


def find_duplicate(draft: ImportDraft, folder: Path | None = None) -> Duplicate | None:
    """An article of the user's folder with the draft's URL or nearly its text, if any."""
    folder = folder or paths.user_articles_dir()
    for path in article_files(folder):
        try:
            article = load_article(path)
        except (ValueError, OSError):
            continue
        if draft.url and article.url and article.url.rstrip("/") == draft.url.rstrip("/"):
            return Duplicate(article.id, path, "same URL")
        if similarity(article.body, draft.body) >= NEAR_DUPLICATE:
            return Duplicate(article.id, path, "nearly the same text")
    return None


def to_markdown(draft: ImportDraft) -> str:
    meta: dict[str, object] = {
        "id": draft.article_id,
        "title": draft.title,
        # the front matter needs a date: with none found, the import day, marked as unknown
        "published": (draft.published or dt.date.today()).isoformat(),
        "published_precision": "day" if draft.published else "unknown",
    }
    for key in ("outlet", "author", "url"):
        if getattr(draft, key):
            meta[key] = getattr(draft, key)
    meta["date_found_by"] = draft.date_found_by
    if draft.furniture_removed:
        meta["furniture_removed"] = draft.furniture_removed
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{draft.body.strip()}\n"


def save_draft(draft: ImportDraft, folder: Path | None = None, *, replace: Path | None = None) -> Path:
    """Write the draft as ``<id>.md`` atomically; ``replace`` is the duplicate's file to overwrite."""
    folder = folder or paths.user_articles_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = replace or folder / f"{draft.article_id}.md"
    n = 2
    while replace is None and target.exists():
        target = folder / f"{draft.article_id}-{n}.md"
        n += 1
    draft.article_id = target.stem
    write_text_atomic(target, to_markdown(draft))
    return target
