"""Articles in the terminal, highlighted with the same side colours as the GUI.

Without colour (a pipe, ``--color never``) each actor carries its side code in brackets
and each date its value, so nothing depends on colour. Calendar dates show their ISO
value (``[2022-04-12]``); every other value (durations, weeks, times, vague references)
shows the words the window's tooltip shows (``[3 weeks]``, ``[the present]``). With colour,
ordinary text keeps the terminal's own foreground (readable on a light or a dark
background); only the marks are coloured, each on its own background.

A line that is only a page stamp ("Updated at 13:33,29-11-2021") is printed under the
header as the page stamp it is, not as the first line of the body.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from typing import TextIO

from pygments.style import Style
from pygments.token import Token, _TokenType

from desktop.core.annotate import palette
from desktop.core.annotate.analysis import Analyzer, ArticleAnalysis
from desktop.core.annotate.document import mention_token, side_info
from desktop.core.annotate.records import VIA_DEMONYM, DateMention

#: Values shown as they are: a year, a month or a day of the calendar.
_CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
#: The label of a page stamp at the start of a line: "Updated at", "Published on:", "Date:".
_STAMP_LABEL = re.compile(
    r"[^\S\n]*(?:last\s+)?(?:updated|published|posted|modified|created|date)"
    r"(?:[^\S\n]+(?:on|at))?[^\S\n]*:?[^\S\n]*",
    re.I,
)


def _terminal_styles() -> dict[_TokenType, str]:
    """The light style's marks, without any colour for ordinary text (the terminal's own)."""
    styles = {token: rule for token, rule in palette.style_for("light").styles.items() if token is not Token}
    for token, rule in list(styles.items()):
        if "bg:" in rule and "#111111" not in rule:
            styles[token] = f"{rule} #111111"  # a mark on a light background: dark text on it
    styles[Token] = ""
    styles[palette.Date] = "bold underline"
    styles[Token.Comment] = "italic"
    styles[Token.Generic.Heading] = "bold"
    styles[Token.Generic.Subheading] = "italic"
    return styles


class TerminalStyle(Style):
    """Side chips as in the light theme; text, dates and tags in the terminal's foreground."""

    name = "overtures-terminal"
    background_color = ""
    styles = _terminal_styles()


def date_tag(mention: DateMention, words: Mapping[str, str]) -> str:
    """What follows a date in brackets: its calendar value, or the window's words for it."""
    if _CALENDAR.fullmatch(mention.value):
        return mention.value
    return words.get(mention.value) or mention.value


def page_stamps(analysis: ArticleAnalysis) -> list[tuple[int, int, DateMention]]:
    """Lines that hold nothing but a stamp label and one date: (line start, line end, date)."""
    text = analysis.text
    stamps = []
    for d in analysis.dates:
        line_start = text.rfind("\n", 0, d.start) + 1
        line_end = text.find("\n", d.end)
        line_end = len(text) if line_end < 0 else line_end
        label = _STAMP_LABEL.fullmatch(text, line_start, d.start)
        if label and label.group().strip() and not text[d.end : line_end].strip():
            stamps.append((line_start, line_end, d))
    return stamps


def _skip_stamp_lines(text: str, stamps: Sequence[tuple[int, int, DateMention]]) -> list[tuple[int, int]]:
    """The stretches of the text to leave out: each stamp line and the blank lines after it."""
    skipped = []
    for start, end, _d in stamps:
        while end < len(text) and text[end] == "\n":
            end += 1
        skipped.append((start, end))
    return skipped


def _spans(analysis: ArticleAnalysis, analyzer: Analyzer, colour: bool, words: Mapping[str, str], skipped):
    """(start, end, order, token, tag) of every mark; a skipped stretch has no token."""
    sides = analyzer.sides()
    spans: list[tuple[int, int, int, _TokenType | None, str]] = []
    for start, end in skipped:
        spans.append((start, end, 0, None, ""))
    for m in analysis.actors:
        tag = "" if colour and m.via == VIA_DEMONYM else f"[{side_info(sides, m.side).code}]"
        spans.append((m.start, m.end, 1, mention_token(m), tag))
    for d in analysis.dates:
        spans.append((d.start, d.end, 1, palette.Date, f"[{date_tag(d, words)}]"))
    spans.sort(key=lambda span: span[:3])
    return spans


