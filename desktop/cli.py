"""The command-line subcommands (no window): analyze, and later export and present."""

from __future__ import annotations

import argparse
import json
import sys

from desktop.core.annotate.analysis import Analyzer, ArticleAnalysis
from desktop.core.text.articles import Corpus, load_corpus, load_default_corpus


def _corpus(paths: list[str]) -> Corpus:
    return load_corpus(*paths) if paths else load_default_corpus()


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


def analyze(args: argparse.Namespace) -> int:
    corpus = _corpus(args.paths)
    for problem in corpus.problems:
        print(f"overtures: {problem}", file=sys.stderr)
    analyzer = Analyzer()
    analyses = [analyzer.analyze(article) for article in corpus]
    from desktop.core.episodes.grouping import build_episodes, episode_json

    episode_set = build_episodes(analyses)
    if args.json:
        document = {
            "articles": [analysis_json(a) for a in analyses],
            "episodes": [episode_json(e) for e in episode_set.episodes],
        }
        json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        from desktop.core.annotate.terminal import print_analysis, print_episodes

        colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
        for analysis in analyses:
            print_analysis(analysis, analyzer, colour=colour)
        print_episodes(episode_set)
    if not corpus.articles:
        print("overtures: no article could be loaded", file=sys.stderr)
        return 1
    return 0


def export(args: argparse.Namespace) -> int:
    """Write the comparison PDF; clear messages and no file at all on any failure."""
    from pathlib import Path

    corpus = _corpus(args.paths)
    for problem in corpus.problems:
        print(f"overtures: {problem}", file=sys.stderr)
    target = Path(args.output)
    if target.suffix.lower() != ".pdf":
        print(f"overtures: the output file should end in .pdf: {target}", file=sys.stderr)
        return 2
    analyzer = Analyzer()
    analyses = {a.id: analyzer.analyze(a) for a in corpus}
    from desktop.core.compare.handout import UnknownEpisodes
    from desktop.core.episodes.grouping import build_episodes

    episode_set = build_episodes(list(analyses.values()))
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # fonts and painting; no window
    from desktop.ui.compare.pdf import export_comparison

    try:
        pages = export_comparison(
            target,
            episode_set,
            analyses,
            gazetteer=analyzer.gazetteer,
            sides=dict(analyzer.sides()),
            ids=args.episodes,
            paper=args.paper,
        )
    except UnknownEpisodes as exc:
        print(f"overtures: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"overtures: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"overtures: {exc}", file=sys.stderr)
        return 1
    del app
    print(f"wrote {target} ({pages} pages, {args.paper.upper()})")
    return 0
