"""Colour is a code that holds: no mark that is not a side looks like a side.

Every colour a mark brings (evidence and current mention, motif, find match, the comparison's
"differs") is at least ``palette.MARK_MARGIN`` (CIEDE2000) from every side colour (the chip
colours of corpus/sides.yaml and the user's sides) in the light and the dark theme. The
demonyms' paler tints are left out: on the dark page they run through every dark tone a
mark could take, and they are told apart by their dotted underline in the side's colour. The distance itself is
checked against the published test pairs of Sharma, Wu & Dalal (2005).
"""

from __future__ import annotations

import pytest

from desktop.core.annotate import palette
from desktop.core.annotate.colour_distance import delta_e_2000, distance, hex_to_lab
from desktop.core.annotate.sides import known_sides
from desktop.core.compare import style

# (L1, a1, b1), (L2, a2, b2), ΔE00: pairs 1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 17, 18, 19, 20, 25, 34
# of Table 1 in Sharma, Wu & Dalal, Color Res. Appl. 30 (2005) 21-30.
SHARMA = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
    ((50.0, 2.8361, -74.0200), (50.0, 0.0, -82.7485), 3.4412),
    ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0000),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, -1.0, 2.0), (50.0, 0.0, 0.0), 2.3669),
    ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0009), 7.1792),
    ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0010), 7.1792),
    ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0011), 7.2195),
    ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0012), 7.2195),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((50.0, 2.5, 0.0), (61.0, -5.0, 29.0), 22.8977),
    ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
    ((50.0, 2.5, 0.0), (58.0, 24.0, 15.0), 19.4535),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]

THEMES = ("light", "dark")


@pytest.mark.parametrize(("lab1", "lab2", "expected"), SHARMA)
def test_ciede2000_matches_the_published_pairs(lab1, lab2, expected):
    assert delta_e_2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert delta_e_2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)  # symmetric


def test_srgb_to_lab_of_known_colours():
    assert hex_to_lab("#FFFFFF") == pytest.approx((100.0, 0.0, 0.0), abs=0.01)
    assert hex_to_lab("#000000") == pytest.approx((0.0, 0.0, 0.0), abs=0.01)
    assert hex_to_lab("#FF0000") == pytest.approx((53.24, 80.09, 67.20), abs=0.02)
    assert distance("#777777", "#777777") == 0.0


def side_colours(theme: str) -> dict[str, str]:
    """The chip colour of every side in ``theme``."""
    return {side.id: side.dark if theme == "dark" else side.colour for side in known_sides()}


def too_close(colours: dict[str, str], theme: str) -> list[str]:
    sides = side_colours(theme)
    return [
        f"{name} {colour} is {distance(colour, side_colour):.1f} from {side} {side_colour} ({theme})"
        for name, colour in colours.items()
        for side, side_colour in sides.items()
        if distance(colour, side_colour) < palette.MARK_MARGIN
    ]


def mark_colours(theme: str) -> dict[str, str]:
    return {
        f"{name} {i}": colour for name in palette.MARKS for i, colour in enumerate(palette.mark(name, theme).colours())
    }


@pytest.mark.parametrize("theme", THEMES)
def test_every_mark_is_far_from_every_side(theme):
    assert set(palette.MARKS) >= {"evidence", "motif", "match"}
    assert all(palette.mark(name, theme).colours() for name in ("evidence", "match"))
    assert too_close(mark_colours(theme), theme) == []


@pytest.mark.parametrize("theme", THEMES)
def test_every_mark_has_a_cue_beyond_its_colour(theme):
    """Evidence, motif and match differ from one another in kind, not only in tone."""
    evidence, motif, match = (palette.mark(n, theme) for n in ("evidence", "motif", "match"))
    assert "overline" in evidence.lines and "underline" in evidence.lines
    assert "underline" in motif.lines and "overline" not in motif.lines
    assert match.fill and match.ink
    css = palette.css(theme)
    assert ".evidence { " in css and "overline" in css.split(".evidence { ")[1].split("}")[0]


def test_the_style_sheet_carries_the_marks():
    light = palette.css("light").split(".evidence { ")[1].split("}")[0]
    assert "background-color" not in light  # no tone on paper: the lines are the cue
    dark = palette.css("dark").split(".evidence { ")[1].split("}")[0]
    assert palette.mark("evidence", "dark").fill in dark


#: What the comparison's difference colours should become (desktop/core/compare/style.py,
#: COLOURS, light theme): no tone at all -- the rules' underline, wave and line-through are the
#: cue -- and "d-whole" gets a wave underline. The dark values already clear the margin.
PROPOSED_DIFFERENCES = {"term_changed": None, "inserted": None, "deleted": None, "changed": None}


def difference_colours(theme: str, colours: dict[str, tuple[str, str]]) -> dict[str, str]:
    dark = theme == "dark"
    return {
        name: pair[dark]
        for name, pair in colours.items()
        if name in PROPOSED_DIFFERENCES and pair[dark] and pair[dark].startswith("#")
    }


def test_the_proposed_difference_colours_clear_the_margin():
    proposed = {name: (value, style.COLOURS[name][1]) for name, value in PROPOSED_DIFFERENCES.items()}
    for theme in THEMES:
        assert too_close(difference_colours(theme, proposed), theme) == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_comparisons_differences_are_far_from_every_side(theme):
    assert too_close(difference_colours(theme, style.COLOURS), theme) == []
