"""Importing articles into the library: web pages, files, pasted text, duplicates, bad input."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from pathlib import Path

import pytest

from desktop.core.files import paths
from desktop.core.library.drafts import ImportFailure, find_duplicate
from desktop.core.library.importing import import_many
from desktop.core.library.sources import draft_from_file, draft_from_paste
from desktop.core.library.web import draft_from_url
from desktop.core.text.articles import load_article

DATA = Path(__file__).resolve().parent.parent / "data" / "library"


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer (or none, for an empty list), written by hand."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET" if lines else ""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


PDF_LINES = ["Report on Belarus and the West", "Minsk proposed talks with Washington on sanctions."] + [
    "The delegation met officials and discussed the release of prisoners in detail." for _ in range(5)
]


def test_saved_news_page_gives_title_outlet_date_and_body_only():
    draft = draft_from_file(DATA / "news-page.html")
    assert draft.title == "Minsk courts Warsaw over border crossings as freight queues grow"
    assert draft.outlet == "Eastern Ledger"
    assert draft.author == "Daria Kowal"
    assert draft.published == dt.date(2025, 3, 14)
    assert draft.date_found_by == "metadata"
    assert draft.url.startswith("https://easternledger.example/")
    assert "freight queues on both sides" in draft.body
    assert "end of the month" in draft.body
    assert draft.title not in draft.body, "the headline is the title, not the body's first paragraph"
    for furniture in ("ADVERTISEMENT", "Sponsored", "Related stories", "Grain corridor", "Lorries wait", "Privacy"):
        assert furniture not in draft.body


@pytest.mark.parametrize(
    ("name", "reason"),
    [("paywall.html", "paywall stub"), ("empty.html", "no text"), ("missing.html", "cannot be read")],
)
def test_bad_html_is_refused_naming_the_file(name, reason):
    with pytest.raises(ImportFailure) as info:
        draft_from_file(DATA / name)
    assert reason in info.value.reason
    assert name in str(info.value)


def test_markdown_and_text_files():
    md = draft_from_file(DATA / "dispatch.md")
    assert (md.article_id, md.outlet, md.author, md.date_found_by) == (
        "vienna-dispatch-2019",
        "Danube Observer",
        "Karl Reiter",
        "front matter",
    )
    txt = draft_from_file(DATA / "notes.txt")
    assert txt.title == "Lithuania reviews transit rules for Belarusian potash"
    assert "Klaipeda" in txt.body and txt.published is None


def test_pdf_with_and_without_text_layer(tmp_path):
    good, empty = tmp_path / "report.pdf", tmp_path / "scan.pdf"
    good.write_bytes(minimal_pdf(PDF_LINES))
    empty.write_bytes(minimal_pdf([]))
    draft = draft_from_file(good)
    assert draft.title == "Report on Belarus and the West"
    assert "sanctions" in draft.body
    with pytest.raises(ImportFailure, match="no text layer"):
        draft_from_file(empty)


def test_a_file_over_the_size_cap_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    with pytest.raises(ImportFailure, match="over the 50 MB limit"):
        draft_from_file(big)


def test_pasted_text():
    draft = draft_from_paste("Talks in Minsk\n\nThe minister met envoys in Minsk on Friday.")
    assert draft.title == "Talks in Minsk" and "envoys" in draft.body
    with pytest.raises(ImportFailure):
        draft_from_paste("only a title")


@pytest.fixture
def local_site():
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(DATA), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_import_from_a_local_server_and_unreachable_url(local_site):
    draft = draft_from_url(f"{local_site}/news-page.html")
    assert draft.outlet == "Eastern Ledger" and "freight queues" in draft.body
    with pytest.raises(ImportFailure, match="could not be fetched"):
        draft_from_url(f"{local_site}/nothing-here.html")
    with pytest.raises(ImportFailure, match="could not be fetched"):
        draft_from_url("http://127.0.0.1:9/", timeout=1)


def test_batch_saves_good_sources_reports_bad_ones_and_detects_duplicates(tmp_path):
    folder = paths.user_articles_dir()
    sources = [str(DATA / n) for n in ("news-page.html", "paywall.html", "empty.html", "notes.txt", "dispatch.md")]
    outcomes = import_many(sources)
    saved = [o for o in outcomes if o.path]
    assert len(saved) == 3
    assert {Path(o.source).name for o in outcomes if o.problem} == {"paywall.html", "empty.html"}
    assert sorted(p.name for p in folder.iterdir()) == sorted(o.path.name for o in saved)  # nothing half-written
    article = load_article(next(o.path for o in saved if o.source.endswith("news-page.html")))
    assert article.outlet == "Eastern Ledger" and article.published == dt.date(2025, 3, 14)
    # the same page again, and a copy with a changed word: duplicates, skipped or replaced
    copy = tmp_path / "copy.html"
    copy.write_text((DATA / "news-page.html").read_text().replace("Thursday", "Wednesday"))
    again = import_many([str(DATA / "news-page.html"), str(copy)])
    assert all(o.duplicate_of and o.path is None for o in again)
    draft = draft_from_file(copy)
    draft.url = None
    assert find_duplicate(draft).why == "nearly the same text"
    replaced = import_many([str(copy)], on_duplicate="replace")
    assert replaced[0].path is not None and len(list(folder.iterdir())) == 3
    assert "Wednesday" in load_article(replaced[0].path).body
