"""Articles and the corpus: reading Markdown-with-front-matter and plain-text files.

A malformed file never stops the rest of the corpus from loading: it becomes a
:class:`CorpusProblem` that names the file and what is wrong with it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.core.text.plaintext import plain_text_to_markdown

#: Larger than any news article; a bigger file is refused rather than frozen on.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
REQUIRED_FIELDS = ("id", "title", "published")
PRECISIONS = ("day", "approximate", "unknown")

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)


class ArticleError(ValueError):
    """An article file cannot be read; ``str()`` says why, the path says where."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path.name}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True, slots=True)
class CorpusProblem:
    """A file that could not be loaded, kept to be shown to the user."""

    path: Path
    problem: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.problem}"


@dataclass(frozen=True, slots=True)
class Article:
    """One article: metadata from the front matter and its body as Markdown."""

    id: str
    title: str
    body: str
    published: dt.date | None = None
    published_precision: str = "unknown"
    outlet: str | None = None
    url: str | None = None
    updated: dt.datetime | None = None
    furniture_removed: tuple[str, ...] = ()
    path: Path | None = None
    bundled: bool = False
    meta: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def year(self) -> int | None:
        return self.published.year if self.published else None

    def byline(self) -> str:
        """Outlet and date as one line: "Belarus in focus · c. 5 November 2018"."""
        outlet = self.outlet or "Outlet unknown"
        return f"{outlet} · {format_published(self)}"


def format_published(article: Article) -> str:
    if article.published is None:
        return "date unknown"
    day = f"{article.published.day} {article.published:%B %Y}"
    return f"c. {day}" if article.published_precision == "approximate" else day


@dataclass(slots=True)
class Corpus:
    """The articles that loaded, in load order, and the files that did not."""

    articles: list[Article] = field(default_factory=list)
    problems: list[CorpusProblem] = field(default_factory=list)
    _by_id: dict[str, Article] = field(default_factory=dict, init=False, repr=False, compare=False)
    _indexed: int = field(default=0, init=False, repr=False, compare=False)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def get(self, article_id: str) -> Article | None:
        """The article of that id, found in constant time (a library holds thousands)."""
        if self._indexed != len(self.articles):  # articles given to the constructor
            self._by_id = {}
            for article in self.articles:
                self._by_id.setdefault(article.id, article)
            self._indexed = len(self.articles)
        return self._by_id.get(article_id)

    def ids(self) -> list[str]:
        return [a.id for a in self.articles]

    def add(self, article: Article) -> None:
        if self.get(article.id) is not None:
            where = article.path or Path(article.id)
            self.problems.append(CorpusProblem(where, f"duplicate article id '{article.id}'; this copy is skipped"))
            return
        self.articles.append(article)
        self._by_id[article.id] = article
        self._indexed += 1


