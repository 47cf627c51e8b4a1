"""Colours of annotations, defined once for the GUI, the PDF and the terminal.

Two Pygments styles (light and dark) map annotation tokens to colours: the Qt views and
the PDF get CSS made from them (:func:`css`), the terminal gets the same colours through a
Pygments terminal formatter (:func:`terminal_line`). Side colours are Paul Tol's "light"
scheme, designed as colour-blind-safe text backgrounds; every use pairs colour with a
label (legend, tooltip, optional side codes), so colour is never the only cue.

Marks that are not sides (the evidence of an episode, the current mention, a motif, a find
match) never wear a side's colour: :data:`MARKS` gives each a cue no side uses (lines above
and below, an underline in a deep ink, a neutral or deep tone), and ``tests/core/test_colour_code.py``
keeps every colour of a mark at least ``MARK_MARGIN`` (CIEDE2000) from every side colour.

The sides and their colours are data (``corpus/sides.yaml`` and the user's own sides, see
:mod:`desktop.core.annotate.sides`); this module only turns them into styles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pygments.style import Style
from pygments.token import Token, _TokenType

from desktop.core.annotate.gazetteer_records import FALLBACK_SIDE, Side
from desktop.core.annotate.sides import bundled_sides, darken, known_sides, mix, side_ids

Annotation = Token.Annotation
Actor = Annotation.Actor
Demonym = Annotation.Demonym
Unlinked = Annotation.Unlinked
Date = Annotation.Date
Place = Annotation.Place
Evidence = Annotation.Evidence
Motif = Annotation.Motif


#: The least CIEDE2000 difference between a mark's colours and any side colour. About 1 is
#: just noticeable side by side and the bundled sides differ from one another by 9 or more;
#: 20 is where two text backgrounds read as different colours even when seen apart.
MARK_MARGIN = 20.0


@dataclass(frozen=True)
class MarkLook:
    """How a mark that is not a side looks in one theme.

    ``fill`` is its background (None: none), ``ink`` the text on that fill (None: the text
    colour), ``line`` the colour of its lines (None: the text colour), ``lines`` the CSS
    ``text-decoration`` and ``style`` the underline style (Qt's rich text ignores it today).
    """

    fill: str | None = None
    ink: str | None = None
    line: str | None = None
    lines: str = ""
    style: str = ""

    def colours(self) -> tuple[str, ...]:
        """The colours this mark brings, for the distance test (text, its ink included, is not one)."""
        return tuple(c for c in (self.fill, self.line) if c)


#: The marks that are not sides: (light, dark). The evidence of an episode and the current
#: mention share one mark; "match" is a find hit (the reader's text selection).
MARKS: dict[str, tuple[MarkLook, MarkLook]] = {
    "evidence": (
        MarkLook(line="#444444", lines="underline overline"),
        MarkLook(fill="#4A4C52", lines="underline overline"),
    ),
    "motif": (
        MarkLook(line="#2F4F4F", lines="underline"),
        MarkLook(fill="#2F4F4F", lines="underline"),
    ),
    "match": (
        MarkLook(fill="#2F5D9A", ink="#FFFFFF"),
        MarkLook(fill="#2E4A70", ink="#F0F4FA"),
    ),
}


def mark(name: str, theme: str = "light") -> MarkLook:
    """How the mark ``name`` (a key of :data:`MARKS`) looks in ``theme``."""
    return MARKS[name][theme == "dark"]


def _mark_css(look: MarkLook) -> str:
    out = []
    if look.fill:
        out.append(f"background-color: {look.fill}")
    if look.ink:
        out.append(f"color: {look.ink}")
    if look.lines:
        out.append(f"text-decoration: {look.lines}")
    if look.style:
        out.append(f"text-underline-style: {look.style}")
    if look.line:
        out.append(f"text-decoration-color: {look.line}")
    return "; ".join(out)


def _mark_style(look: MarkLook) -> str:
    """The Pygments rule of a mark (its border stands for the line, as for demonyms)."""
    parts = [f"bg:{look.fill}"] if look.fill else []
    parts += [f"border:{look.line}"] if look.line else []
    return " ".join(parts)


_MARK_TOKENS: dict[_TokenType, str] = {Evidence: "evidence", Motif: "motif"}


def side_token(side: str, kind: _TokenType = Actor) -> _TokenType:
    """The token of a side: ``belarus`` -> ``Token.Annotation.Actor.Belarus``."""
    name = side if side in side_ids() else FALLBACK_SIDE
    return getattr(kind, name.capitalize())


def _styles(background: str, text: str, dark: bool, sides: tuple[Side, ...]) -> dict[_TokenType, str]:
    styles: dict[_TokenType, str] = {Token: text}
    for side in sides:
        colour = side.colour
        chip = side.dark if dark else colour
        styles[_token(side.id)] = f"bg:{chip} #111111"
        # Demonyms: a lighter tint and a dotted underline in the side's colour.
        tint = mix(colour, background, 0.30 if dark else 0.38)
        line = colour if dark else darken(colour, 0.35)
        styles[_token(side.id, Demonym)] = f"bg:{tint} border:{line}"
    styles[Unlinked] = f"bg:{mix('#BBBBBB', background, 0.35)} border:{'#AAAAAA' if dark else '#666666'}"
    styles[Date] = "bold #C8B4FF" if dark else "bold #5B2C9F"
    styles[Place] = "italic"
    styles[Evidence] = _mark_style(MARKS["evidence"][dark])
    styles[Motif] = _mark_style(MARKS["motif"][dark])
    return styles


def _token(side_id: str, kind: _TokenType = Actor) -> _TokenType:
    return getattr(kind, side_id.capitalize())


@cache
def _style_classes(sides: tuple[Side, ...]) -> tuple[type[Style], type[Style]]:
    """The light and the dark style for these sides (made once per set of sides)."""
    light = type(
        "LightStyle",
        (Style,),
        {
            "name": "overtures-light",
            "background_color": "#FFFFFF",
            "highlight_color": MARKS["match"][0].fill,
            "styles": _styles("#FFFFFF", "#1D1D1F", False, sides),
        },
    )
    dark = type(
        "DarkStyle",
        (Style,),
        {
            "name": "overtures-dark",
            "background_color": "#1E1F22",
            "highlight_color": MARKS["match"][1].fill,
            "styles": _styles("#1E1F22", "#E6E6E6", True, sides),
        },
    )
    return light, dark


#: The styles of the bundled sides (``style_for`` also knows the user's sides).
LightStyle, DarkStyle = _style_classes(bundled_sides())


def style_for(theme: str) -> type[Style]:
    light, dark = _style_classes(known_sides())
    return dark if theme == "dark" else light


def css_class(token: _TokenType) -> str:
    """A CSS class for a token: ``Token.Annotation.Actor.Belarus`` -> ``actor-belarus``."""
    parts = [p.lower() for p in token[1:]]  # drop "Annotation"
    return "-".join(parts)


def _declarations(style: type[Style], token: _TokenType) -> str:
    spec = style.style_for_token(token)
    out = []
    if spec["color"]:
        out.append(f"color: #{spec['color']}")
    if spec["bgcolor"]:
        out.append(f"background-color: #{spec['bgcolor']}")
    if spec["bold"]:
        out.append("font-weight: 600")
    if spec["italic"]:
        out.append("font-style: italic")
    if spec["border"]:
        # Pygments has no underline colour; its border colour stands in for it.
        out.append("text-decoration: underline")
        out.append("text-underline-style: dotted" if token[1] == "Demonym" else "text-underline-style: dashed")
        out.append(f"text-decoration-color: #{spec['border']}")
    return "; ".join(out)


def _rule(style: type[Style], token: _TokenType, theme: str) -> str:
    name = _MARK_TOKENS.get(token)
    return _mark_css(mark(name, theme)) if name else _declarations(style, token)


def annotation_tokens() -> list[_TokenType]:
    ids = side_ids()
    tokens = [_token(s) for s in ids]
    tokens += [_token(s, Demonym) for s in ids]
    tokens += [Unlinked, Date, Place, Evidence, Motif]
    return tokens


def css(theme: str = "light") -> str:
    """A style sheet for Qt rich text (reader, comparison, PDF): one rule per token."""
    style = style_for(theme)
    rules = [f".{css_class(t)} {{ {_rule(style, t, theme)} }}" for t in annotation_tokens()]
    rules.append("a { text-decoration: none; }")
    for token, name in _MARK_TOKENS.items():  # a name or a date inside a mark keeps the mark's lines
        if mark(name, theme).lines:
            rules.append(f".{css_class(token)} a {{ text-decoration: {mark(name, theme).lines}; }}")
    side_code = "#B0B0B0" if theme == "dark" else "#555555"
    rules.append(f"sup.side {{ font-size: 70%; color: {side_code}; }}")
    return "\n".join(rules)


def colour(side: str, theme: str = "light") -> str:
    """The chip colour of a side, as ``#RRGGBB``."""
    spec = style_for(theme).style_for_token(side_token(side))
    return f"#{spec['bgcolor']}"


def date_colour(theme: str = "light") -> str:
    return f"#{style_for(theme).style_for_token(Date)['color']}"
