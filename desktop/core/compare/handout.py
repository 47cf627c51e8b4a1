"""From episode ids to a comparison: shared by the window, the PDF export and the command line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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


def default_ids(episode_set: EpisodeSet) -> list[str]:
    """The named episodes the comparison opens with (``compare`` in episodes.yaml) that match."""
    return [i for i in episode_set.curation.compare if episode_set.matches.get(i)]


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
