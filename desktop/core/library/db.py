"""The library database: one SQLite file (WAL) in the user's data folder indexing every article's
metadata and plain text, a full-text index (FTS5), and the analysis cache keyed by the text's hash
and the engine's fingerprint. The articles stay files; :meth:`Library.refresh` rebuilds the index
from them. The schema carries a version and is migrated step by step."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop.core.files import paths

SCHEMA_VERSION = 2

_MIGRATIONS = {
    1: """
    CREATE TABLE articles (
        rid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, path TEXT, title TEXT NOT NULL,
        outlet TEXT, author TEXT, url TEXT, published TEXT, text TEXT NOT NULL,
        text_hash TEXT NOT NULL, mtime REAL, bundled INTEGER NOT NULL DEFAULT 0);
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rid',
        tokenize='unicode61 remove_diacritics 2');
    CREATE TABLE analyses (text_hash TEXT NOT NULL, engine TEXT NOT NULL, data TEXT NOT NULL,
        PRIMARY KEY (text_hash, engine));
    """,
    2: """
    CREATE TABLE mentions (rid INTEGER NOT NULL, actor TEXT NOT NULL, side TEXT, start INTEGER,
        "end" INTEGER, engine TEXT NOT NULL);
    CREATE INDEX mentions_actor ON mentions (actor, rid);
    CREATE INDEX mentions_rid ON mentions (rid);
    CREATE INDEX articles_outlet ON articles (outlet);
    CREATE INDEX articles_published ON articles (published);
    """,
}

ARTICLE_FIELDS = (
    "id",
    "path",
    "title",
    "outlet",
    "author",
    "url",
    "published",
    "text",
    "text_hash",
    "mtime",
    "bundled",
)


def default_path() -> Path:
    return paths.data_dir() / "library.sqlite3"


def engine_fingerprint() -> str:
    """A hash of the analysis engine's source and data files: a new engine re-analyses (their
    content, taken again only for a file whose time changed: see ``startup_cache``)."""
    from desktop.core.annotate.startup_cache import content_fingerprint

    package = Path(__file__).resolve().parents[1]
    files = sorted((package / "annotate").glob("*.py")) + sorted((package / "text").glob("*.py"))
    named = [(f"{f.parent.name}/{f.name}", f) for f in files]
    corpus = paths.corpus_dir()
    named += [(f.relative_to(corpus).as_posix(), f) for f in sorted(corpus.glob("*.yaml"))]
    named += [(f.relative_to(corpus).as_posix(), f) for f in sorted(corpus.glob("lexicons/*")) if f.is_file()]
    user = paths.user_actors_file()
    if user.exists():
        named.append(("user/actors", user))
    return content_fingerprint(named)[:16]


class Library:
    """The open library database."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=10.0)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self._migrate()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        while self.version < SCHEMA_VERSION:
            step = self.version + 1
            with self.db:
                self.db.executescript(f"BEGIN; {_MIGRATIONS[step]} PRAGMA user_version = {step}; COMMIT;")

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """One transaction holding the write lock from its first read: what a change reads of the
        old row (the full-text index deletes by the old title and text) is what it replaces, even
        with another instance writing; all of it is committed, or none (a kill -9 included)."""
        if self.db.in_transaction:
            self.db.commit()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.rollback()
            raise
        self.db.commit()

    # ------------------------------------------------------------------ articles

    def upsert(self, row: dict) -> int:
        """Insert or update one article (a dict of :data:`ARTICLE_FIELDS`); its rowid."""
        values = [row.get(f) for f in ARTICLE_FIELDS]
        with self._writing():
            old = self.db.execute("SELECT rid, title, text FROM articles WHERE id = ?", (row["id"],)).fetchone()
            if old is not None:
                self.db.execute(
                    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES('delete', ?, ?, ?)",
                    (old["rid"], old["title"], old["text"]),
                )
                self.db.execute("DELETE FROM mentions WHERE rid = ?", (old["rid"],))
                sets = ", ".join(f"{f} = ?" for f in ARTICLE_FIELDS)
                self.db.execute(f"UPDATE articles SET {sets} WHERE rid = ?", (*values, old["rid"]))
                rid = old["rid"]
            else:
                marks = ", ".join("?" for _ in ARTICLE_FIELDS)
                cur = self.db.execute(f"INSERT INTO articles ({', '.join(ARTICLE_FIELDS)}) VALUES ({marks})", values)
                rid = cur.lastrowid
            self.db.execute(
                "INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)", (rid, row["title"], row["text"])
            )
        return rid

    def remove(self, article_ids: Iterable[str]) -> None:
        with self._writing():
            for article_id in article_ids:
                old = self.db.execute("SELECT rid, title, text FROM articles WHERE id = ?", (article_id,)).fetchone()
                if old is None:
                    continue
                self.db.execute(
                    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES('delete', ?, ?, ?)",
                    (old["rid"], old["title"], old["text"]),
                )
                self.db.execute("DELETE FROM mentions WHERE rid = ?", (old["rid"],))
                self.db.execute("DELETE FROM articles WHERE rid = ?", (old["rid"],))

    def articles(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM articles ORDER BY published, id").fetchall()

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    # ------------------------------------------------------------------ analysis cache

    def cached(self, text_hash: str, engine: str) -> dict | None:
        row = self.db.execute(
            "SELECT data FROM analyses WHERE text_hash = ? AND engine = ?", (text_hash, engine)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def store_analysis(self, rid: int, text_hash: str, engine: str, analysis: dict) -> None:
        """Cache an analysis and index its actor mentions for the article, in one transaction."""
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO analyses (text_hash, engine, data) VALUES (?, ?, ?)",
                (text_hash, engine, json.dumps(analysis)),
            )
            self._index_mentions(rid, engine, analysis)

    def _index_mentions(self, rid: int, engine: str, analysis: dict) -> None:
        self.db.execute("DELETE FROM mentions WHERE rid = ?", (rid,))
        self.db.executemany(
            'INSERT INTO mentions (rid, actor, side, start, "end", engine) VALUES (?, ?, ?, ?, ?, ?)',
            [(rid, m["actor"], m["side"], m["start"], m["end"], engine) for m in analysis["actors"] if m["actor"]],
        )

    def unanalysed(self, engine: str) -> list[sqlite3.Row]:
        """Articles whose text has no analysis by this engine, and attach cached ones on the way."""
        rows = self.db.execute(
            "SELECT a.rid, a.id, a.text, a.text_hash, a.published, an.data FROM articles a "
            "LEFT JOIN analyses an ON an.text_hash = a.text_hash AND an.engine = ?",
            (engine,),
        ).fetchall()
        indexed = {r[0] for r in self.db.execute("SELECT DISTINCT rid FROM mentions WHERE engine = ?", (engine,))}
        missing = []
        for row in rows:
            if row["data"] is None:
                missing.append(row)
            elif row["rid"] not in indexed:
                with self.db:
                    self._index_mentions(row["rid"], engine, json.loads(row["data"]))
        return missing

    def integrity(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]
