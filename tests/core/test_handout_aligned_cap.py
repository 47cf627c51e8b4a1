"""A printed handout shows the strongest aligned groups; the others counted by outlet (issue 11)."""

from __future__ import annotations

from desktop.core.compare import html_caps
from desktop.core.compare.records import AlignedGroup, Citation, Extract


def _citation(n: int) -> Citation:
    return Citation(n, f"a{n}", "Big Wire" if n % 3 else "Small Paper", f"T{n}", "", "1 May 2020", False)


def _extract(subject: int, n: int) -> Extract:
    return Extract(subject, f"a{n}", 0, 4, 0, 4, "Text", n)


def _group(index: int) -> AlignedGroup:
    members = (_extract(0, index + 1), _extract(1, index + 2), _extract(2, index + 3) if index % 5 == 0 else None)
    return AlignedGroup(index, members, 0, 0.5 + (index % 10) / 100, 0.5, True, (None, None, None))


def test_a_huge_comparison_prints_its_strongest_aligned_groups_in_order_and_counts_the_others():
    groups = [_group(i) for i in range(500)]
    citations = {n: _citation(n) for n in range(1, 510)}
    shown, line = html_caps.capped_aligned(groups, citations)
    assert len(shown) == html_caps.ALIGNED_LISTED
    assert [g.index for g in shown] == sorted(g.index for g in shown)  # in their order
    assert all(g.members[2] is not None for g in shown)  # told by all three episodes first
    assert "and 460 other aligned groups (shown in the app): Big Wire (" in line and "Small Paper (" in line


def test_a_small_comparison_prints_every_aligned_group():
    groups = [_group(i) for i in range(3)]
    assert html_caps.capped_aligned(groups, {}) == (groups, "")
