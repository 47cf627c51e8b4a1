"""The handout of the default trio is short and says nothing in internal words (issue 14)."""

from __future__ import annotations

import re
import unicodedata

from pypdf import PdfReader

from tests.test_cli import run

#: Words of the code, not of the reader: cue and reason ids, counters of hidden items.
INTERNAL = re.compile(r"\+\d+ more|\bevidence, |\bmotif: |\bfacet:|\bcue:|\bactor:|\btype:|\brole:")


def test_the_trio_handout_is_at_most_ten_pages_in_plain_words(tmp_path):
    target = tmp_path / "handout.pdf"
    out = run("export", "-o", str(target), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    reader = PdfReader(str(target))
    assert len(reader.pages) <= 10
    raw = unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in reader.pages))
    text = " ".join(raw.split())
    assert not INTERNAL.findall(text)
    squeezed = "".join(raw.split())  # the PDF's text may space letters apart ("I n brief")
    assert "Inbrief" in squeezed  # the summary heads the handout
    assert "Mediatororpeacemakeroffers" in squeezed
    assert "Notfoundinanysentenceofthesources:Mediator" not in squeezed
