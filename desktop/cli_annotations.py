"""``overtures annotations import|export FILE``, and the reader's corrections in ``analyze``.

Corrections and notes live in ``annotations.json`` in the data folder
(:mod:`desktop.core.annotations.store`). ``analyze`` applies the stored corrections and marks
every corrected actor mention, date and episode with ``"corrected": true``; an article with
annotations also lists them (``"corrections"``, ``"notes"``) with their status.
"""

from __future__ import annotations

import argparse
import sys

from desktop.core.annotations.apply import correct_all, is_corrected, place_notes
from desktop.core.annotations.records import MENTION_KINDS, Annotation


def _say(text: str) -> None:
    print(f"overtures: {text}", file=sys.stderr)


def add_parsers(sub) -> None:
    parser = sub.add_parser(
        "annotations",
        help="import or export your corrections and notes (W3C Web Annotation JSON-LD)",
        description="Your corrections and notes are kept in annotations.json in your data folder. Export them "
        "as W3C Web Annotation JSON-LD to share them, or import such a file (importing twice adds nothing).",
    )
    actions = parser.add_subparsers(dest="annotations_command", metavar="ACTION", required=True)
    imp = actions.add_parser("import", help="add the annotations of a JSON-LD file to yours")
    imp.add_argument("file", metavar="FILE")
    exp = actions.add_parser("export", help="write your annotations as a JSON-LD file")
    exp.add_argument("file", metavar="FILE")


def _known_texts() -> dict[str, str]:
    from desktop.core.annotations.exchange import known_texts
    from desktop.core.text.articles import load_default_corpus

    return known_texts(load_default_corpus())


def import_command(args: argparse.Namespace) -> int:
    from desktop.core.annotations.exchange import orphaned_line, plan_import, read_file, refused_line
    from desktop.core.annotations.store import load_annotations, save_annotations

    try:
        data = read_file(args.file)
    except ValueError as exc:
        _say(str(exc))
        return 1
    existing, store_problems = load_annotations()
    for problem in store_problems:
        _say(problem)
    report = plan_import(data, existing, _known_texts())
    if report.added:
        save_annotations(report.merged)
    print(f"imported {len(report.added)} annotation(s) from {args.file}; {len(report.already)} already there")
    for line in report.malformed + [refused_line(n) for n in report.refused]:
        _say(f"not imported: {line}")
    for note in report.orphaned:
        _say(f"imported but orphaned: {orphaned_line(note)}")
    return 1 if report.problems else 0


def export_command(args: argparse.Namespace) -> int:
    from desktop.core.annotations.exchange import export_text
    from desktop.core.annotations.store import load_annotations
    from desktop.core.files.fileio import WriteError, write_text_atomic

    annotations, problems = load_annotations()
    for problem in problems:
        _say(problem)
    try:
        write_text_atomic(args.file, export_text(annotations))
    except (WriteError, OSError) as exc:
        _say(str(exc))
        return 1
    print(f"exported {len(annotations)} annotation(s) to {args.file}")
    return 1 if problems else 0


def run(args: argparse.Namespace) -> int:
    return {"import": import_command, "export": export_command}[args.annotations_command](args)


class StoredCorrections:
    """The stored annotations as ``analyze`` and ``export`` use them; with none, it changes nothing."""

    def __init__(self, annotations: list[Annotation]) -> None:
        self.annotations = annotations
        self.outcomes: dict = {}
        self.episode_outcome = None
        self.by_id: dict = {}
        self.gazetteer = None

    @classmethod
    def load(cls) -> StoredCorrections:
        from desktop.core.annotations.store import load_annotations

        annotations, problems = load_annotations()
        for problem in problems:
            _say(problem)
        return cls(annotations)

    def analyses(self, analyses: list, analyzer) -> list:
        self.gazetteer = analyzer.gazetteer  # names the actors of an event the reader made
        if not self.annotations:
            return analyses
        corrected, self.outcomes = correct_all(analyses, self.annotations, analyzer.gazetteer)
        self.by_id = {a.article_id: a for a in corrected}
        for outcome in self.outcomes.values():
            for note in outcome.orphaned:
                _say(
                    f"your correction {note.id} ({note.kind}) no longer finds its words in {note.article}: "
                    "kept, not applied"
                )
        return corrected

    def episodes(self, episode_set, analyses: list):
        if not any(a.is_episode_edit for a in self.annotations):
            return episode_set
        from desktop.core.annotations.episodes import apply_episode_edits

        texts = {a.article_id: a.text for a in analyses}
        episode_set, self.episode_outcome = apply_episode_edits(episode_set, self.annotations, texts, self.gazetteer)
        for note in self.episode_outcome.orphaned:
            _say(f"your episode edit {note.id} ({note.kind}) no longer finds its episode: kept, not applied")
        return episode_set

    def mark(self, document: dict) -> None:
        """Add ``"corrected": true`` to corrected items and list each article's annotations."""
        if not self.annotations:
            return
        for article in document["articles"]:
            analysis = self.by_id.get(article["id"])
            if analysis is not None:
                self._mark_article(article, analysis)
        if self.episode_outcome is not None:
            for episode in document["episodes"]:
                if episode["id"] in self.episode_outcome.corrected:
                    episode["corrected"] = True
            orphaned = {n.id for n in self.episode_outcome.orphaned}
            document["episode_corrections"] = [
                {"id": n.id, "kind": n.kind, "status": "orphaned" if n.id in orphaned else "applied"}
                for n in self.annotations
                if n.is_episode_edit
            ]

    def _mark_article(self, article: dict, analysis) -> None:
        for item, mention in zip(article["actors"], analysis.actors, strict=True):
            if is_corrected(mention):
                item["corrected"] = True
        for item, date in zip(article["dates"], analysis.dates, strict=True):
            if is_corrected(date):
                item["corrected"] = True
        outcome = self.outcomes.get(analysis.article_id)
        if outcome is not None:
            orphaned = {n.id for n in outcome.orphaned}
            article["corrections"] = [
                {"id": n.id, "kind": n.kind, "status": "orphaned" if n.id in orphaned else "applied"}
                for n in self.annotations
                if n.article == analysis.article_id and n.kind in MENTION_KINDS
            ]
        notes = place_notes(analysis, self.annotations)
        if notes:
            article["notes"] = [
                {"id": p.note.id, "start": p.start, "end": p.end, "body": p.note.body, "orphaned": p.orphaned}
                for p in notes
            ]


COMMANDS = {"annotations": run}
