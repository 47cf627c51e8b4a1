"""Analysis in batches: :func:`analyse_text` is a pure function of (text, metadata) → a JSON-able
analysis (actor and date mentions), so any engine (a process pool here; Dask or Spark partitions on
an archive) can call it and write the same cache. :func:`analyse_library` fills the library's cache
with a process pool; one failing article is reported and never takes the others."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

from desktop.core.files.logs import log
from desktop.core.library.db import Library, engine_fingerprint

_analyzer = None


def analyse_text(text: str, metadata: dict) -> dict:
    """Actors and dates of a plain text; ``metadata['published']`` (ISO date) anchors relative dates."""
    global _analyzer
    from desktop.core.annotate.analysis import Analyzer

    if _analyzer is None:
        _analyzer = Analyzer()
    published = metadata.get("published")
    day = dt.date.fromisoformat(published) if published else None
    analysis = _analyzer.analyze_text(text, day)
    return {
        "anchor": analysis.anchor.isoformat() if analysis.anchor else None,
        "actors": [
            {"start": m.start, "end": m.end, "text": m.text, "actor": m.actor, "side": m.side, "via": m.via}
            for m in analysis.actors
        ],
        "dates": [
            {"start": d.start, "end": d.end, "text": d.text, "value": d.value, "type": d.type} for d in analysis.dates
        ],
    }


def _worker_start(base_dir: str | None, parent: int | None = None) -> None:
    from desktop.core.files import paths
    from desktop.core.library.pool import die_with_parent

    if parent is not None:
        die_with_parent(parent)
    paths.set_base_dir(base_dir)


@dataclass
class BatchReport:
    analysed: int = 0
    cached: int = 0
    failed: dict[str, str] = field(default_factory=dict)


def analyse_library(
    library: Library,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    analyse: Callable[[str, dict], dict] = analyse_text,
) -> BatchReport:
    """Analyse every article the cache lacks for the current engine, in worker processes."""
    from desktop.core.files import paths

    engine = engine_fingerprint()
    todo = library.unanalysed(engine)
    report = BatchReport(cached=library.count() - len(todo))
    if not todo:
        return report
    base = paths.base_dir()
    with ProcessPoolExecutor(
        workers, initializer=_worker_start, initargs=(str(base) if base else None, os.getpid())
    ) as pool:
        futures = {pool.submit(analyse, row["text"], {"published": row["published"]}): row for row in todo}
        for done, future in enumerate(as_completed(futures), 1):
            row = futures[future]
            try:
                library.store_analysis(row["rid"], row["text_hash"], engine, future.result())
                report.analysed += 1
            except Exception as error:  # one article's failure is reported, the batch goes on
                log().exception("analysing %s in the batch failed", row["id"])
                report.failed[row["id"]] = f"{type(error).__name__}: {error}"
            if progress is not None:
                progress(done, len(todo))
    return report
