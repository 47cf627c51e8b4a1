"""The command-line subcommands (no window): analyze, and later export and present."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from desktop.core.annotate.analysis import Analyzer, ArticleAnalysis
from desktop.core.files.logs import log
from desktop.core.text.articles import Article, Corpus, load_corpus, load_default_corpus


def _say(text: str) -> None:
    print(f"overtures: {text}", file=sys.stderr)


def _corpus(paths: list[str]) -> Corpus:
    corpus = load_corpus(*paths) if paths else load_default_corpus()
    for problem in corpus.problems:
        _say(str(problem))
    return corpus


def _analyzer() -> Analyzer:
    """The engine, with what could not be used of the user's actors file said on stderr."""
    analyzer = Analyzer()
    for problem in analyzer.gazetteer.problems:
        _say(problem)
    return analyzer


def _where(article: Article) -> str:
    return article.path.name if article.path else article.id


def analyse_each(analyzer: Analyzer, articles) -> tuple[list[ArticleAnalysis], int]:
    """Analyse every article; one that fails is reported on stderr (file and reason) and
    skipped, never taking the others with it. Returns the analyses and the number failed."""
    analyses, failed = [], 0
    for article in articles:
        try:
            analyses.append(analyzer.analyze(article))
        except Exception as exc:  # any bug in one article's analysis: report it, go on
            failed += 1
            log().exception("analysing %s failed", _where(article))
            _say(f"{_where(article)}: the analysis failed ({type(exc).__name__}: {exc}); the other articles go on")
    return analyses, failed


def analyse_cached(analyzer: Analyzer, corpus: Corpus) -> tuple[list[ArticleAnalysis], dict, int]:
    """Every article's analysis and events through the analysis cache (the window's): those kept
    are read back, the others made (on every core when there are many) and kept. One that fails is
    reported as :func:`analyse_each` does. Returns the analyses, the events by article and the
    number failed."""
    from desktop.core.library.analysiscache import AnalysisCache
    from desktop.core.library.cached import cached_analyses

    cache = AnalysisCache()
    try:
        done = cached_analyses(corpus.articles, analyzer, cache)
    finally:
        cache.close()
    for article in corpus.articles:
        if article.id in done.failed:
            reason = done.failed[article.id]
            _say(f"{_where(article)}: the analysis failed ({reason}); the other articles go on")
    return done.analyses, done.events, len(done.failed)


def output_problem(target: Path) -> str | None:
    """Why ``target`` cannot be written, in the user's own words for it, or None."""
    if target.is_dir():
        return f"{target} is a folder; give a file name ending in .pdf"
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        return f"cannot write {target}: folder {folder} does not exist"
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        return f"cannot write {target}: permission denied"
    return None


def analysis_json(analysis: ArticleAnalysis) -> dict:
    """One article in the ``analyze --json`` contract."""
    a = analysis.article
    return {
        "id": a.id,
        "title": a.title,
        "published": analysis.anchor.isoformat() if analysis.anchor else None,
        "published_inferred": analysis.anchor_inferred,
        "text": analysis.text,
        "actors": [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "actor": m.actor,
                "name": m.name,
                "kind": m.kind,
                "side": m.side,
                "via": m.via,
            }
            for m in analysis.actors
        ],
        "dates": [
            {
                "start": d.start,
                "end": d.end,
                "text": d.text,
                "value": d.value,
                "type": d.type,
                "anchor": d.anchor,
            }
            for d in analysis.dates
        ],
    }


def _episodes_json(episodes, analyses: list[ArticleAnalysis]) -> list[dict]:
    """The episodes of ``analyze --json``; one with two or more sources gains its ``coverage``."""
    from desktop.core.compare.coverage import coverage, coverage_json
    from desktop.core.compare.outlets import Outlets, load_outlets
    from desktop.core.episodes.grouping import episode_json
    from desktop.core.files.lexicons import DataFileError

    by_id = {a.article.id: a for a in analyses}
    outlets = Outlets()
    if any(len(by_id.keys() & set(e.articles)) > 1 for e in episodes):
        try:
            outlets = load_outlets()
        except DataFileError as exc:
            _say(f"{exc}; the kinds of outlets are left unknown")
    out = []
    for episode in episodes:
        entry = episode_json(episode)
        cov = coverage(episode, by_id, outlets=outlets)
        if cov is not None:
            entry["coverage"] = coverage_json(cov)
        out.append(entry)
    return out


