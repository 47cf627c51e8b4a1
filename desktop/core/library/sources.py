"""Import from files and pasted text: ``.md`` (front matter, read by the text stage), ``.txt``,
``.html`` (through :mod:`desktop.core.library.web`), ``.pdf`` with a text layer (pypdf). Each kind
has its reader in one table; every failure is an :class:`ImportFailure` naming the file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.core.library.drafts import MAX_IMPORT_BYTES, ImportDraft, ImportFailure
from desktop.core.library.web import draft_from_html
from desktop.core.text.articles import ArticleError, load_article
from desktop.core.text.plaintext import plain_text_to_markdown


def _from_article_file(path: Path) -> ImportDraft:
    try:
        article = load_article(path)
    except ArticleError as error:
        raise ImportFailure(str(path), str(error).removeprefix(f"{path}: ")) from None
    precision_known = article.published is not None and article.published_precision != "unknown"
    return ImportDraft(
        title=article.title,
        body=article.body,
        source=str(path),
        outlet=article.outlet,
        author=str(article.meta.get("author") or "") or None,
        url=article.url,
        published=article.published if precision_known else None,
        date_found_by="front matter" if precision_known else "unknown",
        furniture_removed=list(article.furniture_removed),
        article_id=article.id if article.meta else "",
    )


def _from_html_file(path: Path) -> ImportDraft:
    html = path.read_bytes().decode("utf-8", errors="replace")
    return draft_from_html(html, str(path))


def _from_pdf(path: Path) -> ImportDraft:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
        meta_title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    except (PdfReadError, ValueError, OSError) as error:
        raise ImportFailure(str(path), f"not a readable PDF ({error})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise ImportFailure(str(path), "the PDF has no text layer (a scan or images only)")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = str(meta_title or lines[0])[:200]
    body, removed = plain_text_to_markdown("\n".join(lines[1:] if not meta_title else lines))
    return ImportDraft(title=title, body=body, source=str(path), furniture_removed=removed)


READERS: dict[str, Callable[[Path], ImportDraft]] = {
    ".md": _from_article_file,
    ".markdown": _from_article_file,
    ".txt": _from_article_file,
    ".html": _from_html_file,
    ".htm": _from_html_file,
    ".pdf": _from_pdf,
}


def draft_from_file(path: str | Path) -> ImportDraft:
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ImportFailure(str(path), f"cannot import {path.suffix or 'files without a suffix'}")
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportFailure(str(path), f"cannot be read ({error.strerror or error})") from None
    if size > MAX_IMPORT_BYTES:
        raise ImportFailure(str(path), f"the file is {size // (1024 * 1024)} MB, over the 50 MB limit")
    return reader(path)


def draft_from_paste(text: str) -> ImportDraft:
    """A draft from pasted text: the first line is the title."""
    lines = text.strip().splitlines()
    if not lines or not "".join(lines[1:]).strip():
        raise ImportFailure("pasted text", "needs a title line and some text")
    body, removed = plain_text_to_markdown("\n".join(lines[1:]))
    return ImportDraft(title=lines[0].strip()[:200], body=body, source="pasted text", furniture_removed=removed)
