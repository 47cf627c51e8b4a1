"""Export benchmark: the default comparison PDF (the three named episodes), several runs.

Run: python tests/bench/bench_export.py [RUNS]
     python tests/bench/bench_export.py --library ARTICLES [BASEDIR]
     python tests/bench/bench_export.py --compare [ARTICLES ...]   (default: 1000 10000)


Times what `overtures export -o FILE.pdf` does after the library is analysed: comparing the
three named episodes, laying out and writing the PDF. Also times the whole command as a
subprocess (start, analysis, export) for reference. Target: median under 2 s.

With ``--library ARTICLES``: ``overtures export -o out.pdf`` as a subprocess over a generated
library of ARTICLES articles (``bench_library.write_library``, kept in BASEDIR, default
``/tmp/bench-export-ARTICLES``) against the same command over the five bundled articles, both
after a first run that analyses the library into the analysis cache (as a window session would);
prints each median, the ratio and the issue's target (<= 10 s with 10,000 articles).

With ``--compare``: the build of the default comparison alone (``build_comparison``, the three
named episodes), over the five bundled articles and over libraries of ARTICLES articles made of
copies of them (each bundled article repeated ARTICLES / 5 times, each episode told by all the
copies: a named episode of the 10,000-article library matches about 2,000 articles, as in the
generated library, whose articles are the bundled paragraphs shuffled). Prints each build's time,
its ratio to the bundled one, the sentences the alignment worked on and the pairs it scored
(against all pairs). No analysis is run for the copies, so it takes seconds, not minutes.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(runs: int = 7) -> None:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    from desktop.core.annotate.analysis import Analyzer
    from desktop.core.episodes.grouping import build_episodes
    from desktop.core.text.articles import load_default_corpus
    from desktop.ui.compare.pdf import export_comparison

    analyzer = Analyzer()
    analyses = {a.id: analyzer.analyze(a) for a in load_default_corpus()}
    episodes = build_episodes(list(analyses.values()))
    times, command = [], []
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out.pdf"
        export_comparison(target, episodes, analyses, gazetteer=analyzer.gazetteer, sides=dict(analyzer.sides()))
        for _ in range(runs):
            t0 = time.perf_counter()
            pages = export_comparison(
                target, episodes, analyses, gazetteer=analyzer.gazetteer, sides=dict(analyzer.sides())
            )
            times.append(time.perf_counter() - t0)
        env = dict(os.environ, PYTHONPATH=str(ROOT), OVERTURES_BASEDIR=folder)
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "desktop", "export", "-o", str(target)],
                env=env,
                check=True,
                capture_output=True,
            )
            command.append(time.perf_counter() - t0)
    del app
    print(
        f"default export ({pages} pages): median {statistics.median(times):.2f} s over {runs} runs "
        f"(min {min(times):.2f}, max {max(times):.2f}); target < 2 s: {'met' if statistics.median(times) < 2 else 'NOT met'}"
    )
    print(
        f"whole command 'overtures export -o out.pdf' (start, analysis, export): median {statistics.median(command):.2f} s"
    )


def _command_s(base: Path, target: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT), OVERTURES_BASEDIR=str(base))
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desktop", "export", "-o", str(target)], env=env, check=True, capture_output=True
    )
    return time.perf_counter() - t0


def library(count: int, base: Path, runs: int = 3) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    from bench_library import write_library

    if not (base / "written").exists():
        base.mkdir(parents=True, exist_ok=True)
        write_library(base, count)
        (base / "written").write_text(str(count), encoding="ascii")
    with tempfile.TemporaryDirectory() as small:
        figures = {}
        for name, folder in (("5 bundled", Path(small)), (f"{count} more", base)):
            first = _command_s(folder, folder / "out.pdf")  # analyses the library into the cache
            times = [_command_s(folder, folder / "out.pdf") for _ in range(runs)]
            figures[name] = statistics.median(times)
            print(f"{name:>12}: first run {first:7.2f} s, then median {figures[name]:6.2f} s {sorted(times)}")
    small_s, large_s = figures.values()
    print(f"ratio {large_s / small_s:.2f}; target <= 10 s: {'met' if large_s <= 10 else 'NOT met'}")


def _copies(analyses: dict, episode_set, count: int):
    """The library of ``count`` articles made of copies of the bundled ones, and its episodes."""
    per = max(1, count // len(analyses))
    copies = {}
    for key, analysis in analyses.items():
        for i in range(per):
            new = key if i == 0 else f"{key}~{i}"
            copies[new] = dataclasses.replace(analysis, article=dataclasses.replace(analysis.article, id=new))
    names = {key: [key] + [f"{key}~{i}" for i in range(1, per)] for key in analyses}

    def spread(episode):
        evidence = [dataclasses.replace(ev, article=n) for ev in episode.evidence for n in names.get(ev.article, [])]
        articles = [n for a in episode.articles for n in names.get(a, [a])]
        return dataclasses.replace(episode, articles=articles, evidence=evidence)

    return copies, dataclasses.replace(episode_set, episodes=[spread(e) for e in episode_set.episodes])


def compare_bench(sizes: list[int], runs: int = 3) -> None:
    from desktop.core.annotate.analysis import Analyzer
    from desktop.core.compare import alignment
    from desktop.core.compare.handout import build_comparison
    from desktop.core.episodes.grouping import build_episodes
    from desktop.core.files import paths
    from desktop.core.text.articles import load_corpus

    analyzer = Analyzer()
    bundled = load_corpus(paths.bundled_articles_dir(), bundled=True).articles
    analyses = {a.id: analyzer.analyze(a) for a in bundled}
    episode_set = build_episodes(list(analyses.values()))
    counted: dict = {}
    original = alignment.align

    def counting(pools, *args, **kwargs):  # the sentences aligned, and (where it says) the pairs scored
        stats: dict = {}
        try:
            found = original(pools, *args, stats=stats, **kwargs)
        except TypeError:  # an alignment without stats scores all pairs
            found = original(pools, *args, **kwargs)
        n = sum(len(p) for p in pools)
        counted.update(sentences=n, scored=stats.get("scored", "all"), all=n * (n - 1) // 2)
        return found

    alignment.align = counting
    base = None
    for size in [len(analyses), *sizes]:
        library, episodes = (analyses, episode_set) if size == len(analyses) else _copies(analyses, episode_set, size)
        times = []
        for _ in range(runs if size <= 1000 else 1):
            t0 = time.perf_counter()
            comparison = build_comparison(episodes, library)
            times.append(time.perf_counter() - t0)
        took = statistics.median(times)
        base = base or took
        largest = max(len(s.articles) for s in comparison.subjects)
        print(
            f"{len(library):>6} articles: default comparison {took:7.3f} s = {took / base:7.1f} x bundled; "
            f"largest subject {largest} articles; aligned {counted['sentences']} sentences, "
            f"scored {counted['scored']} pairs of {counted['all']}; {len(comparison.aligned)} aligned groups, "
            f"{len(comparison.unique)} one-episode sentences",
            flush=True,
        )
    alignment.align = original


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--compare":
        compare_bench([int(a) for a in sys.argv[2:]] or [1000, 10000])
    elif len(sys.argv) > 2 and sys.argv[1] == "--library":
        articles = int(sys.argv[2])
        library(articles, Path(sys.argv[3]) if len(sys.argv) > 3 else Path(f"/tmp/bench-export-{articles}"))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
