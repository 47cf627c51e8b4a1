"""The comparison engine: two to four episodes side by side, as a diff and a collation.

:func:`compare` takes groups of episodes (``EpisodeSet.resolve`` makes them) and the
analyses of their articles, and returns a :class:`Comparison`:

* **subjects** — one per group: label, dates in words, titles, source articles;
* **facets** — rows (``corpus/lexicons/facets.yaml``) such as the messenger, what Minsk
  offered and asked for, Moscow's position, the West's response; each cell holds short
  extracts of real sentences with their offsets and a numbered citation, and key terms
  (roles, sides, cue ids) that decide the row's diff marker — ``same``, ``changed`` (with
  the differing terms named), ``partial`` or ``none``;
* **cast** — the actors by group, grouped by side;
* **motifs** — recurring rhetoric (``corpus/lexicons/motifs.yaml``) and the sentences that
  carry it in each group;
* **aligned** sentences across groups with word diffs (:mod:`desktop.core.compare.alignment`),
  **unique** substantive sentences, and the **differences** in order for next/previous;
* **citations** — each source article once, numbered.

Which sentences a group may draw on (its *pool*): the evidence sentences of its episodes,
primary first, then the other sentences of their articles that are not evidence of an
episode outside the group. A cell never holds text the sources do not: when nothing fits
it says so (``Not stated in the sources``). Everything here is pure Python and data-driven;
no fact about a particular article is written in code.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from desktop.core.annotate import timex
from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotate.records import VIA_DEMONYM, ActorMention, DateMention
from desktop.core.compare import alignment
from desktop.core.episodes.grouping import Episode
from desktop.core.files.lexicons import DataFileError, load_lexicon
from desktop.core.text.articles import format_published

MIN_GROUPS, MAX_GROUPS = 2, 4

# Diff markers of facet rows.
SAME, CHANGED, PARTIAL, NONE = "same", "changed", "partial", "none"
# Presence markers of cast and motif rows.
IN_ALL, IN_SOME, IN_ONE, NOWHERE = "all", "some", "one", "none"

# Ranks of pool sentences: the sentence that says so, its context, the rest of the article.
PRIMARY, CONTEXT, OTHER = 0, 1, 2
EVIDENCE_WORDS = {PRIMARY: "primary", CONTEXT: "context", OTHER: ""}

#: The subject of a sentence is an actor named within its first words (the West's response).
SUBJECT_WORDS = 8

FACET_KINDS = ("when", "actors", "venue", "cues")
ACTOR_KINDS = ("person", "organisation", "state", "bloc", "demonym")


# =========================================================================== records


@dataclass(frozen=True, slots=True)
class Term:
    """A key term of a cell: ``key`` is compared across cells, ``label`` is shown."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Hit:
    """A stretch of an extract that stands for a key term (a cue phrase, an actor's name)."""

    start: int  # offsets in the article text
    end: int
    key: str  # the Term key it stands for


@dataclass(frozen=True, slots=True)
class Extract:
    """A sentence or clause of a source, exactly as in the article text.

    ``text == analyses[article].text[start:end]``; ``sentence_start``/``sentence_end`` is
    the whole sentence it comes from (what a ``sentence:`` link opens). ``clipped_*`` say
    the extract was trimmed from a longer sentence (a view adds "…").
    """

    subject: int
    article: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    text: str
    citation: int
    evidence: str = ""  # "primary" | "context" | "" (another sentence of the article)
    clipped_before: bool = False
    clipped_after: bool = False
    hits: tuple[Hit, ...] = ()

    @property
    def sentence(self) -> tuple[int, int]:
        return self.sentence_start, self.sentence_end

    @property
    def href(self) -> str:
        return f"sentence:{self.article}:{self.sentence_start}:{self.sentence_end}"

    @property
    def cite_href(self) -> str:
        return f"cite:{self.citation}"


@dataclass(frozen=True, slots=True)
class FacetCell:
    """One subject's cell of a facet row."""

    subject: int
    summary: str = ""  # derived words (names and roles, dates, kinds of event); never free text
    terms: tuple[Term, ...] = ()
    extracts: tuple[Extract, ...] = ()
    distinct: tuple[str, ...] = ()  # term keys this cell has and not every filled cell has

    @property
    def empty(self) -> bool:
        return not self.extracts and not self.summary


@dataclass(frozen=True, slots=True)
class FacetRow:
    id: str
    label: str
    description: str
    kind: str
    marker: str  # same | changed | partial | none
    cells: tuple[FacetCell, ...]
    common: tuple[Term, ...] = ()  # terms in every cell
    differing: tuple[Term, ...] = ()  # terms in some cells only (the ones to highlight)
    note: str = ""  # the marker in words: what differs, or where it is missing


@dataclass(frozen=True, slots=True)
class CastRow:
    actor: str  # actor id, or "unlinked:Name"
    name: str
    kind: str
    side: str
    role: str
    counts: tuple[int, ...]  # mentions in each group's pool
    outside: tuple[int, ...]  # mentions elsewhere in the group's source articles
    marker: str  # all | some | one

    @property
    def present(self) -> tuple[bool, ...]:
        return tuple(c > 0 or o > 0 for c, o in zip(self.counts, self.outside, strict=True))

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class MotifRow:
    id: str
    label: str
    description: str
    marker: str  # all | some | one | none
    cells: tuple[tuple[Extract, ...], ...]  # per subject, the carrying sentences

    @property
    def count(self) -> int:
        return sum(1 for c in self.cells if c)

    @property
    def recurs(self) -> bool:
        return self.count >= 2


@dataclass(frozen=True, slots=True)
class DiffToken:
    """A piece of an aligned sentence; offsets are relative to the sentence."""

    text: str
    kind: str  # equal | changed | inserted | deleted
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class AlignedGroup:
    """Similar sentences of different subjects, with a word diff against the base.

    ``members[s]`` is subject ``s``'s sentence or None. ``tokens[s]`` covers that sentence
    exactly; for the base (the first subject present) a token is ``changed``/``deleted``
    where some other member differs. When ``diffable`` is False the sentences share too
    little for a word diff and each member is one ``changed`` token (colour it whole).
    """

    index: int
    members: tuple[Extract | None, ...]
    base: int
    similarity: float
    ratio: float  # lowest word-diff ratio against the base
    diffable: bool
    tokens: tuple[tuple[DiffToken, ...] | None, ...]

    @property
    def changed(self) -> bool:
        if any(m is None for m in self.members):
            return True
        return any(t.kind != alignment.EQUAL for toks in self.tokens if toks for t in toks)


