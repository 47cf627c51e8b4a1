"""Keeping the library database in step with the article files: the bundled corpus and the user's
articles folder are read (only files whose modification time changed), and rows of files that are
gone are removed. The database can always be rebuilt this way from the files."""

from __future__ import annotations

from pathlib import Path

from desktop.core.files import paths
from desktop.core.library.db import Library
from desktop.core.library.drafts import text_hash
from desktop.core.text.articles import ArticleError, article_files, load_article
from desktop.core.text.markup import plain_text


def _row(path: Path, bundled: bool) -> dict:
    article = load_article(path, bundled=bundled)
    text = plain_text(article.body)
    known = article.published is not None and article.published_precision != "unknown"
    return {
        "id": article.id,
        "path": str(path),
        "title": article.title,
        "outlet": article.outlet,
        "author": str(article.meta.get("author") or "") or None,
        "url": article.url,
        "published": article.published.isoformat() if known else None,
        "text": text,
        "text_hash": text_hash(text),
        "mtime": path.stat().st_mtime,
        "bundled": int(bundled),
    }


def refresh(library: Library, folders: list[tuple[Path, bool]] | None = None) -> list[str]:
    """Bring the index up to date with the folders; the problems met, one line per file."""
    if folders is None:
        folders = [(paths.bundled_articles_dir(), True), (paths.user_articles_dir(), False)]
    known = {r["path"]: (r["id"], r["mtime"]) for r in library.db.execute("SELECT id, path, mtime FROM articles")}
    seen: set[str] = set()
    problems = []
    for folder, bundled in folders:
        for path in article_files(folder):
            key = str(path)
            seen.add(key)
            if key in known and known[key][1] == path.stat().st_mtime:
                continue
            try:
                library.upsert(_row(path, bundled))
            except (ArticleError, OSError) as error:
                problems.append(str(error))
    library.remove(article_id for key, (article_id, _) in known.items() if key not in seen)
    return problems
