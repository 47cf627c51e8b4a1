"""``overtures import`` and ``overtures search``: the library from the command line. Both bring the
library database up to date with the bundled corpus and the user's articles folder first."""

from __future__ import annotations

import argparse
import json
import sys


def add_parsers(sub) -> None:
    imp = sub.add_parser(
        "import",
        help="import articles from files or URLs into your articles folder",
        description="Import web pages (saved .html or a URL), .md, .txt, .pdf (with a text layer) into your "
        "articles folder as Markdown with front matter. Prints what was imported and why anything was not.",
    )
    imp.add_argument("sources", nargs="+", metavar="PATH_OR_URL")
    imp.add_argument("--replace", action="store_true", help="replace duplicates instead of skipping them")
    imp.add_argument("--json", action="store_true", help="print one JSON document")
    search = sub.add_parser(
        "search",
        help="search the library by words, phrases and actors under any spelling",
        description="Full-text search of the library; a query naming an actor (any spelling) also finds "
        "the articles where the analysis resolved a description to that actor.",
    )
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--actor", metavar="ID")
    search.add_argument("--side", metavar="S")
    search.add_argument("--outlet", metavar="O")
    search.add_argument("--from", dest="date_from", metavar="DATE")
    search.add_argument("--to", dest="date_to", metavar="DATE")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--json", action="store_true", help="print one JSON document")


def _open_library():
    from desktop.core.library.batch import analyse_library
    from desktop.core.library.db import Library
    from desktop.core.library.refresh import refresh

    library = Library()
    for problem in refresh(library):
        print(problem, file=sys.stderr)
    report = analyse_library(library, workers=2)
    for article_id, reason in report.failed.items():
        print(f"{article_id}: analysis failed ({reason})", file=sys.stderr)
    return library


def import_command(args: argparse.Namespace) -> int:
    from desktop.core.library.importing import import_many

    outcomes = import_many(args.sources, on_duplicate="replace" if args.replace else "skip")
    if args.json:
        print(json.dumps([o.to_json() for o in outcomes], ensure_ascii=False, indent=2))
    for o in outcomes:
        if args.json:
            break
        if o.path is not None:
            d = o.draft
            date = f"{d.published.isoformat()} (from {d.date_found_by})" if d.published else "date unknown"
            print(f"imported {d.article_id}: {d.title} · {d.outlet or 'outlet unknown'} · {date}")
        else:
            print(f"not imported {o.source}: {o.problem}", file=sys.stderr)
    if any(o.path for o in outcomes):
        _open_library().close()
    return 1 if any(o.path is None for o in outcomes) else 0


def search_command(args: argparse.Namespace) -> int:
    from desktop.core.library.search import SearchFilters, search

    filters = SearchFilters(args.actor, args.side, args.outlet, args.date_from, args.date_to)
    with _open_library() as library:
        hits = search(library, args.query, filters, limit=args.limit)
    if args.json:
        print(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=2))
        return 0
    for h in hits:
        print(f"{h.article_id} · {h.title} · {h.outlet or 'outlet unknown'} · {h.date or 'date unknown'}")
        print(f"    {h.snippet}")
    if not hits:
        print("no match")
    return 0


COMMANDS = {"import": import_command, "search": search_command}
