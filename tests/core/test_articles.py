"""Loading articles: the bundled corpus, plain-text files, and every kind of bad file."""

import datetime as dt

import pytest

from desktop.core.files import paths
from desktop.core.text.articles import (
    MAX_ARTICLE_BYTES,
    ArticleError,
    CorpusIndex,
    load_article,
    load_corpus,
    load_default_corpus,
)
from desktop.core.text.markup import plain_text
from desktop.core.text.plaintext import plain_text_to_markdown

SEEDS = {
    "makei-unga-2022": ("The Daily Beast", dt.date(2022, 9, 26), "day"),
    "reliable-partner-2018": ("Belarus in focus", dt.date(2018, 11, 5), "approximate"),
    "power-play-2024": ("Belarus in focus", dt.date(2024, 9, 16), "approximate"),
    "security-arbitrage-2022": ("Belarus Security Blog", dt.date(2022, 4, 18), "approximate"),
    "epicenter-2013": (None, dt.date(2013, 2, 25), "approximate"),
}


def test_bundled_corpus_has_the_five_articles_with_their_metadata():
    corpus = load_default_corpus()
    assert corpus.problems == []
    assert sorted(corpus.ids()) == sorted(SEEDS)
    for article_id, (outlet, published, precision) in SEEDS.items():
        article = corpus.get(article_id)
        assert article.outlet == outlet
        assert article.published == published
        assert article.published_precision == precision
        assert article.title and article.bundled


def test_bodies_are_verbatim_and_furniture_is_out():
    corpus = load_default_corpus()
    texts = {a.id: plain_text(a.body) for a in corpus}
    joined = "\n".join(texts.values())
    for furniture in ("ADVERTISEMENT", "Subscribe to our newsletter", "Situation in Belarus"):
        assert furniture not in joined
    # spelling variants are kept exactly as received
    assert "Lukashenka" in texts["security-arbitrage-2022"]
    assert "Makey" in texts["reliable-partner-2018"]
    assert "Updated at 13:33,29-11-2021" in texts["epicenter-2013"]
    # every sentence of the seed survives, character for character
    seed = paths.corpus_dir().parent.parent / "shared" / "seeds" / "001_5efd8e80b02bdff5.txt"
    if seed.exists():
        for line in seed.read_text(encoding="utf-8").splitlines()[1:]:
            if line.strip() and line.strip() not in (
                "Subscribe to our newsletter",
                "Situation in Belarus",
            ):
                assert line.strip() in texts["reliable-partner-2018"]
    # front matter records what was dropped
    assert "ADVERTISEMENT" in corpus.get("makei-unga-2022").furniture_removed


def test_the_bulleted_list_stays_a_list():
    article = load_default_corpus().get("security-arbitrage-2022")
    assert article.body.count("\n- ") == 3


def write(folder, name, content, mode="w"):
    path = folder / name
    if mode == "wb":
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


GOOD = "---\nid: good\ntitle: A good article\npublished: 2024-01-02\n---\n\nMinsk said so.\n"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        (
            "bad-yaml.md",
            "---\nid: x\ntitle: [unclosed\npublished: 2024-01-01\n---\nText\n",
            "bad YAML front matter",
        ),
        ("no-end.md", "---\nid: x\ntitle: T\n", "never ends"),
        ("missing.md", "---\nid: x\ntitle: T\n---\nText\n", "misses required field 'published'"),
        ("missing2.md", "---\noutlet: X\n---\nText\n", "fields 'id', 'title', 'published'"),
        (
            "bad-date.md",
            "---\nid: x\ntitle: T\npublished: 2022-13-45\n---\nText\n",
            "month must be in 1..12",
        ),
        (
            "bad-date2.md",
            "---\nid: x\ntitle: T\npublished: next tuesday\n---\nText\n",
            "not a valid date",
        ),
        (
            "bad-id.md",
            "---\nid: has spaces\ntitle: T\npublished: 2022-01-01\n---\nText\n",
            "'id' must be",
        ),
        ("list.md", "---\n- a\n- b\n---\nText\n", "must be a mapping"),
        ("empty.md", "", "empty"),
        ("blank.txt", "  \n\n  ", "only white space"),
        ("no-body.md", "---\nid: x\ntitle: T\npublished: 2022-01-01\n---\n\n", "no text"),
        (
            "precision.md",
            "---\nid: x\ntitle: T\npublished: 2022-01-01\npublished_precision: roughly\n---\nT\n",
            "published_precision",
        ),
    ],
)
def test_malformed_files_are_reported_with_name_and_reason(tmp_path, name, content, problem):
    path = write(tmp_path, name, content)
    with pytest.raises(ArticleError) as info:
        load_article(path)
    assert info.value.path == path
    assert problem in str(info.value)
    assert str(info.value).startswith(name)


