"""The start-up index holds no bodies; a body is read from its file when asked for; the engine's
fingerprint stands for the files' content, not their times (issue 11, scale)."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle

from desktop.core.annotate.analysis import Analyzer, content_key
from desktop.core.annotate.startup_cache import content_fingerprint, file_digest
from desktop.core.text.articles import Article, body_digest, body_length, load_corpus
from desktop.core.text.corpusindex import BODIES, CorpusIndex, IndexedArticle, digest_of


def _indexed(corpus_dir, tmp_path):
    index = CorpusIndex(tmp_path / "index.json")
    load_corpus(corpus_dir, index=index)
    index.save()
    return load_corpus(corpus_dir, index=CorpusIndex(tmp_path / "index.json"))


def test_the_index_holds_no_bodies(corpus_dir, tmp_path):
    plain = load_corpus(corpus_dir)
    _indexed(corpus_dir, tmp_path)
    text = (tmp_path / "index.json").read_text(encoding="utf-8")
    entries = json.loads(text)["entries"]
    assert len(entries) == len(plain)
    for entry in entries.values():
        assert "body" not in entry["article"]
    for article in plain:
        assert article.body[200:400] not in text  # no part of a body is kept


def test_a_body_is_read_from_its_file_when_asked_for(corpus_dir, tmp_path):
    plain = {a.id: a for a in load_corpus(corpus_dir)}
    corpus = _indexed(corpus_dir, tmp_path)
    BODIES.clear()
    reads = BODIES.reads
    for article in corpus:
        assert isinstance(article, IndexedArticle) and not article.body_held
        assert body_length(article) == len(plain[article.id].body)  # known without the body
        assert body_digest(article) == digest_of(plain[article.id].body)
        assert content_key(article) == content_key(plain[article.id])
    assert BODIES.reads == reads  # nothing read so far
    first = corpus.articles[0]
    assert first.body == plain[first.id].body and BODIES.reads == reads + 1
    assert first.body == plain[first.id].body and BODIES.reads == reads + 1  # the last ones are kept
    assert not first.body_held
    assert Analyzer().analyze(first).text == Analyzer().analyze(plain[first.id]).text


def test_an_indexed_article_is_an_article(corpus_dir, tmp_path):
    article = _indexed(corpus_dir, tmp_path).articles[0]
    replaced = dataclasses.replace(article, meta={})
    assert replaced.body == article.body and replaced.meta == {}
    copy = pickle.loads(pickle.dumps(replaced))  # as the analysis processes receive it
    assert type(copy) is Article and copy.body == article.body and copy.id == article.id


def test_a_file_changed_after_the_start_gives_its_new_body(corpus_dir, tmp_path):
    corpus = _indexed(corpus_dir, tmp_path)
    article = corpus.get("power-play-2024")
    before = body_digest(article)
    article.path.write_text(article.path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert article.body.endswith("One more line.\n")
    assert body_digest(article) != before and body_digest(article) == digest_of(article.body)


def test_the_fingerprint_follows_the_content_not_the_time(tmp_path):
    files = [tmp_path / "a.py", tmp_path / "b.yaml"]
    files[0].write_text("x = 1\n")
    files[1].write_text("k: v\n")
    named = [(f.name, f) for f in files]
    first = content_fingerprint(named)
    assert file_digest(files[0]) == (file_digest(files[0])[0], False)  # memoised: not read again
    stat = files[0].stat()
    os.utime(files[0], ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))  # a checkout, a touch
    assert content_fingerprint(named) == first
    files[1].write_text("k: w\n")
    assert content_fingerprint(named) != first
    files[1].write_text("k: v\n")
    assert content_fingerprint(named) == first
    files[0].unlink()
    assert content_fingerprint(named) != first
