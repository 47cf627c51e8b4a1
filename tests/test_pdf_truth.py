"""The handout of the default trio is short and says nothing in internal words (issue 14)."""

from __future__ import annotations

import re
import unicodedata

from pypdf import PdfReader

from tests.test_cli import run

#: Words of the code, not of the reader: cue and reason ids, counters of hidden items.
INTERNAL = re.compile(r"\+\d+ more|\bevidence, |\bmotif: |\bfacet:|\bcue:|\bactor:|\btype:|\brole:")


#: The page furniture of the handout in points: margin (14 mm) plus header or footer (40 px).
FURNITURE = 14 / 25.4 * 72 + 40 * 0.75


def _fill(page) -> float:
    """How far down the body of the page its text goes (0 empty, 1 full), from the text positions."""
    height = float(page.mediabox.height)
    top, bottom = height - FURNITURE, FURNITURE
    ys: list[float] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            ys.append(tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    body = [y for y in ys if bottom - 10 < y < top + 10]
    return (top - min(body)) / (top - bottom) if body else 0.0


def test_the_trio_handout_is_at_most_ten_pages_in_plain_words(tmp_path):
    target = tmp_path / "handout.pdf"
    out = run("export", "-o", str(target), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    reader = PdfReader(str(target))
    assert len(reader.pages) <= 10
    fills = [_fill(page) for page in reader.pages[:-1]]
    assert sum(fills) / len(fills) >= 0.70, fills  # packed pages (the last may be short)
    raw = unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in reader.pages))
    text = " ".join(raw.split())
    assert not INTERNAL.findall(text)
    squeezed = "".join(raw.split())  # the PDF's text may space letters apart ("I n brief")
    assert "Inbrief" in squeezed  # the summary heads the handout
    brief = squeezed.split("Inbrief", 1)[1].split("Sidebyside", 1)[0]
    assert brief.count("(row:") + brief.count("(rows:") >= 3  # each sentence names the rows it comes from
    carried = brief.split("Whocarriedthemessageeachtime", 1)[1].split("(row", 1)[0]
    assert "Mitchellvisit:Lukashenko" in carried  # Minsk's messengers, not the visitor who met them
    assert "Mediatororpeacemakeroffers" in squeezed
    assert "Notfoundinanysentenceofthesources:Mediator" not in squeezed
