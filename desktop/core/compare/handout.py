"""From episode ids to a comparison: shared by the window, the PDF export and the command line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.compare.comparison import compare
from desktop.core.compare.records import Comparison
from desktop.core.episodes.grouping import EpisodeSet


class UnknownEpisodes(ValueError):
    """Some ids name no episode; the message lists them and the ids that would work."""

    def __init__(self, unknown: Sequence[str], valid: Sequence[str]) -> None:
        self.unknown = list(unknown)
        self.valid = list(valid)
        listed = "\n  ".join(valid)
        super().__init__(
            f"unknown episode id{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}\n"
            f"valid ids (named episodes first):\n  {listed}"
        )


#: What the comparison says when it opens on the largest episodes because no named episode matched.
NO_NAMED_NOTE = "No named episode matched; comparing the largest episodes with several sources"
ONE_NAMED_NOTE = "Only one named episode matched; adding the largest episodes with several sources"
#: How many episodes the fallback compares at most, and how many sources (articles) each needs.
FALLBACK_COUNT = 3
MIN_SOURCES = 2


@dataclass(frozen=True)
class DefaultSubjects:
    """What the comparison opens with, and a note for the window and the PDF ("" when named episodes matched)."""

    ids: list[str]
    note: str = ""


def _largest_with_sources(episode_set: EpisodeSet, leave_out: set[str]) -> list[str]:
    """Episodes told by several articles, the most articles (then the most evidence) first."""
    several = [
        e
        for e in episode_set.episodes
        if len(e.articles) >= MIN_SOURCES and e.id not in leave_out and not (e.named and e.named in leave_out)
    ]
    several.sort(key=lambda e: (-len(e.articles), -len(e.primary_evidence), e.first, e.id))
    return [e.id for e in several]


def default_subjects(episode_set: EpisodeSet) -> DefaultSubjects:
    """The named episodes of ``compare`` (episodes.yaml) that match; failing two of them, the largest episodes
    with several sources (two or three subjects in all), with a note that says so."""
    named = [i for i in episode_set.curation.compare if episode_set.matches.get(i)]
    if len(named) >= 2:
        return DefaultSubjects(named)
    taken = set(named) | {e for i in named for e in episode_set.matches[i]}
    extra = _largest_with_sources(episode_set, taken)[: FALLBACK_COUNT - len(named)]
    if not extra:
        return DefaultSubjects(named)
    return DefaultSubjects(named + extra, ONE_NAMED_NOTE if named else NO_NAMED_NOTE)


def default_ids(episode_set: EpisodeSet) -> list[str]:
    """The ids the comparison opens with (see :func:`default_subjects`)."""
    return default_subjects(episode_set).ids


def build_comparison(
    episode_set: EpisodeSet, analyses: Mapping[str, ArticleAnalysis], ids: Sequence[str] | None = None
) -> Comparison:
    """Compare the episodes (or named episodes) ``ids``; the default trio if none are given.

    Raises :class:`UnknownEpisodes` for ids that match nothing and ``ValueError`` for fewer
    than two or more than four subjects.
    """
    wanted = list(ids) if ids else default_ids(episode_set)
    groups, unknown = episode_set.resolve(wanted)
    if unknown:
        raise UnknownEpisodes(unknown, episode_set.valid_ids())
    return compare(groups, analyses, all_episodes=episode_set.episodes)


def subject_choices(episode_set: EpisodeSet) -> list[tuple[str, str]]:
    """(id, label) pairs for a picker: named episodes that match, then every episode by date."""
    choices = [(r.id, f"★ {r.label}") for r in episode_set.curation.named if episode_set.matches.get(r.id)]
    choices += [(e.id, f"{e.first:%Y-%m-%d} · {e.title}") for e in episode_set.episodes]
    return choices
