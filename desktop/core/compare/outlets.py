"""The kinds of outlets: state media, official, independent, exiled, foreign press, think tank.

Data, not code: ``corpus/outlets.yaml`` lists outlets of the field by name (with aliases) and
web domains, each with its kind; the user's ``outlets.yaml`` in the data folder
(:func:`user_outlets_file`) adds outlets or overrides bundled ones (same name or domain, the
user's entry wins). Both are validated with :mod:`desktop.core.files.schema`::

    outlets.yaml: outlets[3]: kind: expected one of 'state media', …, got 'blog'

:meth:`Outlets.kind_of` says an article's kind: its front matter's ``outlet_kind`` when that is a
known kind, else the outlet named in ``outlet`` (name or alias, case and a leading "The" aside),
else the domain of its ``url`` (or a parent domain), else ``"unknown"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args
from urllib.parse import urlsplit

from desktop.core.files import paths, schema
from desktop.core.files.lexicons import DataFileError, load_yaml
from desktop.core.text.articles import Article

Kind = Literal["state media", "official", "independent", "exiled", "foreign press", "think tank", "unknown"]
KINDS: tuple[str, ...] = get_args(Kind)
UNKNOWN = "unknown"


def _domain_check(value: list[str]) -> list[str]:
    for domain in value:
        if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", domain):
            raise ValueError(f"{domain!r} is not a domain name (like 'belta.by', without 'https://' or 'www.')")
    return value


@dataclass(frozen=True, slots=True)
class OutletEntry:
    """One outlet of an outlets file."""

    name: str
    kind: Kind
    aliases: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list, metadata={"check": _domain_check})
    note: str = ""


@dataclass(frozen=True, slots=True)
class OutletsFile:
    outlets: list[OutletEntry]


def _norm(name: str) -> str:
    words = re.sub(r"[^\w]+", " ", name.casefold()).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


class Outlets:
    """Outlet names and domains to kinds; later entries override earlier ones."""

    def __init__(self, entries: Iterable[OutletEntry] = ()) -> None:
        self._by_name: dict[str, OutletEntry] = {}
        self._by_domain: dict[str, OutletEntry] = {}
        for entry in entries:
            for name in (entry.name, *entry.aliases):
                self._by_name[_norm(name)] = entry
            for domain in entry.domains:
                self._by_domain[domain] = entry

    def __len__(self) -> int:
        return len({id(e) for e in self._by_name.values()})

    def find(self, outlet: str | None = None, url: str | None = None) -> OutletEntry | None:
        """The entry for an outlet's name, else for the url's domain or a parent domain."""
        if outlet and _norm(outlet) in self._by_name:
            return self._by_name[_norm(outlet)]
        host = _host(url)
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            host = host.partition(".")[2] if "." in host else ""
        return None

    def kind_of(self, article: Article) -> str:
        """The article's kind of outlet: front matter ``outlet_kind``, then the outlets files."""
        meta: Mapping[str, object] = article.meta or {}
        stated = meta.get("outlet_kind")
        if isinstance(stated, str) and stated.strip().lower() in KINDS:
            return stated.strip().lower()
        entry = self.find(article.outlet, article.url)
        return entry.kind if entry is not None else UNKNOWN


def user_outlets_file() -> Path:
    """Outlets the user adds or overrides (``outlets.yaml`` in the data folder)."""
    return paths.data_dir() / "outlets.yaml"


def bundled_outlets_file() -> Path:
    return paths.corpus_dir() / "outlets.yaml"


def parse_outlets(data: object, source: str) -> list[OutletEntry]:
    """The entries of a parsed outlets file; a :class:`DataFileError` names the file and the entry."""
    if data is None:
        return []
    return schema.load(OutletsFile, data, source).outlets


def read_outlets_file(path: Path, label: str | None = None) -> list[OutletEntry]:
    """The entries of one outlets file (none when it does not exist); errors name ``label``."""
    if not path.is_file():
        return []
    return parse_outlets(load_yaml(path), label or path.name)


def load_outlets(user_file: Path | None = None) -> Outlets:
    """The bundled outlets, then the user's (which override); raises :class:`DataFileError`."""
    entries = read_outlets_file(bundled_outlets_file())
    user = user_file or user_outlets_file()
    entries += read_outlets_file(user, str(user))
    return Outlets(entries)


__all__ = [
    "KINDS",
    "UNKNOWN",
    "DataFileError",
    "OutletEntry",
    "Outlets",
    "bundled_outlets_file",
    "load_outlets",
    "parse_outlets",
    "read_outlets_file",
    "user_outlets_file",
]
