"""Import from a web page: the article body without navigation, ads, related links and captions,
its title, outlet, author and URL (trafilatura), and its publication date with how it was found
(htmldate: metadata, URL or text). The network is used only for a URL the user gave."""

from __future__ import annotations

import datetime as dt
import re
import urllib.error
import urllib.request

from desktop.core.library.drafts import MAX_IMPORT_BYTES, ImportDraft, ImportFailure

FETCH_TIMEOUT = 15.0
MIN_ARTICLE_WORDS = 80
_PAYWALL = re.compile(
    r"subscribe to (continue|read)|subscribers only|to continue reading|already a subscriber|"
    r"this (article|content) is for (paid )?subscribers|sign in to read",
    re.I,
)


def fetch(url: str, timeout: float = FETCH_TIMEOUT) -> str:
    """The page at ``url`` as text; :class:`ImportFailure` when it cannot be reached."""
    request = urllib.request.Request(url, headers={"User-Agent": "Overtures article import"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_IMPORT_BYTES + 1)
            charset = response.headers.get_content_charset() or "utf-8"
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise ImportFailure(url, f"the page could not be fetched ({reason})") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFailure(url, "the page is larger than 50 MB")
    return data.decode(charset, errors="replace")


def _date_found(html: str, url: str | None) -> tuple[dt.date | None, str]:
    from htmldate import find_date

    found = find_date(html, extensive_search=False, outputformat="%Y-%m-%d")
    if found:
        return dt.date.fromisoformat(found), "metadata"
    if url:
        found = find_date(url, extensive_search=False, url=url, outputformat="%Y-%m-%d")
        if found:
            return dt.date.fromisoformat(found), "url"
    found = find_date(html, extensive_search=True, outputformat="%Y-%m-%d")
    if found:
        return dt.date.fromisoformat(found), "text"
    return None, "unknown"


def draft_from_html(html: str, source: str, url: str | None = None) -> ImportDraft:
    """Extract the article of a page; :class:`ImportFailure` for no text, a paywall stub, a non-article."""
    import trafilatura

    if not re.sub(r"<[^>]*>|\s", "", html):
        raise ImportFailure(source, "the HTML page has no text")
    doc = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=False, include_images=False, with_metadata=True
    )
    body = (doc.text if doc is not None else "") or ""
    _refuse_non_article(body, html, source)
    published, how = _date_found(html, url or doc.url)
    title = (doc.title or "").strip() or body.split("\n", 1)[0][:120]
    return ImportDraft(
        title=title,
        body=_without_title(_paragraphs(body), title),
        source=source,
        outlet=doc.sitename or doc.hostname or None,
        author=doc.author or None,
        url=url or doc.url or None,
        published=published,
        date_found_by=how,
    )


def _refuse_non_article(body: str, html: str, source: str) -> None:
    words = len(body.split())
    if words == 0:
        raise ImportFailure(source, "the HTML page has no article text")
    if words < MIN_ARTICLE_WORDS:
        if _PAYWALL.search(html):
            raise ImportFailure(source, f"a paywall stub: only {words} words before the subscription notice")
        raise ImportFailure(source, f"not an article: only {words} words of running text")


def _without_title(body: str, title: str) -> str:
    """The body without a first paragraph that only repeats the title (the page's ``<h1>``)."""
    first, _, rest = body.partition("\n\n")
    if rest and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return body


def _paragraphs(text: str) -> str:
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def draft_from_url(url: str, timeout: float = FETCH_TIMEOUT) -> ImportDraft:
    return draft_from_html(fetch(url, timeout), url, url=url)
