"""What a handout lists for a huge episode: the sources with most evidence, the rest by outlet (issue 11)."""

from __future__ import annotations

from desktop.core.compare import html_caps
from desktop.core.compare.records import Citation, Subject


def _citation(n: int) -> Citation:
    return Citation(n, f"a{n}", "Big Wire" if n % 3 else "Small Paper", f"T{n}", "", "1 May 2020", False)


def test_a_huge_episode_names_its_sources_with_most_evidence_and_the_others_by_outlet():
    numbers = tuple(range(1, 1001))
    subject = Subject(
        0, "S", "May 2020", (), ("e",), (), numbers, None, None, True, evidence=tuple(n % 7 for n in numbers)
    )
    line = html_caps.subject_sources(subject, {n: _citation(n) for n in numbers})
    shown = line.split(" and ")[0]
    assert shown.count("[") == html_caps.SOURCES_LISTED
    assert "[6]" in shown  # 6 % 7 == 6: among the sources with most evidence
    assert "and 992 others: Big Wire (662), Small Paper (330)" in line
    assert "more" not in line


def test_a_small_episode_lists_every_source():
    subject = Subject(0, "S", "May 2020", (), ("e",), (), (1, 2, 3), None, None, True)
    assert html_caps.subject_sources(subject, {n: _citation(n) for n in (1, 2, 3)}) == "[1], [2], [3]"


def test_the_sources_section_lists_in_full_only_while_short():
    citations = [_citation(n) for n in range(1, 501)]
    listed, rest = html_caps.sources_listed(citations, cited={3, 7})
    assert [c.number for c in listed] == [3, 7] and len(rest) == 498
    listed, rest = html_caps.sources_listed(citations[:10], cited=set())
    assert len(listed) == 10 and not rest
