"""Search over the library: words and phrases through SQLite FTS5, and actors by any of their
spellings (a query naming an actor also finds the articles where the analysis resolved a role or
description to that actor). Filters by actor, side, outlet and date range; each result has a
snippet with the match between plain-text markers, the article id and the match's offset."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from desktop.core.library.actor_names import ActorNames, actor_names, resolve_actor
from desktop.core.library.db import Library

MARK_OPEN, MARK_CLOSE = "[[", "]]"
SNIPPET_CHARS = 80


@dataclass(frozen=True)
class SearchFilters:
    actor: str | None = None
    side: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    title: str
    outlet: str | None
    date: str | None
    snippet: str
    offset: int
    via: str  # "text" | "actor"

    def to_json(self) -> dict:
        return asdict(self)


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_query(query: str, actor: ActorNames | None) -> str:
    """The FTS5 expression: the user's words and quoted phrases, or every spelling of the actor."""
    if actor is not None:
        return " OR ".join(_fts_phrase(s) for s in actor.spellings)
    phrases = re.findall(r'"([^"]+)"|(\S+)', query)
    return " AND ".join(_fts_phrase(p or w) for p, w in phrases if (p or w).strip('"'))


def _filter_sql(filters: SearchFilters) -> tuple[str, list]:
    clauses, args = [], []
    table = {
        "outlet": ("a.outlet = ? COLLATE NOCASE", filters.outlet),
        "from": ("a.published >= ?", filters.date_from),
        "to": ("a.published <= ?", filters.date_to),
        "actor": ("a.rid IN (SELECT rid FROM mentions WHERE actor = ?)", filters.actor),
        "side": ("a.rid IN (SELECT rid FROM mentions WHERE side = ?)", filters.side),
    }
    for clause, value in table.values():
        if value:
            clauses.append(clause)
            args.append(value)
    return "".join(f" AND {c}" for c in clauses), args


def _match_pattern(query: str, actor: ActorNames | None) -> re.Pattern:
    words = actor.spellings if actor else [p or w for p, w in re.findall(r'"([^"]+)"|(\S+)', query)]
    alternatives = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words if w), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives or ["$^"]) + r")\b", re.I)


def snippet(text: str, start: int, end: int, width: int = SNIPPET_CHARS) -> str:
    left, right = max(0, start - width), min(len(text), end + width)
    before = ("…" if left else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) else "")
    return " ".join(f"{before}{MARK_OPEN}{text[start:end]}{MARK_CLOSE}{after}".split())


def search(
    library: Library, query: str, filters: SearchFilters | None = None, limit: int = 50, actors=None
) -> list[SearchHit]:
    filters = filters or SearchFilters()
    actor = resolve_actor(query, actors if actors is not None else actor_names()) if query.strip() else None
    where, args = _filter_sql(filters)
    found: dict[str, SearchHit] = {}
    pattern = _match_pattern(query, actor)
    expression = fts_query(query, actor)
    if expression:
        rows = library.db.execute(
            "SELECT a.* FROM articles_fts f JOIN articles a ON a.rid = f.rowid "
            f"WHERE articles_fts MATCH ?{where} ORDER BY f.rank LIMIT ?",
            [expression, *args, limit],
        ).fetchall()
        for row in rows:
            match = pattern.search(row["text"])
            start, end = (match.start(), match.end()) if match else (0, 0)
            found[row["id"]] = _hit(row, start, end, "text")
    if actor is not None:
        rows = library.db.execute(
            'SELECT a.*, min(m.start) AS m_start, m."end" AS m_end FROM mentions m JOIN articles a ON a.rid = m.rid '
            f"WHERE m.actor = ?{where} GROUP BY a.rid LIMIT ?",
            [actor.id, *args, limit],
        ).fetchall()
        for row in rows:
            if row["id"] not in found:
                found[row["id"]] = _hit(row, row["m_start"], row["m_end"], "actor")
    return list(found.values())[:limit]


def _hit(row, start: int, end: int, via: str) -> SearchHit:
    return SearchHit(
        row["id"], row["title"], row["outlet"], row["published"], snippet(row["text"], start, end), start, via
    )
