"""An article as highlighted HTML: the one place that turns annotations into marks.

The reader, the comparison view, the slides and the PDF all show annotated text through
:func:`annotation_marks` and :func:`body_css`, so an actor looks the same everywhere.
Links use the ``actor:`` and ``date:`` schemes so views can react to clicks.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from pygments.token import _TokenType

from desktop.core.annotate import palette
from desktop.core.annotate.records import VIA_DEMONYM, ActorMention, DateMention
from desktop.core.text.markup import Mark, render_html

VIA_WORDS = {
    "name": "name",
    "alias": "alias or variant spelling",
    "surname": "surname (the person named earlier, or the only one known by it)",
    "role": "role at the article's date",
    "demonym": "adjective or demonym for a side",
    "pattern": "a person's name found by pattern (not in the actor list)",
}


@dataclass(frozen=True, slots=True)
class SideInfo:
    label: str
    code: str


@dataclass(frozen=True, slots=True)
class ViewOptions:
    """What to show: theme, side codes, which sides and kinds are switched off."""

    theme: str = "light"
    side_labels: bool = False
    hidden_sides: frozenset[str] = frozenset()
    hidden_kinds: frozenset[str] = frozenset()  # person, state, organisation, bloc, demonym, date
    links: bool = True  # actor: and date: links (off for print)
    tooltips: bool = True


@dataclass(frozen=True, slots=True)
class Highlight:
    """A stretch to mark beyond annotations: evidence sentences, motif cues, a search hit."""

    start: int
    end: int
    kind: str = "evidence"  # evidence | motif | note
    anchor: str = ""
    title: str = ""


@dataclass(slots=True)
class Annotated:
    """What the marks are made from (one article's annotations)."""

    actors: Sequence[ActorMention] = ()
    dates: Sequence[DateMention] = ()
    sides: Mapping[str, SideInfo] = field(default_factory=dict)
    date_words: Mapping[str, str] = field(default_factory=dict)  # value -> words, for tooltips


def side_info(sides: Mapping[str, SideInfo], side: str) -> SideInfo:
    return sides.get(side) or SideInfo(side.replace("_", " ").title() or "Other", side[:3].upper())


def actor_tooltip(mention: ActorMention, sides: Mapping[str, SideInfo]) -> str:
    info = side_info(sides, mention.side)
    if mention.via == VIA_DEMONYM:
        head = f"<b>{html.escape(mention.text)}</b> — refers to the side <b>{html.escape(info.label)}</b>"
    elif mention.actor is None:
        head = f"<b>{html.escape(mention.name)}</b> — a person not in the actor list"
    else:
        head = f"<b>{html.escape(mention.name)}</b>"
    lines = [head]
    if mention.role:
        lines.append(html.escape(mention.role))
    if mention.via != VIA_DEMONYM:
        lines.append(f"Side: {html.escape(info.label)} ({info.code}) · {mention.kind}")
    how = VIA_WORDS.get(mention.via, mention.via)
    matched = f" “{html.escape(mention.matched)}”" if mention.matched else ""
    lines.append(f"<i>Matched by {how}{matched}</i>")
    if mention.actor is None and mention.via == "pattern":
        lines.append("<i>Right-click to add this person to your actors</i>")
    return "<br>".join(lines)


def date_tooltip(mention: DateMention, words: str) -> str:
    lines = [
        f"<b>{html.escape(words or mention.value)}</b>",
        f"Value: {html.escape(mention.value)} ({mention.type.lower()})",
    ]
    if mention.note:
        lines.append(f"<i>{html.escape(mention.note)}</i>")
    return "<br>".join(lines)


def mention_token(m: ActorMention) -> _TokenType:
    """The style token of an actor mention: its side, lighter for a demonym, grey if unlinked."""
    if m.via == VIA_DEMONYM:
        return palette.side_token(m.side, palette.Demonym)
    if m.actor is None:
        return palette.Unlinked
    return palette.side_token(m.side)


def _actor_visible(m: ActorMention, options: ViewOptions) -> bool:
    if m.side in options.hidden_sides:
        return False
    kind = "demonym" if m.via == VIA_DEMONYM else m.kind
    return kind not in options.hidden_kinds


def annotation_marks(
    annotated: Annotated,
    options: ViewOptions = ViewOptions(),
    article_id: str = "",
) -> list[Mark]:
    """Marks for the actors and dates of one article, as the options ask."""
    marks: list[Mark] = []
    for m in annotated.actors:
        if not _actor_visible(m, options):
            continue
        token = mention_token(m)
        href = ""
        if options.links:
            target = m.actor or f"unlinked:{m.name}"
            href = f"actor:{quote(target, safe='')}?article={quote(article_id, safe='')}&start={m.start}"
        suffix = ""
        if options.side_labels and m.via != VIA_DEMONYM:
            suffix = side_info(annotated.sides, m.side).code
        marks.append(
            Mark(
                m.start,
                m.end,
                classes=palette.css_class(token),
                title=actor_tooltip(m, annotated.sides) if options.tooltips else "",
                href=href,
                anchor=f"m{m.start}",
                suffix=suffix,
                suffix_class="side",
            )
        )
    if "date" not in options.hidden_kinds:
        for d in annotated.dates:
            words = annotated.date_words.get(d.value, "")
            marks.append(
                Mark(
                    d.start,
                    d.end,
                    classes=palette.css_class(palette.Date),
                    title=date_tooltip(d, words) if options.tooltips else "",
                    href=f"date:{quote(d.value, safe='')}?start={d.start}" if options.links else "",
                    anchor=f"d{d.start}",
                )
            )
    return marks


#: The class of a passage with a reader's note (a dotted underline in the text's ink) and of its glyph.
NOTE_CLASS = "note-passage"
NOTE_GLYPH_CLASS = "note-glyph"


def highlight_marks(highlights: Iterable[Highlight]) -> list[Mark]:
    marks = []
    for h in highlights:
        if h.kind == "note":  # the glyph after the passage; the note's words are the tooltip
            marks.append(
                Mark(
                    h.start,
                    h.end,
                    NOTE_CLASS,
                    title=h.title,
                    anchor=h.anchor,
                    suffix="✎",
                    suffix_class=NOTE_GLYPH_CLASS,
                )
            )
            continue
        token = palette.Motif if h.kind == "motif" else palette.Evidence
        marks.append(Mark(h.start, h.end, classes=palette.css_class(token), anchor=h.anchor, title=h.title))
    return marks


#: Reading faces, best first; Qt takes the first one installed.
SERIF_FAMILIES = (
    "Source Serif 4",
    "Noto Serif",
    "DejaVu Serif",
    "Georgia",
    "Times New Roman",
    "serif",
)
SANS_FAMILIES = (
    "Inter",
    "Noto Sans",
    "DejaVu Sans",
    "Segoe UI",
    "Helvetica",
    "Arial",
    "sans-serif",
)


def body_css(theme: str = "light") -> str:
    """Block spacing and annotation colours for an article body in Qt rich text.

    The font itself is the document's default font (Qt ignores ``body`` font rules in a
    default style sheet), set by the view from :data:`SERIF_FAMILIES` and the zoom.
    """
    text = "#E6E6E6" if theme == "dark" else "#1D1D1F"
    return "\n".join(
        [
            f"p, li {{ color: {text}; line-height: 120%; }}",
            "p { margin-top: 0; margin-bottom: 0.5em; }",
            "ul { margin-top: 0; margin-bottom: 0.9em; }",
            "li { margin-bottom: 0.35em; }",
            f"h1, h2, h3 {{ font-family: '{SANS_FAMILIES[2]}', sans-serif; color: {text}; }}",
            f".{NOTE_CLASS} {{ text-underline-style: dotted; }}",
            f".{NOTE_GLYPH_CLASS} {{ color: {'#A0A0A8' if theme == 'dark' else '#6E6E73'}; }}",
            palette.css(theme),
        ]
    )


def article_html(
    body: str,
    annotated: Annotated | None = None,
    options: ViewOptions = ViewOptions(),
    highlights: Iterable[Highlight] = (),
    article_id: str = "",
) -> str:
    """The body of an article as an HTML fragment with its marks."""
    marks = annotation_marks(annotated, options, article_id) if annotated else []
    marks.extend(highlight_marks(highlights))
    return render_html(body, marks)