def _tokens(
    analysis: ArticleAnalysis, analyzer: Analyzer, colour: bool, words: Mapping[str, str], skipped: Sequence
) -> Iterator[tuple[_TokenType, str]]:
    text, pos = analysis.text, 0
    for start, end, _order, token, tag in _spans(analysis, analyzer, colour, words, skipped):
        if start < pos:
            continue  # an actor inside a date span (or vice versa), or in a stamp line: keep the first
        yield Token.Text, text[pos:start]
        pos = end
        if token is None:
            continue
        yield token, text[start:end]
        if tag and (not colour or token is palette.Date):
            yield Token.Comment, tag
    yield Token.Text, text[pos:]


def _header(analysis: ArticleAnalysis, stamps, words: Mapping[str, str]) -> list[tuple[_TokenType, str]]:
    a = analysis.article
    anchor = analysis.anchor.isoformat() if analysis.anchor else "unknown"
    inferred = " (inferred from the text)" if analysis.anchor_inferred else ""
    lines = [(Token.Generic.Heading, f"{a.title}\n{a.outlet or 'Outlet unknown'} · {anchor}{inferred} · id {a.id}\n")]
    for start, end, d in stamps:
        stamp = analysis.text[start:end].strip()
        lines.append((Token.Generic.Subheading, f"page stamp: {stamp} ({words.get(d.value) or d.value})\n"))
    return lines


def print_analysis(
    analysis: ArticleAnalysis, analyzer: Analyzer, colour: bool = False, out: TextIO | None = None
) -> None:
    out = out or sys.stdout
    words = analyzer.annotated(analysis).date_words
    stamps = page_stamps(analysis)
    skipped = _skip_stamp_lines(analysis.text, stamps)
    tokens = [
        *_header(analysis, stamps, words),
        (Token.Text, "\n"),
        *_tokens(analysis, analyzer, colour, words, skipped),
    ]
    if colour:
        from pygments import format as pyg_format
        from pygments.formatters import Terminal256Formatter, TerminalTrueColorFormatter

        truecolor = os.environ.get("COLORTERM", "") in ("truecolor", "24bit")
        formatter_class = TerminalTrueColorFormatter if truecolor else Terminal256Formatter
        out.write(pyg_format(tokens, formatter_class(style=TerminalStyle)))
    else:
        out.write("".join(text for _token, text in tokens))
    people = sorted({m.name for m in analysis.actors if m.kind == "person"})
    out.write(
        f"\n\n  {len(analysis.actors)} actor mentions, {len(analysis.dates)} dates; people: {', '.join(people)}\n\n"
    )


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide East Asian characters count two, marks none)."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def print_episodes(episode_set, out: TextIO | None = None) -> None:
    """The episodes as a table: date, episode (named ones marked), then type, people, sources
    and id on a second line under the episode. Columns are measured, never cut."""
    out = out or sys.stdout
    episodes = episode_set.episodes
    out.write(f"Episodes ({len(episodes)})\n")
    dates = [e.date_words() for e in episodes]
    width = max((display_width(d) for d in [*dates, "Date"]), default=4)
    if episodes:
        out.write(f"  {_pad('Date', width)}  Episode\n")
    indent = " " * (width + 4)
    for e, date in zip(episodes, dates, strict=True):
        named = f"  [{e.named_label}]" if e.named_label else ""
        people = ", ".join(p.short for p in e.participants if p.kind == "person")
        out.write(
            f"  {_pad(date, width)}  {e.title}{named}\n"
            f"{indent}{e.type_label}; {people or 'no named person'}; {len(e.articles)} source(s)\n"
            f"{indent}id {e.id}\n"
        )
    for rule in episode_set.unmatched():
        out.write(f"  (named episode “{rule.label}” matches nothing in these articles)\n")
