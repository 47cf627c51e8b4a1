"""What a handout lists for a huge episode: the sources with most evidence, the rest by outlet.

A named episode of a large library is told by a thousand articles and has tens of thousands
of sentences of its own. The handout names the :data:`SOURCES_LISTED` sources with most
evidence and then "and N others: Outlet (count), …" (the outlets with most of them first), and
shows :data:`UNIQUE_LISTED` one-episode sentences of each episode in full, the others as "and N
others: …" by outlet. Never a bare "+N more": the reader always sees where the rest come from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from desktop.core.compare import records as cmp
from desktop.core.compare.html_text import esc

#: Sources of an episode named by their citation in the episodes table.
SOURCES_LISTED = 8
#: One-episode sentences of an episode shown in full.
UNIQUE_LISTED = 25
#: Openings of a cell's further extracts listed in its "and N others" line; the rest by outlet.
OPENINGS_LISTED = 12
#: Up to this many sources the sources section lists them all; beyond, those the handout cites.
SOURCES_IN_FULL = 60
#: Aligned groups a printed handout shows (those told by most episodes, most alike first); the rest
#: are counted by outlet, so the handout's length does not grow with the library.
ALIGNED_LISTED = 40
#: Outlets named in an "and N others" line (those with most first); the rest counted.
OUTLETS_LISTED = 12


def by_outlet(outlets: Iterable[str]) -> str:
    """'Outlet A (12), Outlet B (3) and 4 other outlets (9)': the outlets with most first."""
    counts = Counter(outlets)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    named = ", ".join(f"{esc(outlet)} ({n:,})" for outlet, n in ranked[:OUTLETS_LISTED])
    rest = ranked[OUTLETS_LISTED:]
    if rest:
        named += f" and {len(rest):,} other outlet{'s' if len(rest) > 1 else ''} ({sum(n for _o, n in rest):,})"
    return named


def subject_sources(subject: cmp.Subject, citations: Mapping[int, cmp.Citation]) -> str:
    """The subject's citations, the sources with most evidence first, the others by outlet."""
    numbers = list(subject.citations)
    if len(numbers) <= SOURCES_LISTED:
        return ", ".join(f"[{n}]" for n in numbers) or "no source"
    weight = dict(zip(subject.citations, subject.evidence, strict=False)) if subject.evidence else {}
    ordered = sorted(numbers, key=lambda n: (-weight.get(n, 0), n))
    shown, rest = ordered[:SOURCES_LISTED], ordered[SOURCES_LISTED:]
    outlets = by_outlet(citations[n].outlet for n in rest if n in citations)
    return ", ".join(f"[{n}]" for n in shown) + f" and {len(rest):,} others: {outlets}"


def sources_listed(citations: Sequence[cmp.Citation], cited: set[int]):
    """The citations the sources section lists in full, and the others (counted by outlet)."""
    if len(citations) <= SOURCES_IN_FULL:
        return list(citations), []
    return [c for c in citations if c.number in cited], [c for c in citations if c.number not in cited]


def capped_unique(items: Sequence[cmp.UniqueSentence], citations: Mapping[int, cmp.Citation]):
    """The one-episode sentences shown in full, and the line for the others ("" when none)."""
    shown, rest = list(items[:UNIQUE_LISTED]), items[UNIQUE_LISTED:]
    if not rest:
        return shown, ""
    outlets = by_outlet(citations[u.extract.citation].outlet for u in rest if u.extract.citation in citations)
    line = f"and {len(rest):,} other{'s' if len(rest) > 1 else ''} found only here: {outlets}"
    return shown, f'<p class="note">{line}.</p>'


def capped_aligned(groups: Sequence[cmp.AlignedGroup], citations: Mapping[int, cmp.Citation]):
    """The aligned groups a printed handout shows, in their order, and the line for the others ("" when none).

    The :data:`ALIGNED_LISTED` groups with most members (then most alike) are shown."""
    if len(groups) <= ALIGNED_LISTED:
        return list(groups), ""
    strongest = sorted(
        range(len(groups)), key=lambda i: (-sum(m is not None for m in groups[i].members), -groups[i].similarity, i)
    )
    keep = set(strongest[:ALIGNED_LISTED])
    shown = [g for i, g in enumerate(groups) if i in keep]
    rest = [g for i, g in enumerate(groups) if i not in keep]
    numbers = [m.citation for g in rest for m in g.members if m is not None]
    outlets = by_outlet(citations[n].outlet for n in numbers if n in citations)
    line = f"and {len(rest):,} other aligned group{'s' if len(rest) > 1 else ''} (shown in the app): {outlets}"
    return shown, f'<p class="note">{line}.</p>'


__all__ = [
    "ALIGNED_LISTED",
    "OPENINGS_LISTED",
    "OUTLETS_LISTED",
    "SOURCES_IN_FULL",
    "SOURCES_LISTED",
    "UNIQUE_LISTED",
    "by_outlet",
    "capped_aligned",
    "capped_unique",
    "sources_listed",
    "subject_sources",
]