@dataclass(frozen=True, slots=True)
class UniqueSentence:
    """A substantive sentence of one subject that aligns with nothing in the others."""

    index: int
    extract: Extract
    reasons: tuple[str, ...]  # "evidence", "facet:offered", "motif:sanctions"


@dataclass(frozen=True, slots=True)
class Difference:
    """A stop for next/previous: ``kind`` facet | aligned | unique, ``index`` into that list."""

    kind: str
    index: int
    anchor: str  # "diff-N"
    label: str


@dataclass(frozen=True, slots=True)
class Citation:
    number: int
    article: str
    outlet: str
    title: str
    url: str
    published: str  # in words: "c. 5 November 2018", "date unknown"
    approximate: bool
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Subject:
    index: int
    label: str
    date_words: str
    titles: tuple[str, ...]
    episodes: tuple[str, ...]
    articles: tuple[str, ...]
    citations: tuple[int, ...]
    first: dt.date | None
    last: dt.date | None
    has_evidence: bool


@dataclass(frozen=True, slots=True)
class Comparison:
    subjects: tuple[Subject, ...]
    facets: tuple[FacetRow, ...]
    cast: tuple[CastRow, ...]
    motifs: tuple[MotifRow, ...]
    aligned: tuple[AlignedGroup, ...]
    unique: tuple[UniqueSentence, ...]
    differences: tuple[Difference, ...]
    citations: tuple[Citation, ...]
    empty_text: str = "Not stated in the sources"
    side_words: Mapping[str, str] = field(default_factory=dict)

    def facet(self, facet_id: str) -> FacetRow | None:
        return next((r for r in self.facets if r.id == facet_id), None)

    def motif(self, motif_id: str) -> MotifRow | None:
        return next((r for r in self.motifs if r.id == motif_id), None)

    def citation(self, number: int) -> Citation | None:
        return next((c for c in self.citations if c.number == number), None)

    def difference_anchor(self, kind: str, index: int) -> str:
        """The ``diff-N`` anchor of a facet row, aligned group or unique sentence ("" if none)."""
        return next((d.anchor for d in self.differences if d.kind == kind and d.index == index), "")


# =========================================================================== lexicons


@dataclass(frozen=True, slots=True)
class CueGroup:
    id: str
    label: str
    phrases: tuple[str, ...]
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class FacetSpec:
    id: str
    label: str
    description: str
    kind: str
    sides: str = ""
    kinds: tuple[str, ...] = ()
    terms: str = "side"
    mention: str = ""
    subject: str = ""
    cues_required: bool = True
    cues: tuple[CueGroup, ...] = ()


@dataclass(frozen=True, slots=True)
class FacetLexicon:
    empty: str
    max_extracts: int
    extract_chars: int
    sides: Mapping[str, frozenset[str]]
    side_words: Mapping[str, str]
    people_nouns: frozenset[str]
    side_order: tuple[str, ...]
    facets: tuple[FacetSpec, ...]


@dataclass(frozen=True, slots=True)
class MotifSpec:
    id: str
    label: str
    description: str
    cues: CueGroup


_GAP = re.compile(r"\s*(?:…|\.\.\.)\s*")
_SUFFIXES = "(?:e|es|s|ed|d|ing|ion|ions|ation|ations)?"


def _word_pattern(word: str) -> str:
    """A word of a cue phrase with its simple inflections (see facets.yaml)."""
    w = word.lower()
    if len(w) < 4 or not w.isalpha() or w in alignment.STOP_WORDS:
        return re.escape(w).replace("'", "['’]")
    stem = w
    for suffix in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            stem = w[: -len(suffix)]
            break
    pattern = re.escape(stem)
    if stem.endswith(("is", "iz")):
        pattern = pattern[:-1] + "[sz]"
    return pattern + _SUFFIXES


def phrase_pattern(phrase: str) -> str:
    """A regular expression (no flags) for one cue phrase: words, inflections and gaps."""
    exact = phrase.startswith("=")
    phrase = phrase[1:] if exact else phrase
    parts = []
    for chunk in _GAP.split(phrase.strip()):
        words = chunk.split()
        if not words:
            continue
        if exact:
            parts.append(r"\W+".join(re.escape(w.lower()).replace("'", "['’]") for w in words))
        else:
            parts.append(r"\W+".join(_word_pattern(w) for w in words))
    return r"(?:\W+\w+){0,4}?\W+".join(parts)