# --------------------------------------------------------------------------- reading


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ArticleError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if size == 0:
        raise ArticleError(path, "the file is empty")
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(
            path,
            f"the file is {size / 1048576:.1f} MB, larger than the "
            f"{MAX_ARTICLE_BYTES // 1048576} MB limit for one article",
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if b"\x00" in raw[:8192]:
        raise ArticleError(path, "this is a binary file, not a text article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(path, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(path, "the file holds only white space")
    return text


def _parse_date(path: Path, name: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ArticleError(path, f"'{name}' is not a valid date (YYYY-MM-DD): {value!r}") from None


def _parse_datetime(path: Path, name: str, value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    try:
        return dt.datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise ArticleError(path, f"'{name}' is not a valid date and time (YYYY-MM-DDTHH:MM): {value!r}") from None


def _front_matter(path: Path, text: str) -> tuple[dict[str, Any] | None, str]:
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        if text.startswith("---\n"):
            raise ArticleError(path, "front matter starts with '---' but never ends with '---'")
        return None, text
    import yaml

    try:
        data = yaml.load(match.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ArticleError(path, f"bad YAML front matter{where}: {problem}") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # PyYAML's constructors raise these for values such as a 13th month.
        raise ArticleError(path, f"front matter holds a value that is not valid: {exc}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ArticleError(path, "front matter must be a mapping of 'field: value' lines")
    _check_front_matter_size(path, data)
    return data, text[match.end() :]


#: A front matter is a few short fields: these caps refuse alias bombs and absurd values early.
_MAX_FRONT_MATTER_VALUES = 2_000
_MAX_FIELD_CHARS = 10_000


def _check_front_matter_size(path: Path, data: dict[str, Any]) -> None:
    from desktop.core.files.lexicons import DataFileError, check_shape

    try:
        check_shape(data, path.name, max_nodes=_MAX_FRONT_MATTER_VALUES, max_depth=10)
    except DataFileError as exc:
        raise ArticleError(path, f"front matter is too large: {str(exc).split(': ', 1)[1]}") from None
    for name, value in data.items():
        if isinstance(value, str) and len(value) > _MAX_FIELD_CHARS:
            raise ArticleError(path, f"front matter field '{name}' is over {_MAX_FIELD_CHARS:,} characters")


def _slug(stem: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._")
    return slug[:100] or "article"


def _load_furniture() -> tuple[str, ...]:
    """The lines of ``corpus/lexicons/furniture.yaml``, checked by the schema layer."""
    from desktop.core.files import schema
    from desktop.core.files.lexicons import load_lexicon

    return tuple(schema.load(list[str], load_lexicon("furniture").get("lines") or [], "furniture.yaml", "lines"))


def _plain_body(path: Path, body: str) -> tuple[str, list[str]]:
    """A ``.txt`` body becomes Markdown without its furniture lines; others stay as they are."""
    if path.suffix.lower() == ".txt":
        return plain_text_to_markdown(body, _load_furniture())
    return body, []


def _article_without_front_matter(path: Path, body: str, bundled: bool) -> Article:
    """A file without front matter: the first line is the title, the date is unknown."""
    lines = body.strip("\n").split("\n")
    title = lines[0].strip().lstrip("#").strip()
    body, removed = _plain_body(path, "\n".join(lines[1:]))
    if not body.strip():
        raise ArticleError(path, "the article has a title line but no text")
    return Article(
        id=_slug(path.stem),
        title=title[:300],
        body=body,
        furniture_removed=tuple(removed),
        path=path,
        bundled=bundled,
    )


def _check_required(path: Path, meta: Mapping[str, Any]) -> None:
    missing = [name for name in REQUIRED_FIELDS if meta.get(name) in (None, "")]
    if missing:
        raise ArticleError(
            path,
            "front matter misses required field"
            + ("s " if len(missing) > 1 else " ")
            + ", ".join(f"'{m}'" for m in missing),
        )


def _article_id(path: Path, meta: Mapping[str, Any]) -> str:
    article_id = str(meta["id"]).strip()
    if not _ID_RE.match(article_id):
        raise ArticleError(path, f"'id' must be letters, digits, '.', '_' or '-' (got {article_id!r})")
    return article_id


def _precision(path: Path, meta: Mapping[str, Any]) -> str:
    precision = str(meta.get("published_precision") or "day")
    if precision not in PRECISIONS:
        raise ArticleError(
            path,
            f"'published_precision' must be one of {', '.join(PRECISIONS)} (got {precision!r})",
        )
    return precision


def _optional_text(meta: Mapping[str, Any], name: str) -> str | None:
    return str(meta[name]).strip() if meta.get(name) else None


def _listed_furniture(meta: Mapping[str, Any]) -> tuple[str, ...]:
    furniture = meta.get("furniture_removed") or ()
    if isinstance(furniture, str):
        furniture = (furniture,)
    return tuple(str(f) for f in furniture)


def _article_from_front_matter(path: Path, meta: Mapping[str, Any], body: str, bundled: bool) -> Article:
    """An article whose front matter gives id, title and date, validated field by field."""
    _check_required(path, meta)
    article_id = _article_id(path, meta)
    published = _parse_date(path, "published", meta["published"])
    precision = _precision(path, meta)
    updated = meta.get("updated")
    furniture = _listed_furniture(meta)
    body, removed = _plain_body(path, body)
    if not body.strip():
        raise ArticleError(path, "the article has front matter but no text")
    return Article(
        id=article_id,
        title=str(meta["title"]).strip(),
        body=body,
        published=published,
        published_precision=precision,
        outlet=_optional_text(meta, "outlet"),
        url=_optional_text(meta, "url"),
        updated=_parse_datetime(path, "updated", updated) if updated else None,
        furniture_removed=furniture + tuple(removed),
        path=path,
        bundled=bundled,
        meta=MappingProxyType(dict(meta)),
    )


#: A run of characters with no space longer than this is no word a reader reads, and Qt lays out
#: such a run in time that grows with its square (a 2 MB line froze the window for minutes).
MAX_WORD_CHARS = 5_000


def _check_words(path: Path, body: str) -> None:
    longest = max(map(len, body.split()), default=0)
    if longest > MAX_WORD_CHARS:
        raise ArticleError(
            path, f"holds a run of {longest:,} characters without a space (the limit is {MAX_WORD_CHARS:,})"
        )


def load_article(path: str | Path, *, bundled: bool = False) -> Article:
    """Read one article file; raise :class:`ArticleError` naming the problem."""
    path = Path(path)
    text = _read_text(path)
    meta, body = _front_matter(path, text)
    _check_words(path, body)
    if meta is None:
        return _article_without_front_matter(path, body, bundled)
    return _article_from_front_matter(path, meta, body, bundled)


def article_files(folder: Path) -> list[Path]:
    """The article files of a folder, sorted by name; hidden files are skipped."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [p for p in entries if p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".") and p.is_file()]


# --------------------------------------------------------------------------- index

INDEX_VERSION = 2  # 2: runs of over MAX_WORD_CHARS refused


def _record(article: Article) -> dict[str, Any]:
    """An article as JSON-able values (for the start-up index)."""
    return {
        "id": article.id,
        "title": article.title,
        "body": article.body,
        "published": article.published.isoformat() if article.published else None,
        "published_precision": article.published_precision,
        "outlet": article.outlet,
        "url": article.url,
        "updated": article.updated.isoformat() if article.updated else None,
        "furniture_removed": list(article.furniture_removed),
        "meta": {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in article.meta.items()},
    }


def _from_record(record: dict[str, Any], path: Path, bundled: bool) -> Article:
    return Article(
        id=record["id"],
        title=record["title"],
        body=record["body"],
        published=dt.date.fromisoformat(record["published"]) if record["published"] else None,
        published_precision=record["published_precision"],
        outlet=record["outlet"],
        url=record["url"],
        updated=dt.datetime.fromisoformat(record["updated"]) if record["updated"] else None,
        furniture_removed=tuple(record["furniture_removed"]),
        path=path,
        bundled=bundled,
        meta=MappingProxyType(dict(record["meta"])),
    )


class CorpusIndex:
    """Parsed articles keyed by path, size and modification time, kept as JSON.

    A warm start reads this one file instead of parsing every front matter (and so never
    imports the YAML parser); a changed file is parsed again. A missing or damaged index
    is simply rebuilt.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, dict[str, Any]] = {}
        self._dirty = False
        try:
            import json

            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == INDEX_VERSION:
                self._entries = data["entries"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._entries = {}

    @staticmethod
    def _stamp(path: Path) -> list[int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return [st.st_mtime_ns, st.st_size]

    def get(self, path: Path, bundled: bool) -> Article | None:
        entry = self._entries.get(str(path))
        if entry is None or entry.get("stamp") != self._stamp(path):
            return None
        if not os.access(path, os.R_OK):  # made unreadable since (a chmod keeps the stamp): say so
            return None
        try:
            return _from_record(entry["article"], path, bundled)
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, path: Path, article: Article) -> None:
        stamp = self._stamp(path)
        if stamp is not None:
            self._entries[str(path)] = {"stamp": stamp, "article": _record(article)}
            self._dirty = True

    def save(self) -> None:
        """Write the index if it changed; a failure only costs speed next time."""
        if self._dirty:
            from desktop.core.files.fileio import save_json_quietly

            self._dirty = not save_json_quietly(self.path, {"version": INDEX_VERSION, "entries": self._entries})


def load_corpus(
    *sources: str | Path,
    bundled: bool = False,
    into: Corpus | None = None,
    index: CorpusIndex | None = None,
) -> Corpus:
    """Load every article file of the given folders or files; collect problems, never raise."""
    corpus = into if into is not None else Corpus()
    for source in sources:
        source = Path(source)
        if source.is_dir():
            files = article_files(source)
        elif source.exists():
            files = [source]
        else:
            corpus.problems.append(CorpusProblem(source, "no such file or folder"))
            continue
        for path in files:
            article = index.get(path, bundled) if index is not None else None
            if article is not None:
                corpus.add(article)
                continue
            try:
                article = load_article(path, bundled=bundled)
            except ArticleError as exc:
                corpus.problems.append(CorpusProblem(path, exc.problem))
                continue
            corpus.add(article)
            if index is not None:
                index.put(path, article)
    return corpus


def load_default_corpus() -> Corpus:
    """The bundled articles, then the user's own articles folder (if it exists)."""
    from desktop.core.files import paths

    index = CorpusIndex(paths.cache_dir() / "corpus-index.json")
    corpus = load_corpus(paths.bundled_articles_dir(), bundled=True, index=index)
    user_dir = paths.user_articles_dir()
    if user_dir.is_dir():
        load_corpus(user_dir, into=corpus, index=index)
    index.save()
    return corpus