def analyze(args: argparse.Namespace) -> int:
    corpus = _corpus(args.paths)
    analyzer = _analyzer()
    analyses, failed = analyse_each(analyzer, corpus)
    from desktop.cli_annotations import StoredCorrections
    from desktop.core.episodes.grouping import build_episodes

    corrections = StoredCorrections.load()
    analyses = corrections.analyses(analyses, analyzer)
    episode_set = corrections.episodes(build_episodes(analyses), analyses)
    if args.json:
        document = {
            "articles": [analysis_json(a) for a in analyses],
            "episodes": _episodes_json(episode_set.episodes, analyses),
        }
        corrections.mark(document)
        json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        from desktop.core.annotate.terminal import print_analysis, print_episodes

        colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
        for analysis in analyses:
            print_analysis(analysis, analyzer, colour=colour)
        print_episodes(episode_set)
    if not corpus.articles:
        _say("no article could be loaded")
        return 1
    if failed:
        _say(f"{failed} of {len(corpus.articles)} article(s) could not be analysed")
        return 1
    return 0


def export(args: argparse.Namespace) -> int:
    """Write the comparison (or coverage) PDF; clear messages and no file at all on any failure."""
    target = Path(args.output)
    problem = output_problem(target)
    if problem:
        _say(problem)
        return 1
    corpus = _corpus(args.paths)
    if target.suffix.lower() != ".pdf":
        _say(f"the output file should end in .pdf: {target}")
        return 2
    analyzer = _analyzer()
    listed, events, failed = analyse_cached(analyzer, corpus)
    from desktop.cli_annotations import StoredCorrections
    from desktop.core.episodes.grouping import build_episodes

    corrections = StoredCorrections.load()
    engine_made = {a.article.id: a for a in listed}
    listed = corrections.analyses(listed, analyzer)
    analyses = {a.article.id: a for a in listed}
    events = {k: v for k, v in events.items() if analyses.get(k) is engine_made.get(k)}  # never of a corrected one
    episode_set = corrections.episodes(build_episodes(listed, events=events), listed)
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # fonts and painting; no window
    try:
        pages = _write_pdf(args, target, analyzer, episode_set, analyses)
    except ValueError as exc:  # UnknownEpisodes (the valid ids listed), TooFewSources, paper, count
        print(f"overtures: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        _say(_write_error(target, exc))
        return 1
    del app
    print(f"wrote {target} ({pages} page{'' if pages == 1 else 's'}, {args.paper.upper()})")
    return 1 if failed else 0


def _write_pdf(args: argparse.Namespace, target: Path, analyzer: Analyzer, episode_set, analyses: dict) -> int:
    """The comparison (or, with ``--coverage``, one episode's coverage) as a PDF; its pages."""
    from desktop.ui.compare.pdf import export_comparison, export_coverage

    if getattr(args, "coverage", None):
        return export_coverage(target, episode_set, analyses, args.coverage, paper=args.paper)
    return export_comparison(
        target,
        episode_set,
        analyses,
        gazetteer=analyzer.gazetteer,
        sides=dict(analyzer.sides()),
        ids=args.episodes,
        paper=args.paper,
        notes=_stored_notes() if getattr(args, "notes", False) else (),
        summary=getattr(args, "summary", ""),
    )


def _stored_notes() -> list:
    """The reader's notes kept in the data folder (``export --notes``)."""
    from desktop.core.annotations.store import load_annotations

    return [a for a in load_annotations()[0] if a.is_note]


def _write_error(target: Path, exc: OSError) -> str:
    """An OSError of a write as the user's path and the reason, never a temporary file's name."""
    if isinstance(exc, IsADirectoryError) or target.is_dir():
        return f"{target} is a folder; give a file name ending in .pdf"
    if isinstance(exc, PermissionError):
        return f"cannot write {target}: permission denied"
    if exc.filename or exc.strerror:
        return f"cannot write {target}: {exc.strerror or exc}"
    return str(exc)