def test_binary_and_non_utf8_files(tmp_path):
    binary = write(tmp_path, "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "wb")
    latin = write(tmp_path, "latin.txt", "Title\nMinsk \xe9t\xe9".encode("latin-1"), "wb")
    with pytest.raises(ArticleError, match="binary"):
        load_article(binary)
    with pytest.raises(ArticleError, match=r"not UTF-8 text \(byte 0xe9 at offset 12\)"):
        load_article(latin)


def test_too_large_file(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Title\n" + b"a" * (MAX_ARTICLE_BYTES + 1))
    with pytest.raises(ArticleError, match="larger than"):
        load_article(path)


def test_one_broken_file_does_not_stop_the_rest(corpus_dir):
    write(corpus_dir, "zz-broken.md", "---\nid: broken\ntitle: [oops\n---\nText\n")
    corpus = load_corpus(corpus_dir)
    assert len(corpus) == 5
    assert len(corpus.problems) == 1
    assert str(corpus.problems[0]).startswith("zz-broken.md: bad YAML front matter")


def test_duplicate_ids_are_reported(tmp_path):
    write(tmp_path, "a.md", GOOD)
    write(tmp_path, "b.md", GOOD)
    corpus = load_corpus(tmp_path)
    assert corpus.ids() == ["good"]
    assert "duplicate article id 'good'" in str(corpus.problems[0])


def test_missing_source_is_a_problem_not_a_crash(tmp_path):
    corpus = load_corpus(tmp_path / "nowhere")
    assert "no such file or folder" in str(corpus.problems[0])


def test_plain_text_file_is_an_article(tmp_path):
    path = write(
        tmp_path,
        "My Notes.txt",
        "Minsk and the West\nLukashenko met *someone* on Monday.\nADVERTISEMENT\n  • first point\n  • second_point\n# not a heading\n",
    )
    article = load_article(path)
    assert article.id == "My-Notes"
    assert article.title == "Minsk and the West"
    assert article.published is None
    assert article.furniture_removed == ("ADVERTISEMENT",)
    text = plain_text(article.body)
    assert text == ("Lukashenko met *someone* on Monday.\n\nfirst point\nsecond_point\n\n# not a heading")


def test_markdown_without_front_matter(tmp_path):
    article = load_article(write(tmp_path, "note.md", "# A heading title\n\nBody text here.\n"))
    assert article.title == "A heading title"
    assert plain_text(article.body) == "Body text here."


def test_plain_text_escaping_round_trips():
    md, removed = plain_text_to_markdown("1. not a list\n> not a quote\n[x](y) <b>z</b> a_b_c\n")
    assert removed == []
    assert plain_text(md) == "1. not a list\n\n> not a quote\n\n[x](y) <b>z</b> a_b_c"


def test_corpus_index_is_used_and_invalidated(corpus_dir, tmp_path):
    index_path = tmp_path / "index.json"
    first = load_corpus(corpus_dir, index=CorpusIndex(index_path))
    index = CorpusIndex(index_path)
    assert load_corpus(corpus_dir, index=index).ids() == first.ids()
    index.save()
    # a changed file is parsed again, not taken from the index
    path = next(corpus_dir.glob("power-play-2024.md"))
    path.write_text(
        path.read_text(encoding="utf-8").replace('title: "Minsk brews', 'title: "Changed: Minsk brews'),
        encoding="utf-8",
    )
    fresh = CorpusIndex(index_path)
    corpus = load_corpus(corpus_dir, index=fresh)
    fresh.save()
    assert corpus.get("power-play-2024").title.startswith("Changed:")
    # and a damaged index is ignored
    index_path.write_text("{not json", encoding="utf-8")
    assert load_corpus(corpus_dir, index=CorpusIndex(index_path)).ids() == first.ids()
