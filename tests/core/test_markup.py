"""Markdown bodies: the plain text analysis reads, and marks that land on the right words."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.text.markup import Mark, block_spans, plain_text, render_html

BODY = "First paragraph with *emphasis* and a [link](http://x).\n\n- item one\n- item two\n\nLast one."


def test_plain_text_joins_blocks():
    assert plain_text(BODY) == "First paragraph with emphasis and a link.\n\nitem one\nitem two\n\nLast one."


def test_block_spans_index_the_plain_text():
    text = plain_text(BODY)
    assert [text[a:b] for a, b in block_spans(BODY)] == [
        "First paragraph with emphasis and a link.",
        "item one",
        "item two",
        "Last one.",
    ]


def test_marks_wrap_exactly_the_marked_characters():
    text = plain_text(BODY)
    start = text.index("emphasis")
    html = render_html(BODY, [Mark(start, start + len("emphasis"), "actor", title="tip")])
    assert '<em><span class="actor" title="tip">emphasis</span></em>' in html


def test_a_mark_across_inline_elements_and_overlapping_marks():
    text = plain_text(BODY)
    a = text.index("with")
    b = text.index("and") + 3
    inner = text.index("emphasis")
    html = render_html(BODY, [Mark(a, b, "evidence", anchor="ev"), Mark(inner, inner + 8, "actor")])
    assert '<a name="ev"></a>' in html
    assert '<span class="evidence"><span class="actor">emphasis</span></span>' in html
    assert _strip(html).startswith("First paragraph with emphasis and a link.")


def test_suffix_after_mark():
    html = render_html("Minsk said.", [Mark(0, 5, "actor", suffix="BY", suffix_class="side")])
    assert '<span class="actor">Minsk</span><sup class="side">BY</sup>' in html


def test_raw_html_and_entities_are_text():
    assert plain_text("a <script>x</script> &amp; b") == "a <script>x</script> &amp; b"
    assert "&lt;script&gt;" in render_html("a <script>x</script>")


def _strip(html: str) -> str:
    text = re.sub(r"<sup[^>]*>.*?</sup>", "", html)
    text = re.sub(r"<[^>]+>", "", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


words = st.text(alphabet="abc XYZ*_\n-1.>#&<[]()", min_size=0, max_size=80)


@settings(max_examples=150, deadline=None)
@given(words, st.lists(st.tuples(st.integers(0, 90), st.integers(0, 30)), max_size=6))
def test_marks_never_change_the_text(body, raw_marks):
    text = plain_text(body)
    marks = [Mark(a, min(a + n, len(text)), "m") for a, n in raw_marks if a < len(text) and n > 0]
    plain = _strip(render_html(body))
    marked = _strip(render_html(body, marks))
    assert marked == plain


def test_a_paragraph_of_many_marks_renders_every_mark():
    """10,000 dates in one paragraph (the hostile corpus): every mark is drawn and the text is
    unchanged (the time, once quadratic, is measured by tests/bench/bench_hostile_window.py)."""
    body = " ".join(f"On {d % 28 + 1} May talks were held." for d in range(20_000))
    text = plain_text(body)
    marks, at = [], 0
    for _ in range(20_000):
        at = text.index("May", at)
        marks.append(Mark(at, at + 3, "date", href=f"date:{at}", anchor=f"d{at}"))
        at += 3
    html = render_html(body, marks)
    assert html.count('class="date"') == 20_000
    assert _strip(html) == _strip(render_html(body))