def compile_cues(phrases: Sequence[str]) -> re.Pattern[str]:
    """One case-insensitive pattern for phrases, longest first, on word boundaries."""
    ordered = sorted({p for p in phrases if p.strip()}, key=len, reverse=True)
    body = "|".join(phrase_pattern(p) for p in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def _phrases(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise DataFileError(f"{where} needs a non-empty list of phrases")
    out = []
    for phrase in value:
        if not isinstance(phrase, str) or not phrase.strip() or not phrase.strip("=…. "):
            raise DataFileError(f"{where}: {phrase!r} is not a phrase")
        out.append(" ".join(phrase.split()))
    return tuple(out)


def _cue_groups(value: Any, where: str) -> tuple[CueGroup, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise DataFileError(f"{where}: 'cues' must be a list of {{id, phrases}} entries")
    groups, seen = [], set()
    for index, entry in enumerate(value):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"]:
            raise DataFileError(f"{where}: cue #{index + 1} needs an 'id'")
        cue_where = f"{where}, cue '{entry['id']}'"
        if entry["id"] in seen:
            raise DataFileError(f"{cue_where}: duplicate id")
        seen.add(entry["id"])
        phrases = _phrases(entry.get("phrases"), cue_where)
        label = entry.get("label", entry["id"])
        groups.append(CueGroup(entry["id"], str(label), phrases, compile_cues(phrases)))
    return tuple(groups)


def parse_facet_lexicon(data: Any, name: str = "facets.yaml") -> FacetLexicon:
    """Validate the facets data; a bad entry raises :class:`DataFileError` naming it."""
    if not isinstance(data, dict):
        raise DataFileError(f"{name}: expected a mapping at the top level")
    sides_raw = data.get("sides") or {}
    if not isinstance(sides_raw, dict) or not all(
        isinstance(v, list) and all(isinstance(s, str) for s in v) for v in sides_raw.values()
    ):
        raise DataFileError(f"{name}: 'sides' must map group names to lists of side ids")
    sides = {str(k): frozenset(v) for k, v in sides_raw.items()}
    facets, seen = [], set()
    raw = data.get("facets")
    if not isinstance(raw, list) or not raw:
        raise DataFileError(f"{name}: 'facets' must be a non-empty list")
    for index, entry in enumerate(raw):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("label"):
            raise DataFileError(f"{name}: facet #{index + 1} needs an 'id' and a 'label'")
        where = f"{name}: facet '{entry['id']}'"
        if entry["id"] in seen:
            raise DataFileError(f"{where}: duplicate id")
        seen.add(entry["id"])
        kind = entry.get("kind", "cues")
        if kind not in FACET_KINDS:
            raise DataFileError(f"{where}: kind must be one of {', '.join(FACET_KINDS)}, not {kind!r}")
        for key in ("sides", "mention", "subject"):
            if entry.get(key) and entry[key] not in sides:
                raise DataFileError(f"{where}: '{key}' names an unknown side group {entry[key]!r}")
        if kind == "actors" and not entry.get("sides"):
            raise DataFileError(f"{where}: an 'actors' facet needs 'sides'")
        kinds = entry.get("kinds") or ["person"]
        if not isinstance(kinds, list) or any(k not in ACTOR_KINDS for k in kinds):
            raise DataFileError(f"{where}: 'kinds' must list some of {', '.join(ACTOR_KINDS)}")
        terms = entry.get("terms", "side")
        if terms not in ("role", "side"):
            raise DataFileError(f"{where}: 'terms' must be 'role' or 'side'")
        cues = _cue_groups(entry.get("cues"), where)
        if kind == "cues" and not cues:
            raise DataFileError(f"{where}: a 'cues' facet needs cues")
        facets.append(
            FacetSpec(
                id=str(entry["id"]),
                label=str(entry["label"]),
                description=" ".join(str(entry.get("description", "")).split()),
                kind=kind,
                sides=str(entry.get("sides") or ""),
                kinds=tuple(kinds),
                terms=terms,
                mention=str(entry.get("mention") or ""),
                subject=str(entry.get("subject") or ""),
                cues_required=bool(entry.get("cues_required", True)),
                cues=cues,
            )
        )
    try:
        max_extracts = int(data.get("max_extracts", 3))
        extract_chars = int(data.get("extract_chars", 200))
    except (TypeError, ValueError):
        raise DataFileError(f"{name}: max_extracts and extract_chars must be numbers") from None
    if max_extracts < 1 or extract_chars < 40:
        raise DataFileError(f"{name}: max_extracts must be ≥ 1 and extract_chars ≥ 40")
    cast = data.get("cast") or {}
    return FacetLexicon(
        empty=str(data.get("empty") or "Not stated in the sources"),
        max_extracts=max_extracts,
        extract_chars=extract_chars,
        sides=sides,
        side_words={str(k): str(v) for k, v in (data.get("side_words") or {}).items()},
        people_nouns=frozenset(str(n).lower() for n in data.get("people_nouns") or ()),
        side_order=tuple(str(s) for s in (cast.get("side_order") if isinstance(cast, dict) else None) or ()),
        facets=tuple(facets),
    )


def parse_motif_lexicon(data: Any, name: str = "motifs.yaml") -> tuple[MotifSpec, ...]:
    """Validate the motifs data; a bad entry raises :class:`DataFileError` naming it."""
    raw = data.get("motifs") if isinstance(data, dict) else None
    if not isinstance(raw, list) or not raw:
        raise DataFileError(f"{name}: 'motifs' must be a non-empty list")
    motifs, seen = [], set()
    for index, entry in enumerate(raw):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("label"):
            raise DataFileError(f"{name}: motif #{index + 1} needs an 'id' and a 'label'")
        where = f"{name}: motif '{entry['id']}'"
        if entry["id"] in seen:
            raise DataFileError(f"{where}: duplicate id")
        seen.add(entry["id"])
        phrases = _phrases(entry.get("cues"), f"{where}, cues")
        motifs.append(
            MotifSpec(
                id=str(entry["id"]),
                label=str(entry["label"]),
                description=" ".join(str(entry.get("description", "")).split()),
                cues=CueGroup(str(entry["id"]), str(entry["label"]), phrases, compile_cues(phrases)),
            )
        )
    return tuple(motifs)


@cache
def load_facet_lexicon() -> FacetLexicon:
    """``corpus/lexicons/facets.yaml``, validated."""
    return parse_facet_lexicon(load_lexicon("facets"))


@cache
def load_motif_lexicon() -> tuple[MotifSpec, ...]:
    """``corpus/lexicons/motifs.yaml``, validated."""
    return parse_motif_lexicon(load_lexicon("motifs"))


# =========================================================================== pools


@dataclass(slots=True)
class _Sentence:
    subject: int
    article: str
    start: int
    end: int
    rank: int
    order: int  # position in the pool (articles in order, sentences in text order)
    text: str


class _Texts:
    """Per-article lookups: sentences, mentions and dates within a span (bisect, no scans)."""

    def __init__(self, analyses: Mapping[str, ArticleAnalysis]) -> None:
        self.analyses = analyses
        self._actors: dict[str, tuple[list[int], tuple[ActorMention, ...]]] = {}
        self._dates: dict[str, tuple[list[int], tuple[DateMention, ...]]] = {}

    def text(self, article: str) -> str:
        analysis = self.analyses.get(article)
        return analysis.text if analysis is not None else ""

    def actors(self, article: str, start: int, end: int) -> list[ActorMention]:
        if article not in self._actors:
            mentions = tuple(sorted(getattr(self.analyses.get(article), "actors", ()), key=lambda m: m.start))
            self._actors[article] = ([m.start for m in mentions], mentions)
        starts, mentions = self._actors[article]
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        return [m for m in mentions[lo:hi] if m.end <= end]

    def dates(self, article: str, start: int, end: int) -> list[DateMention]:
        if article not in self._dates:
            mentions = tuple(sorted(getattr(self.analyses.get(article), "dates", ()), key=lambda m: m.start))
            self._dates[article] = ([m.start for m in mentions], mentions)
        starts, mentions = self._dates[article]
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        return [m for m in mentions[lo:hi] if m.end <= end]


def _valid_span(text: str, start: int, end: int) -> bool:
    return 0 <= start < end <= len(text)


def _pools(
    groups: Sequence[tuple[str, Sequence[Episode]]], texts: _Texts, all_episodes: Sequence[Episode]
) -> list[list[_Sentence]]:
    """Each group's sentences: its evidence (primary, then context), then the rest of its
    articles minus what is evidence of an episode outside the group."""
    evidence_anywhere = {(ev.article, ev.start) for episode in all_episodes for ev in episode.evidence}
    pools = []
    for index, (_label, episodes) in enumerate(groups):
        ranks: dict[tuple[str, int, int], int] = {}
        for episode in episodes:
            for ev in episode.evidence:
                key = (ev.article, ev.start, ev.end)
                ranks[key] = min(ranks.get(key, OTHER), PRIMARY if ev.primary else CONTEXT)
        own = {(a, s) for a, s, _e in ranks}
        pool: list[_Sentence] = []
        if ranks:
            articles = list(dict.fromkeys([k[0] for k in ranks] + [a for e in episodes for a in e.articles]))
            for article in articles:
                analysis = texts.analyses.get(article)
                if analysis is None:
                    continue
                text = analysis.text
                spans = set()
                for start, end in analysis.sentences:
                    rank = ranks.get((article, start, end))
                    if rank is None:
                        if (article, start) in evidence_anywhere and (article, start) not in own:
                            continue  # evidence of another episode
                        rank = OTHER
                    if _valid_span(text, start, end):
                        spans.add((start, end))
                        pool.append(_Sentence(index, article, start, end, rank, len(pool), text[start:end]))
                # Evidence whose offsets are not a sentence of the analysis (odd input): keep it.
                for (a, s, e), rank in ranks.items():
                    if a == article and (s, e) not in spans and _valid_span(text, s, e):
                        pool.append(_Sentence(index, article, s, e, rank, len(pool), text[s:e]))
        pools.append(pool)
    return pools


def _ranked(pool: Sequence[_Sentence]) -> list[_Sentence]:
    return sorted(pool, key=lambda s: (s.rank, s.order))


# =========================================================================== extracts

_CLAUSE_CUT = re.compile(r"[,;:–—]\s+|\s+(?=(?:and|but|while|whereas|which|who|because|as|amid)\s)")
_TRIM_END = " \t\n,;:–—"


class _Extractor:
    """Makes :class:`Extract` records: trims long sentences to the clause(s) around a focus."""

    def __init__(self, texts: _Texts, citations: Mapping[str, int], limit: int) -> None:
        self.texts = texts
        self.citations = citations
        self.limit = limit

    def clip(self, text: str, start: int, end: int, focus: tuple[int, int] | None) -> tuple[int, int]:
        limit = self.limit
        if end - start <= limit:
            return start, end
        cuts = sorted({start, end, *(m.end() for m in _CLAUSE_CUT.finditer(text, start, end))})
        pieces = [(a, b) for a, b in itertools.pairwise(cuts) if a < b]
        fs, fe = focus if focus else (start, start + 1)
        i = next((k for k, p in enumerate(pieces) if p[1] > fs), 0)
        j = next((k for k in range(len(pieces) - 1, -1, -1) if pieces[k][0] < fe), len(pieces) - 1)
        j = max(i, j)
        a, b = pieces[i][0], pieces[j][1]
        grown = True
        while grown:
            grown = False
            if j + 1 < len(pieces) and pieces[j + 1][1] - a <= limit:
                j += 1
                b = pieces[j][1]
                grown = True
            if i > 0 and b - pieces[i - 1][0] <= limit:
                i -= 1
                a = pieces[i][0]
                grown = True
        if b - a > limit:  # one long clause: a window of words around the focus
            centre = (fs + fe) // 2
            a = max(a, min(centre - limit // 2, b - limit))
            b = min(b, a + limit)
            if a > start:
                space = text.find(" ", a, fs if fs > a else b)
                a = space + 1 if space != -1 else a
            if b < end:
                space = text.rfind(" ", fe if fe < b else a, b)
                b = space if space > a else b
        while a < b and text[a] in _TRIM_END:
            a += 1
        while b > a and text[b - 1] in _TRIM_END:
            b -= 1
        if a >= b:
            return start, end
        return a, b

    def make(
        self,
        sentence: _Sentence,
        focus: tuple[int, int] | None = None,
        hits: Sequence[Hit] = (),
        whole: bool = False,
    ) -> Extract:
        text = self.texts.text(sentence.article)
        a, b = (sentence.start, sentence.end) if whole else self.clip(text, sentence.start, sentence.end, focus)
        return Extract(
            subject=sentence.subject,
            article=sentence.article,
            start=a,
            end=b,
            sentence_start=sentence.start,
            sentence_end=sentence.end,
            text=text[a:b],
            citation=self.citations.get(sentence.article, 0),
            evidence=EVIDENCE_WORDS[sentence.rank],
            clipped_before=a > sentence.start,
            clipped_after=b < sentence.end,
            hits=tuple(h for h in hits if a <= h.start and h.end <= b),
        )


# =========================================================================== facets


def _cue_hits(cues: Sequence[CueGroup], text: str, start: int, end: int) -> list[tuple[int, int, CueGroup]]:
    hits = []
    for group in cues:
        hits.extend(
            (m.start(), m.end(), group) for m in group.pattern.finditer(text, start, end) if m.end() > m.start()
        )
    hits.sort(key=lambda h: (h[0], -h[1]))
    return hits


_PAREN = re.compile(r"\s*\([^)]*\)")


def _role_words(role: str) -> str:
    """A role as held, without its dates: "Foreign Minister of Belarus (2012 – 2022)" → without "(…)"."""
    return " ".join(_PAREN.sub("", role).split())


class _Facets:
    """Fills facet cells for every subject."""

    def __init__(
        self,
        lexicon: FacetLexicon,
        texts: _Texts,
        extractor: _Extractor,
        groups: Sequence[tuple[str, Sequence[Episode]]],
        pools: Sequence[Sequence[_Sentence]],
    ) -> None:
        self.lex = lexicon
        self.texts = texts
        self.extractor = extractor
        self.groups = groups
        self.pools = pools
        self.used: dict[tuple[str, int], set[str]] = defaultdict(set)  # sentence -> facet ids
        states = {
            m.name
            for analysis in texts.analyses.values()
            for m in analysis.actors
            if m.kind == "state" and m.via != VIA_DEMONYM
        }
        names = "|".join(re.escape(s) for s in sorted(states, key=len, reverse=True))
        self._of_state = re.compile(rf"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?(?:{names})\b", re.I) if names else None

    # ----------------------------------------------------------------- helpers

    def short_role(self, role: str) -> str:
        words = _role_words(role)
        if self._of_state is not None:
            words = self._of_state.sub("", words)
        return words.lower()

    def _take(self, spec: FacetSpec, found: list[tuple[_Sentence, Extract]]) -> tuple[Extract, ...]:
        out, seen = [], set()
        for sentence, extract in found:
            key = (extract.article, extract.sentence_start)
            if key in seen:
                continue
            seen.add(key)
            self.used[(sentence.article, sentence.start)].add(spec.id)
            out.append(extract)
            if len(out) >= self.lex.max_extracts:
                break
        return tuple(out)

    def _sentence_of(self, subject: int, article: str, offset: int) -> _Sentence | None:
        for s in self.pools[subject]:
            if s.article == article and s.start <= offset < s.end:
                return s
        return None

    # ----------------------------------------------------------------- kinds

    def cell(self, spec: FacetSpec, subject: int) -> FacetCell:
        if not self.pools[subject]:
            return FacetCell(subject)
        fill = getattr(self, f"_{spec.kind}")
        return fill(spec, subject)

    def _when(self, spec: FacetSpec, subject: int) -> FacetCell:
        episodes = self.groups[subject][1]
        words = list(dict.fromkeys(e.date_words() for e in episodes))
        years = sorted({y for e in episodes for y in range(e.first.year, e.last.year + 1)})
        terms = tuple(Term(str(y), str(y)) for y in years)
        found = []
        for episode in episodes:
            candidates = []
            for sentence in self.pools[subject]:
                dates = []
                for d in self.texts.dates(sentence.article, sentence.start, sentence.end):
                    span = timex.bounds(d.value) if d.type == "DATE" else None
                    if span is not None and span[0] <= episode.last and episode.first <= span[1]:
                        dates.append(d)
                if dates:
                    explicit = any(d.anchor == "absolute" for d in dates)
                    candidates.append(((not explicit, sentence.rank, sentence.order), sentence, dates))
            if candidates:
                _key, sentence, dates = min(candidates, key=lambda c: c[0])
                hits = [Hit(d.start, d.end, d.value[:4]) for d in dates]
                found.append((sentence, self.extractor.make(sentence, (dates[0].start, dates[-1].end), hits)))
        return FacetCell(subject, "; ".join(words), terms, self._take(spec, found))

    def _actors(self, spec: FacetSpec, subject: int) -> FacetCell:
        episodes = self.groups[subject][1]
        sides = self.lex.sides.get(spec.sides, frozenset())
        kinds = set(spec.kinds)
        parties: dict[str, dict[str, Any]] = {}
        pool = _ranked(self.pools[subject])

        def add(key: str, label: str, side: str, kind: str, term: Term, sentence: _Sentence | None, span) -> None:
            party = parties.setdefault(key, {"label": label, "side": side, "kind": kind, "term": term, "where": []})
            if sentence is not None:
                party["where"].append((sentence, span))

        def term_of(m: ActorMention) -> Term:
            if spec.terms == "role":
                role = self.short_role(m.role) if m.role else ""
                return Term(f"role:{role}", role) if role else Term(f"actor:{m.actor or m.name}", m.name)
            return Term(f"side:{m.side}", self.lex.side_words.get(m.side, m.side))

        def label_of(m: ActorMention) -> str:
            short = m.name.split()[-1] if m.kind == "person" and " " in m.name else m.name
            if not m.role:
                return short
            role = self.short_role(m.role) if spec.terms == "role" else _role_words(m.role)
            return f"{short} ({role})"

        def mention_party(m: ActorMention, sentence: _Sentence) -> None:
            text = self.texts.text(sentence.article)
            if m.via == VIA_DEMONYM:
                if "demonym" not in kinds:
                    return
                noun = re.match(r"[ \u00a0]+(\w+)", text[m.end : sentence.end])
                if not noun or noun.group(1).lower() not in self.lex.people_nouns:
                    return
                phrase = f"{m.text} {noun.group(1)}"
                key = f"group:{m.side}:{noun.group(1).lower()}"
                add(key, phrase, m.side, "demonym", term_of(m), sentence, (m.start, m.end + noun.end()))
                return
            if m.kind not in kinds:
                return
            add(
                m.actor or f"unlinked:{m.name}",
                label_of(m),
                m.side,
                m.kind,
                term_of(m),
                sentence,
                (m.start, m.end),
            )

        # 1. The parties of the episodes' events (done and not planned, when there are such).
        events = [e for ep in episodes for e in ep.events if not e.reporting]
        done = [e for e in events if not e.planned] or events
        event_keys: set[str] = set()
        for event in done:
            for p in event.sources + event.targets:
                if p.side in sides and p.kind in kinds:
                    event_keys.add(p.key)
        for sentence in pool:
            for m in self.texts.actors(sentence.article, sentence.start, sentence.end):
                key = m.actor or f"unlinked:{m.name}"
                if key in event_keys and m.via != VIA_DEMONYM:
                    mention_party(m, sentence)
        # 2. Counterparts: named in the main (primary) sentences, or next to a cue.
        if spec.terms == "side" or not parties:
            for sentence in pool:
                mentions = [
                    m for m in self.texts.actors(sentence.article, sentence.start, sentence.end) if m.side in sides
                ]
                if not mentions:
                    continue
                cued = bool(spec.cues) and bool(
                    _cue_hits(spec.cues, self.texts.text(sentence.article), sentence.start, sentence.end)
                )
                if sentence.rank == PRIMARY or cued:
                    for m in mentions:
                        # From sentences only people and named groups ("European leaders");
                        # states, blocs and bodies count when they take part in an event.
                        if m.kind == "person" or m.via == VIA_DEMONYM:
                            mention_party(m, sentence)
        # States, blocs and organisations stand in only for sides no person or group speaks for.
        spoken = {p["side"] for p in parties.values() if p["kind"] in ("person", "demonym")}
        chosen = [(k, p) for k, p in parties.items() if p["kind"] in ("person", "demonym") or p["side"] not in spoken]
        if not chosen:
            return FacetCell(subject)
        terms = tuple(dict.fromkeys(p["term"] for _, p in chosen))
        found = []
        for sentence in pool:
            spans = [(span, p["term"]) for _, p in chosen for s, span in p["where"] if s is sentence]
            if spans:
                spans.sort()
                hits = [Hit(a, b, term.key) for (a, b), term in spans]
                focus = (spans[0][0][0], spans[-1][0][1])
                found.append((sentence, self.extractor.make(sentence, focus, hits)))
        summary = self._relations(spec, subject, chosen)
        return FacetCell(subject, summary, terms, self._take(spec, found))

    def _relations(self, spec: FacetSpec, subject: int, chosen) -> str:
        """Names with roles; for messengers also who met them, or what they did (from events)."""
        labels = {k: p["label"] for k, p in chosen}
        if spec.terms != "role":
            return "; ".join(labels.values())
        lines = []
        lexicon = _event_lexicon()
        done_for: dict[str, list[str]] = defaultdict(list)
        for episode in self.groups[subject][1]:
            for event in episode.events:
                if event.reporting or event.planned:
                    continue
                targets = [labels[p.key] for p in event.targets if p.key in labels]
                sources = [p for p in event.sources if p.key not in labels]
                if targets and sources:
                    text = self.texts.text(event.article)
                    trigger = " ".join(text[event.trigger_span[0] : event.trigger_span[1]].split())
                    line = f"{sources[0].name} → {trigger} {', '.join(targets)}"
                    if line not in lines:
                        lines.append(line)
                for p in event.sources:
                    if p.key in labels:
                        label = lexicon.types[event.type].label.lower() if event.type in lexicon.types else event.type
                        if label not in done_for[p.key]:
                            done_for[p.key].append(label)
        mentioned = {k for line in lines for k, v in labels.items() if v in line}
        for key, label in labels.items():
            if key in mentioned:
                continue
            kinds = done_for.get(key)
            lines.append(f"{label}: {', '.join(kinds)}" if kinds else label)
        return "; ".join(lines)

    def _venue(self, spec: FacetSpec, subject: int) -> FacetCell:
        episodes = self.groups[subject][1]
        lexicon = _event_lexicon()
        terms: list[Term] = []
        parts = []
        found = []
        for episode in episodes:
            events = [e for e in episode.events if not e.reporting]
            types = list(dict.fromkeys([episode.type] + [e.type for e in events]))
            labels = [lexicon.types[t].label if t in lexicon.types else t for t in types]
            terms.extend(Term(f"type:{t}", label) for t, label in zip(types, labels, strict=True))
            where = []
            if episode.place:
                where.append(episode.place)
            for e in events:
                if e.organisation and e.place and e.organisation not in where:
                    where.append(e.organisation)
            terms.extend(Term(f"place:{w.lower()}", w) for w in where)
            parts.append(", ".join(labels) + (f" · {', '.join(where)}" if where else ""))
            main = next(
                (e for e in events if e.type == episode.type and not e.anaphoric),
                events[0] if events else None,
            )
            if main is not None:
                sentence = self._sentence_of(subject, main.article, main.sentence[0])
                if sentence is not None:
                    hits = [Hit(*main.trigger_span, f"type:{main.type}")]
                    found.append((sentence, self.extractor.make(sentence, main.trigger_span, hits)))
        for sentence in _ranked(self.pools[subject]):
            hits = _cue_hits(spec.cues, self.texts.text(sentence.article), sentence.start, sentence.end)
            if hits:
                terms.extend(Term(f"cue:{g.id}", g.label) for _, _, g in hits)
                found.append(
                    (
                        sentence,
                        self.extractor.make(sentence, hits[0][:2], [Hit(a, b, f"cue:{g.id}") for a, b, g in hits]),
                    )
                )
        return FacetCell(subject, "; ".join(dict.fromkeys(parts)), tuple(dict.fromkeys(terms)), self._take(spec, found))

    def _cues(self, spec: FacetSpec, subject: int) -> FacetCell:
        mention_sides = self.lex.sides.get(spec.mention, frozenset())
        subject_sides = self.lex.sides.get(spec.subject, frozenset())
        candidates = []
        for sentence in self.pools[subject]:
            text = self.texts.text(sentence.article)
            mentions = self.texts.actors(sentence.article, sentence.start, sentence.end)
            hits = _cue_hits(spec.cues, text, sentence.start, sentence.end)
            if spec.subject:
                first = mentions[0] if mentions else None
                if first is not None and len(text[sentence.start : first.start].split()) > SUBJECT_WORDS:
                    first = None  # named too late in the sentence to be its subject
                hits = [h for h in hits if first is not None and first.start < h[0] and first.side in subject_sides]
            named = []
            if spec.mention:
                named = [m for m in mentions if m.side in mention_sides and m.via != VIA_DEMONYM]
                if not named:
                    continue
            if not hits and (spec.cues_required or not named):
                continue
            terms = [Term(f"cue:{g.id}", g.label) for _, _, g in hits]
            terms += [Term(f"actor:{m.actor or m.name}", m.name) for m in named]
            marks = [Hit(a, b, f"cue:{g.id}") for a, b, g in hits]
            marks += [Hit(m.start, m.end, f"actor:{m.actor or m.name}") for m in named]
            focus = hits[0][:2] if hits else (named[0].start, named[0].end)
            candidates.append((sentence, terms, marks, focus, bool(hits)))
        candidates.sort(key=lambda c: (c[0].rank, not c[4], c[0].order))
        terms = tuple(dict.fromkeys(t for c in candidates for t in c[1]))
        found = [
            (s, self.extractor.make(s, focus, sorted(marks, key=lambda h: h.start)))
            for s, _, marks, focus, _ in candidates
        ]
        return FacetCell(subject, "", terms, self._take(spec, found))


def _episodes_of(
    groups: Sequence[tuple[str, Sequence[Episode]]], analyses: Mapping[str, ArticleAnalysis]
) -> list[Episode]:
    """The episodes of the compared articles, to know which sentences belong to other episodes."""
    from desktop.core.episodes.grouping import build_episodes

    articles = dict.fromkeys(a for _, eps in groups for e in eps for a in e.articles)
    chosen = [analyses[a] for a in articles if a in analyses]
    if not chosen:
        return []
    try:
        return build_episodes(chosen).episodes
    except Exception:  # odd texts must not stop a comparison; without them, nothing is excluded
        return []


@cache
def _event_lexicon():
    from desktop.core.episodes.events import load_event_lexicon

    return load_event_lexicon()


def facet_marker(cells: Sequence[FacetCell]) -> str:
    """``none`` (all empty), ``partial`` (some empty), ``same`` (equal key terms), else ``changed``."""
    filled = [c for c in cells if not c.empty]
    if not filled:
        return NONE
    if len(filled) < len(cells):
        return PARTIAL
    keys = [frozenset(t.key for t in c.terms) for c in filled]
    return SAME if all(k == keys[0] for k in keys) else CHANGED


def presence_marker(present: Sequence[bool]) -> str:
    """``all``, ``some`` (two or more, not all), ``one`` or ``none``."""
    n = sum(1 for p in present if p)
    if n == 0:
        return NOWHERE
    if n == len(present):
        return IN_ALL
    return IN_ONE if n == 1 else IN_SOME


def _finish_row(spec: FacetSpec, cells: list[FacetCell], subjects: Sequence[Subject]) -> FacetRow:
    marker = facet_marker(cells)
    filled = [c for c in cells if not c.empty]
    keysets = [frozenset(t.key for t in c.terms) for c in filled]
    common_keys = frozenset.intersection(*keysets) if keysets else frozenset()
    out_cells = tuple(
        FacetCell(
            c.subject,
            c.summary,
            c.terms,
            c.extracts,
            tuple(t.key for t in c.terms if t.key not in common_keys) if not c.empty and len(filled) > 1 else (),
        )
        for c in cells
    )
    all_terms = list(dict.fromkeys(t for c in filled for t in c.terms))
    common = tuple(t for t in all_terms if t.key in common_keys)
    differing = tuple(t for t in all_terms if t.key not in common_keys) if len(filled) > 1 else ()
    note = _note(marker, out_cells, common, differing, subjects)
    return FacetRow(spec.id, spec.label, spec.description, spec.kind, marker, out_cells, common, differing, note)


def _note(marker, cells, common, differing, subjects, limit: int = 4) -> str:
    """The marker in words: what only some cells have (by subject), what is missing, what is shared."""
    if marker == NONE:
        return "not stated in any of the sources"
    if marker == SAME:
        return "same in all" + (f": {', '.join(t.label for t in common)}" if common else "")
    parts = []
    for cell in cells:
        if cell.empty:
            continue
        own = [t.label for t in cell.terms if t.key in cell.distinct]
        if own:
            more = f" and {len(own) - limit} more" if len(own) > limit else ""
            parts.append(f"{subjects[cell.subject].label}: {', '.join(own[:limit])}{more}")
    if marker == PARTIAL:
        missing = [subjects[c.subject].label for c in cells if c.empty]
        parts.append("not stated for " + ", ".join(missing))
    if common:
        parts.append("shared: " + ", ".join(t.label for t in common[:limit]))
    return "; ".join(parts)


# =========================================================================== cast and motifs


def _cast(
    pools: Sequence[Sequence[_Sentence]],
    groups: Sequence[tuple[str, Sequence[Episode]]],
    texts: _Texts,
    side_order: Sequence[str],
) -> tuple[CastRow, ...]:
    n = len(pools)
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * n)
    outside: dict[str, list[int]] = defaultdict(lambda: [0] * n)
    info: dict[str, ActorMention] = {}
    roles: dict[str, str] = {}

    def key_of(m: ActorMention) -> str:
        return m.actor or f"unlinked:{m.name}"

    for index, pool in enumerate(pools):
        inside: set[tuple[str, int]] = set()
        for sentence in pool:
            for m in texts.actors(sentence.article, sentence.start, sentence.end):
                key = key_of(m)
                counts[key][index] += 1
                inside.add((sentence.article, m.start))
                if key not in info or (info[key].via == VIA_DEMONYM and m.via != VIA_DEMONYM):
                    info[key] = m
                if m.role and key not in roles:
                    roles[key] = _role_words(m.role)
        if not pool:
            continue
        articles = dict.fromkeys(s.article for s in pool)
        for article in articles:
            for m in texts.actors(article, 0, len(texts.text(article))):
                if (article, m.start) in inside:
                    continue
                key = key_of(m)
                outside[key][index] += 1
                if key not in info or (info[key].via == VIA_DEMONYM and m.via != VIA_DEMONYM):
                    info[key] = m
                if m.role and key not in roles:
                    roles[key] = _role_words(m.role)
    order = {side: i for i, side in enumerate(side_order)}
    rows = []
    for key, m in info.items():
        c = tuple(counts[key]) if key in counts else (0,) * n
        o = tuple(outside[key]) if key in outside else (0,) * n
        present = [a > 0 or b > 0 for a, b in zip(c, o, strict=True)]
        rows.append(CastRow(key, m.name, m.kind, m.side, roles.get(key, ""), c, o, presence_marker(present)))
    rows.sort(key=lambda r: (order.get(r.side, len(order)), -sum(r.counts), -sum(r.outside), r.name))
    return tuple(rows)


def _motifs(
    motifs: Sequence[MotifSpec], pools: Sequence[Sequence[_Sentence]], texts: _Texts, extractor: _Extractor
) -> tuple[tuple[MotifRow, ...], dict[tuple[str, int], set[str]]]:
    carriers: dict[tuple[str, int], set[str]] = defaultdict(set)
    rows = []
    for motif in motifs:
        cells = []
        for pool in pools:
            found = []
            for sentence in _ranked(pool):
                text = texts.text(sentence.article)
                hits = [(m.start(), m.end()) for m in motif.cues.pattern.finditer(text, sentence.start, sentence.end)]
                hits = [h for h in hits if h[1] > h[0]]
                if hits:
                    carriers[(sentence.article, sentence.start)].add(motif.id)
                    found.append(extractor.make(sentence, hits[0], [Hit(a, b, f"motif:{motif.id}") for a, b in hits]))
            cells.append(tuple(found))
        marker = presence_marker([bool(c) for c in cells])
        rows.append(MotifRow(motif.id, motif.label, motif.description, marker, tuple(cells)))
    return tuple(rows), carriers


# =========================================================================== alignment


def _aligned(
    pools: Sequence[Sequence[_Sentence]], extractor: _Extractor
) -> tuple[tuple[AlignedGroup, ...], set[tuple[int, str, int]]]:
    texts = [[s.text for s in pool] for pool in pools]
    groups = []
    aligned_keys: set[tuple[int, str, int]] = set()
    for found in alignment.align(texts):
        members = [
            extractor.make(pools[s][i], whole=True) if i is not None else None for s, i in enumerate(found.members)
        ]
        for s, i in enumerate(found.members):
            if i is not None:
                aligned_keys.add((s, pools[s][i].article, pools[s][i].start))
        base = next(s for s, m in enumerate(members) if m is not None)
        base_text = members[base].text
        diffs = {
            s: alignment.word_diff(base_text, m.text) for s, m in enumerate(members) if m is not None and s != base
        }
        ratio = min((d.ratio for d in diffs.values()), default=1.0)
        diffable = ratio >= alignment.DIFF_THRESHOLD
        tokens: list[tuple[DiffToken, ...] | None] = []
        for s, m in enumerate(members):
            if m is None:
                tokens.append(None)
            elif not diffable:
                tokens.append((DiffToken(m.text, alignment.CHANGED, 0, len(m.text)),))
            elif s == base:
                tokens.append(_base_tokens(base_text, list(diffs.values())))
            else:
                tokens.append(
                    tuple(DiffToken(op.b_text, op.kind, op.b_start, op.b_end) for op in diffs[s].ops if op.b_text)
                )
        groups.append(
            AlignedGroup(
                len(groups),
                tuple(members),
                base,
                round(found.score, 4),
                round(ratio, 4),
                diffable,
                tuple(tokens),
            )
        )
    return tuple(groups), aligned_keys


def _base_tokens(text: str, diffs: Sequence[alignment.WordDiff]) -> tuple[DiffToken, ...]:
    """The base sentence cut where any other member differs: changed beats deleted beats equal."""
    priority = {alignment.EQUAL: 0, alignment.DELETED: 1, alignment.CHANGED: 2}
    cuts = {0, len(text)}
    for diff in diffs:
        for op in diff.ops:
            cuts.update((op.a_start, op.a_end))
    points = sorted(cuts)
    pieces: list[DiffToken] = []
    for a, b in itertools.pairwise(points):
        if a >= b:
            continue
        kind = alignment.EQUAL
        for diff in diffs:
            for op in diff.ops:
                covers = op.a_start <= a and b <= op.a_end and op.a_end > op.a_start
                if covers and priority.get(op.kind, 0) > priority[kind]:
                    kind = op.kind
        if pieces and pieces[-1].kind == kind:
            last = pieces.pop()
            pieces.append(DiffToken(last.text + text[a:b], kind, last.start, b))
        else:
            pieces.append(DiffToken(text[a:b], kind, a, b))
    return tuple(pieces)


# =========================================================================== compare


def _citations(
    groups: Sequence[tuple[str, Sequence[Episode]]], pools: Sequence[Sequence[_Sentence]], texts: _Texts
) -> tuple[tuple[Citation, ...], dict[str, int]]:
    numbers: dict[str, int] = {}
    citations = []
    for (_label, episodes), pool in zip(groups, pools, strict=True):
        articles = [s.article for s in _ranked(pool)] + [a for e in episodes for a in e.articles]
        for article_id in dict.fromkeys(articles):
            analysis = texts.analyses.get(article_id)
            if article_id in numbers or analysis is None:
                continue
            numbers[article_id] = len(numbers) + 1
            article = analysis.article
            citations.append(
                Citation(
                    number=numbers[article_id],
                    article=article_id,
                    outlet=article.outlet or "Outlet unknown",
                    title=article.title,
                    url=article.url or "",
                    published=format_published(article),
                    approximate=article.published_precision != "day",
                    date=article.published,
                )
            )
    return tuple(citations), numbers


def _subjects(groups, pools, numbers) -> tuple[Subject, ...]:
    subjects = []
    for index, ((label, episodes), pool) in enumerate(zip(groups, pools, strict=True)):
        articles = tuple(dict.fromkeys([s.article for s in _ranked(pool)] + [a for e in episodes for a in e.articles]))
        subjects.append(
            Subject(
                index=index,
                label=str(label),
                date_words="; ".join(dict.fromkeys(e.date_words() for e in episodes)) or "date unknown",
                titles=tuple(dict.fromkeys(e.title for e in episodes)),
                episodes=tuple(e.id for e in episodes),
                articles=articles,
                citations=tuple(numbers[a] for a in articles if a in numbers),
                first=min((e.first for e in episodes), default=None),
                last=max((e.last for e in episodes), default=None),
                has_evidence=bool(pool),
            )
        )
    return tuple(subjects)


def compare(
    groups: Sequence[tuple[str, Sequence[Episode]]],
    analyses: Mapping[str, ArticleAnalysis],
    *,
    all_episodes: Sequence[Episode] | None = None,
    lexicon: FacetLexicon | None = None,
    motifs: Sequence[MotifSpec] | None = None,
) -> Comparison:
    """Compare 2 to 4 groups of episodes (``(label, episodes)``, as ``EpisodeSet.resolve`` gives).

    ``all_episodes`` (the whole EpisodeSet's episodes) lets a group's pool leave out the
    evidence of episodes outside the comparison; without it only the compared episodes are
    known. Raises ``ValueError`` for fewer than 2 or more than 4 groups; never on odd texts.
    """
    if not MIN_GROUPS <= len(groups) <= MAX_GROUPS:
        raise ValueError(
            f"a comparison needs {MIN_GROUPS} to {MAX_GROUPS} episodes or named episodes, got {len(groups)}"
        )
    groups = [(str(label), list(episodes)) for label, episodes in groups]
    lex = lexicon or load_facet_lexicon()
    motif_specs = tuple(motifs) if motifs is not None else load_motif_lexicon()
    texts = _Texts(analyses)
    if all_episodes is None:
        all_episodes = _episodes_of(groups, analyses)
    known = [*all_episodes, *(e for _, eps in groups for e in eps)]
    pools = _pools(groups, texts, known)
    citations, numbers = _citations(groups, pools, texts)
    subjects = _subjects(groups, pools, numbers)
    extractor = _Extractor(texts, numbers, lex.extract_chars)

    facets = _Facets(lex, texts, extractor, groups, pools)
    rows = []
    for spec in lex.facets:
        cells = [facets.cell(spec, s) for s in range(len(groups))]
        rows.append(_finish_row(spec, cells, subjects))

    cast = _cast(pools, groups, texts, lex.side_order)
    motif_rows, carriers = _motifs(motif_specs, pools, texts, extractor)
    aligned, aligned_keys = _aligned(pools, extractor)

    unique = []
    for pool in pools:
        for sentence in pool:
            key = (sentence.article, sentence.start)
            reasons = []
            if sentence.rank != OTHER:
                reasons.append("evidence")
            reasons += [f"facet:{f}" for f in sorted(facets.used.get(key, ()))]
            reasons += [f"motif:{m}" for m in sorted(carriers.get(key, ()))]
            if reasons and (sentence.subject, sentence.article, sentence.start) not in aligned_keys:
                unique.append(UniqueSentence(len(unique), extractor.make(sentence, whole=True), tuple(reasons)))

    differences: list[Difference] = []

    def stop(kind: str, index: int, label: str) -> None:
        differences.append(Difference(kind, index, f"diff-{len(differences)}", label))

    for i, row in enumerate(rows):
        if row.marker in (CHANGED, PARTIAL):
            stop("facet", i, row.label)
    for group in aligned:
        if group.changed:
            stop("aligned", group.index, f"Aligned sentences {group.index + 1}")
    for item in unique:
        stop("unique", item.index, f"Only in {subjects[item.extract.subject].label}")

    return Comparison(
        subjects=subjects,
        facets=tuple(rows),
        cast=cast,
        motifs=motif_rows,
        aligned=aligned,
        unique=tuple(unique),
        differences=tuple(differences),
        citations=citations,
        empty_text=lex.empty,
        side_words=dict(lex.side_words),
    )


__all__ = [
    "CHANGED",
    "IN_ALL",
    "IN_ONE",
    "IN_SOME",
    "NONE",
    "NOWHERE",
    "PARTIAL",
    "SAME",
    "AlignedGroup",
    "CastRow",
    "Citation",
    "Comparison",
    "DiffToken",
    "Difference",
    "Extract",
    "FacetCell",
    "FacetLexicon",
    "FacetRow",
    "FacetSpec",
    "Hit",
    "MotifRow",
    "MotifSpec",
    "Subject",
    "Term",
    "UniqueSentence",
    "compare",
    "compile_cues",
    "facet_marker",
    "load_facet_lexicon",
    "load_motif_lexicon",
    "parse_facet_lexicon",
    "parse_motif_lexicon",
    "phrase_pattern",
    "presence_marker",
]
