"""``overtures annotations import|export FILE``, and the reader's corrections in ``analyze``.

Corrections and notes live in ``annotations.json`` in the data folder
(:mod:`desktop.core.annotations.store`). ``analyze`` applies the stored corrections and marks
every corrected actor mention, date and episode with ``"corrected": true``; an article with
annotations also lists them (``"corrections"``, ``"notes"``) with their status.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

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
    from desktop.core.text.articles import load_default_corpus
    from desktop.core.text.markup import plain_text

    return {a.id: plain_text(a.body) for a in load_default_corpus()}


def _read_file(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not a UTF-8 text file") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path} is not JSON (line {exc.lineno}: {exc.msg})") from None


def _sort_known(found: list[Annotation], texts: dict[str, str]) -> tuple[list[Annotation], list[str], list[str]]:
    """The annotations to keep, those refused (unknown articles) and those whose words are gone."""
    from desktop.core.annotations.anchoring import anchor

    keep, refused, orphaned = [], [], []
    for note in found:
        if note.article and note.article not in texts:
            refused.append(f"{note.id}: the library has no article {note.article!r}")
            continue
        keep.append(note)
        if note.article and note.quote is not None and anchor(texts[note.article], note.quote) is None:
            orphaned.append(f"{note.id}: {note.quote.exact!r} is no longer in {note.article} (kept as orphaned)")
    return keep, refused, orphaned


def import_command(args: argparse.Namespace) -> int:
    from desktop.core.annotations.jsonld import read_document
    from desktop.core.annotations.store import load_annotations, merge_new, save_annotations

    try:
        data = _read_file(Path(args.file))
    except ValueError as exc:
        _say(str(exc))
        return 1
    found, problems = read_document(data)
    keep, refused, orphaned = _sort_known(found, _known_texts())
    existing, store_problems = load_annotations()
    for problem in store_problems:
        _say(problem)
    merged, added = merge_new(existing, keep)
    if added:
        save_annotations(merged)
    print(f"imported {len(added)} annotation(s) from {args.file}; {len(keep) - len(added)} already there")
    for line in problems:
        _say(f"not imported: {line}")
    for line in refused:
        _say(f"not imported: {line}")
    for line in orphaned:
        _say(f"imported but orphaned: {line}")
    return 1 if problems or refused else 0


def export_command(args: argparse.Namespace) -> int:
    from desktop.core.annotations.jsonld import export_document
    from desktop.core.annotations.store import load_annotations
    from desktop.core.files.fileio import WriteError, write_text_atomic

    annotations, problems = load_annotations()
    for problem in problems:
        _say(problem)
    try:
        write_text_atomic(args.file, json.dumps(export_document(annotations), ensure_ascii=False, indent=1) + "\n")
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
