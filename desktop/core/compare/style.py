"""The comparison's one style sheet, from a table of colours per theme and a list of rules.

The HTML of :mod:`desktop.core.compare.html` (view and PDF) is styled by this sheet: the
annotation colours come from :func:`~desktop.core.annotate.document.body_css`; the markers,
key terms and word diffs from :data:`COLOURS` (light and dark); printing always uses light.
"""

from __future__ import annotations

from desktop.core.annotate.document import body_css
from desktop.core.compare.alignment import CHANGED, DELETED, INSERTED

#: Named colours of each theme: (light, dark).
COLOURS: dict[str, tuple[str, str]] = {
    "text": ("#1D1D1F", "#E6E6E6"),
    "muted": ("#5F5F66", "#A8A8A8"),
    "rule": ("#C9C9CF", "#4A4B50"),
    "head": ("#F1F1F4", "#2B2D31"),
    "link": ("#1F5FAD", "#8AB4F8"),
    # differences: in the light theme no tone at all (any light tint is close to a side's colour,
    # tests/core/test_colour_code.py); the underline, wave and line-through are the cue
    "term_changed": ("transparent", "#6A3A12"),
    INSERTED: ("transparent", "#1E4A2A"),
    DELETED: ("transparent", "#5A2530"),
    CHANGED: ("transparent", "#4D4718"),
    # the ink of inserted and deleted words (text, not a background: no side is a text colour)
    "inserted_ink": ("#1B6B33", "#CFEFD6"),
    "deleted_ink": ("#9B1C31", "#FFD6DC"),
}

#: Facet-marker (background, foreground) pairs: (light, dark). Paul Tol's bright scheme:
#: distinguishable for colour-blind readers; symbols carry the meaning.
MARKER_COLOURS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "same": (("#DCE8F5", "#1F4E79"), ("#1F3B57", "#BFD7F2")),
    "changed": (("#FBDDE2", "#8E1B30"), ("#5A2530", "#FFC2CC")),
    "partial": (("#F6EFC6", "#6B5A00"), ("#4D4718", "#F2E7A6")),
    "none": (("#EDEDED", "#555555"), ("#333438", "#B8B8B8")),
}

#: The rules, with ``{name}`` for a colour of :data:`COLOURS` (``{inserted}`` etc. for diffs).
RULES: tuple[str, ...] = (
    "h2, h3 {{ color: {text}; margin-top: 0.8em; margin-bottom: 0.4em; }}",
    "table.grid {{ border-color: {rule}; border-style: solid; border-collapse: collapse;"
    " margin-top: 0; margin-bottom: 0; }}",
    "table.grid td, table.grid th {{ border-color: {rule}; border-style: solid; vertical-align: top; color: {text}; }}",
    "th {{ background-color: {head}; font-weight: 600; }}",
    "h4.unique-head {{ color: {text}; font-size: 100%; margin-top: 0.5em; margin-bottom: 0.2em; }}",
    "h6.cell {{ color: {muted}; font-size: 85%; font-weight: 400; margin-top: 0; margin-bottom: 0.3em; }}",
    "td.facet {{ font-weight: 600; background-color: {head}; }}",
    "td.gutter {{ font-weight: 700; text-align: center; }}",
    "p.extract {{ margin-top: 0; margin-bottom: 0.35em; color: {text}; line-height: 130%; }}",
    "p.summary {{ margin-top: 0; margin-bottom: 0.35em; font-weight: 600; color: {text}; }}",
    "p.terms {{ margin-top: 0; margin-bottom: 0.35em; color: {muted}; font-size: 90%; }}",
    ".note {{ color: {muted}; font-size: 85%; font-weight: 400; }}",
    ".corrected {{ color: {link}; font-size: 85%; font-weight: 600; }}",
    ".empty {{ color: {muted}; font-style: italic; }}",
    ".more {{ color: {muted}; font-size: 85%; font-style: italic; }}",
    ".ref {{ color: {muted}; font-size: 90%; }}",
    "sup.cite {{ font-size: 70%; color: {muted}; }}",
    "a.goto {{ color: {muted}; }}",
    "a.cite {{ color: {link}; }}",
    ".outside {{ color: {muted}; font-style: italic; }}",
    "p.source {{ margin-top: 0; margin-bottom: 0.3em; color: {text}; }}",
    ".term {{ color: {text}; }}",
    ".term-changed {{ background-color: {term_changed}; color: #111111; font-weight: 700;"
    " text-decoration: underline; }}",
    "span.cue {{ text-decoration: underline; text-underline-style: dotted; }}",
    "span.cue-changed {{ background-color: {term_changed}; color: #111111; text-decoration: underline; }}",
    "span.d-inserted {{ background-color: {inserted}; color: {inserted_ink}; text-decoration: underline; }}",
    "span.d-deleted {{ background-color: {deleted}; color: {deleted_ink}; text-decoration: line-through; }}",
    "span.d-changed {{ background-color: {changed}; font-style: italic; text-decoration: underline;"
    " text-underline-style: wave; }}",
    "span.d-whole {{ background-color: {changed}; text-decoration: underline; }}",
)


def comparison_css(theme: str = "light", for_print: bool = False) -> str:
    """The one style sheet of the comparison: annotation colours from :mod:`palette`,
    markers, key terms and word diffs, for the light or dark theme."""
    dark = theme == "dark" and not for_print
    colours = {name: pair[dark] for name, pair in COLOURS.items()}
    rules = [body_css("dark" if dark else "light"), *(rule.format(**colours) for rule in RULES)]
    for name, pairs in MARKER_COLOURS.items():
        background, foreground = pairs[dark]
        rules.append(f".m-{name} {{ background-color: {background}; color: {foreground}; }}")
    return "\n".join(rules)


__all__ = ["COLOURS", "MARKER_COLOURS", "RULES", "comparison_css"]
