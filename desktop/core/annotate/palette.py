"""Colours of annotations, defined once for the GUI, the PDF and the terminal.

Two Pygments styles (light and dark) map annotation tokens to colours: the Qt views and
the PDF get CSS made from them (:func:`css`), the terminal gets the same colours through a
Pygments terminal formatter (:func:`terminal_line`). Side colours are Paul Tol's "light"
scheme, designed as colour-blind-safe text backgrounds; every use pairs colour with a
label (legend, tooltip, optional side codes), so colour is never the only cue.
"""

from __future__ import annotations

from pygments.style import Style
from pygments.token import Token, _TokenType

Annotation = Token.Annotation
Actor = Annotation.Actor
Demonym = Annotation.Demonym
Unlinked = Annotation.Unlinked
Date = Annotation.Date
Place = Annotation.Place
Evidence = Annotation.Evidence
Motif = Annotation.Motif

#: Side id -> (background, display name of the colour) — Tol "light" + one lavender.
SIDE_COLOURS: dict[str, str] = {
    "belarus": "#EE8866",  # orange
    "russia": "#FFAABB",  # pink
    "us": "#77AADD",  # light blue
    "eu": "#EEDD88",  # light yellow
    "poland": "#BBCC33",  # pear
    "ukraine": "#99DDFF",  # light cyan
    "international": "#44BB99",  # mint
    "west": "#AAAA00",  # olive
    "opposition": "#D4BBEE",  # lavender
    "other": "#DDDDDD",  # pale grey
}
FALLBACK_SIDE = "other"


def side_token(side: str, kind: _TokenType = Actor) -> _TokenType:
    """The token of a side: ``belarus`` -> ``Token.Annotation.Actor.Belarus``."""
    name = side if side in SIDE_COLOURS else FALLBACK_SIDE
    return getattr(kind, name.capitalize())


def _mix(colour: str, other: str, amount: float) -> str:
    """``amount`` of ``colour`` over ``other`` (hex strings)."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x * amount + y * (1 - amount)):02x}" for x, y in zip(a, b, strict=True))


def _darken(colour: str, amount: float) -> str:
    return _mix(colour, "#000000", 1 - amount)


def _styles(background: str, text: str, dark: bool) -> dict[_TokenType, str]:
    styles: dict[_TokenType, str] = {Token: text}
    for side, colour in SIDE_COLOURS.items():
        chip = _darken(colour, 0.12) if dark else colour
        styles[side_token(side)] = f"bg:{chip} #111111"
        # Demonyms: a lighter tint and a dotted underline in the side's colour.
        tint = _mix(colour, background, 0.30 if dark else 0.38)
        line = colour if dark else _darken(colour, 0.35)
        styles[side_token(side, Demonym)] = f"bg:{tint} border:{line}"
    styles[Unlinked] = f"bg:{_mix('#BBBBBB', background, 0.35)} border:{'#AAAAAA' if dark else '#666666'}"
    styles[Date] = "bold #C8B4FF" if dark else "bold #5B2C9F"
    styles[Place] = "italic"
    styles[Evidence] = "bg:#5A4F1F" if dark else "bg:#FFF1A8"
    styles[Motif] = "bg:#2F4F4F" if dark else "bg:#D8F0EA"
    return styles


class LightStyle(Style):
    name = "overtures-light"
    background_color = "#FFFFFF"
    highlight_color = "#FFF1A8"
    styles = _styles("#FFFFFF", "#1D1D1F", dark=False)


class DarkStyle(Style):
    name = "overtures-dark"
    background_color = "#1E1F22"
    highlight_color = "#5A4F1F"
    styles = _styles("#1E1F22", "#E6E6E6", dark=True)


def style_for(theme: str) -> type[Style]:
    return DarkStyle if theme == "dark" else LightStyle


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


def annotation_tokens() -> list[_TokenType]:
    tokens = [side_token(s) for s in SIDE_COLOURS]
    tokens += [side_token(s, Demonym) for s in SIDE_COLOURS]
    tokens += [Unlinked, Date, Place, Evidence, Motif]
    return tokens


def css(theme: str = "light") -> str:
    """A style sheet for Qt rich text (reader, comparison, PDF): one rule per token."""
    style = style_for(theme)
    rules = [f".{css_class(t)} {{ {_declarations(style, t)} }}" for t in annotation_tokens()]
    rules.append("a { text-decoration: none; }")
    side_code = "#B0B0B0" if theme == "dark" else "#555555"
    rules.append(f"sup.side {{ font-size: 70%; color: {side_code}; }}")
    return "\n".join(rules)


def colour(side: str, theme: str = "light") -> str:
    """The chip colour of a side, as ``#RRGGBB``."""
    spec = style_for(theme).style_for_token(side_token(side))
    return f"#{spec['bgcolor']}"


def date_colour(theme: str = "light") -> str:
    return f"#{style_for(theme).style_for_token(Date)['color']}"
