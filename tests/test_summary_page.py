"""The optional one-page summary of the comparison (issue 14): alone, or as the handout's first page."""

from __future__ import annotations

import unicodedata

import pytest
from pypdf import PdfReader

from tests.test_cli import run
from tests.test_pdf_truth import INTERNAL


def squeeze(text: str) -> str:
    """The text without spaces (a PDF's text may space letters apart or break lines anywhere)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def trio():
    from desktop.core.annotate.analysis import Analyzer
    from desktop.core.compare.handout import build_comparison
    from desktop.core.episodes.grouping import build_episodes
    from desktop.core.text.articles import load_default_corpus

    analyzer = Analyzer()
    analyses = {a.id: analyzer.analyze(a) for a in load_default_corpus()}
    return build_comparison(build_episodes(list(analyses.values())), analyses)


def _export(tmp_path, *flags: str) -> PdfReader:
    target = tmp_path / "handout.pdf"
    out = run("export", *flags, "-o", str(target), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    return PdfReader(str(target))


def test_the_summary_alone_is_one_page_with_the_sentences_and_every_facet(tmp_path, trio):
    reader = _export(tmp_path, "--summary-only")
    assert len(reader.pages) == 1
    raw = reader.pages[0].extract_text()
    text = squeeze(raw)
    assert "Page1of1" in text and "Overtures·Comparisonofepisodes" in text  # the running header and footer
    assert trio.summary
    for sentence in trio.summary:
        assert squeeze(sentence.text) in text, sentence.text
        assert squeeze("".join(f"[{n}]" for n in sentence.citations)) in text
    for row in trio.facets:
        assert squeeze(row.label) in text, row.label
    for citation in trio.citations:  # the sources the citations name are on the page
        assert squeeze(f"[{citation.number}] {citation.outlet}") in text
    assert not INTERNAL.findall(" ".join(raw.split()))
    assert "Sidebyside" not in text and "Alignedsentences" not in text  # only the summary


def test_the_summary_page_heads_the_full_handout_once(tmp_path, trio):
    reader = _export(tmp_path, "--summary-page")
    pages = [squeeze(page.extract_text()) for page in reader.pages]
    assert "Thefacetsataglance" in pages[0] and "Sidebyside" not in pages[0]
    assert squeeze(trio.summary[0].text) in pages[0]
    rest = "".join(pages[1:])
    assert "Sidebyside" in rest and "Alignedsentences" in rest  # the full comparison follows
    assert "Inbrief" not in rest  # the summary is not said twice
    assert f"Page1of{len(pages)}" in pages[0]


def test_the_two_summary_flags_exclude_each_other(tmp_path):
    out = run("export", "--summary-page", "--summary-only", "-o", str(tmp_path / "x.pdf"), cwd=tmp_path)
    assert out.returncode == 2
    assert "not allowed with" in out.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_long_summary_is_shrunk_onto_one_page(qapp, tmp_path, trio):
    """Four episodes or long key terms: the page is laid out larger and painted smaller, never two pages."""
    import dataclasses

    from desktop.ui.compare.pdf import HandoutPainter, prepare_handout

    rows = tuple(dataclasses.replace(r, id=f"{r.id}{n}", label=f"{r.label} {n}") for n in range(4) for r in trio.facets)
    long = dataclasses.replace(trio, facets=rows)
    handout = prepare_handout(long, {}, summary="only")
    job = HandoutPainter(tmp_path / "long.pdf", handout)
    try:
        assert job.pages == 1 and job.zoom > 1.0
        for number in range(job.pages):
            job.paint_page(number)
    finally:
        job.close()
    text = squeeze(PdfReader(str(tmp_path / "long.pdf")).pages[0].extract_text())
    assert squeeze(rows[-1].label) in text


def test_long_subjects_in_the_running_header_are_set_smaller_never_over_the_title(qapp):
    from PySide6.QtGui import QFontMetricsF

    from desktop.core.annotate.document import SANS_FAMILIES
    from desktop.ui.compare.pdf import _fitted_line, _font

    subjects = " · ".join(["Mitchell visits Minsk; meets Lukashenko and Makei"] * 4)
    room = QFontMetricsF(_font(SANS_FAMILIES, 6.0, pixels=True)).horizontalAdvance(subjects) + 1
    font, text = _fitted_line(subjects, room)
    assert QFontMetricsF(font).horizontalAdvance(text) <= room
    assert text == subjects and font.pixelSize() < round(7.5 * 96 / 72)  # smaller, still whole
    font, text = _fitted_line(subjects * 3, room)
    assert text.endswith("…") and QFontMetricsF(font).horizontalAdvance(text) <= room  # at the least size: elided
