"""Articles in the terminal, highlighted with the same Pygments style as the GUI.

Without colour (a pipe, ``--color never``) each actor carries its side code in brackets
and each date its value, so nothing depends on colour.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TextIO

from pygments.token import Token, _TokenType

from desktop.core.annotate import palette
from desktop.core.annotate.analysis import Analyzer, ArticleAnalysis
from desktop.core.annotate.document import mention_token, side_info
from desktop.core.annotate.records import VIA_DEMONYM


def _tokens(analysis: ArticleAnalysis, analyzer: Analyzer, colour: bool) -> Iterator[tuple[_TokenType, str]]:
    sides = analyzer.sides()
    spans: list[tuple[int, int, _TokenType, str]] = []
    for m in analysis.actors:
        token = mention_token(m)
        tag = "" if colour and m.via == VIA_DEMONYM else f"[{side_info(sides, m.side).code}]"
        spans.append((m.start, m.end, token, tag))
    for d in analysis.dates:
        spans.append((d.start, d.end, palette.Date, f"[{d.value}]"))
    spans.sort()
    text, pos = analysis.text, 0
    for start, end, token, tag in spans:
        if start < pos:
            continue  # an actor inside a date span (or vice versa): keep the first
        yield Token.Text, text[pos:start]
        yield token, text[start:end]
        if tag and (not colour or token is palette.Date):
            yield Token.Comment, tag
        pos = end
    yield Token.Text, text[pos:]


def print_analysis(
    analysis: ArticleAnalysis, analyzer: Analyzer, colour: bool = False, out: TextIO | None = None
) -> None:
    out = out or sys.stdout
    a = analysis.article
    anchor = analysis.anchor.isoformat() if analysis.anchor else "unknown"
    inferred = " (inferred from the text)" if analysis.anchor_inferred else ""
    header = f"{a.title}\n{a.outlet or 'Outlet unknown'} · {anchor}{inferred} · id {a.id}\n"
    tokens = [(Token.Generic.Heading, header), (Token.Text, "\n"), *_tokens(analysis, analyzer, colour)]
    if colour:
        from pygments import format as pyg_format
        from pygments.formatters import Terminal256Formatter, TerminalTrueColorFormatter

        truecolor = os.environ.get("COLORTERM", "") in ("truecolor", "24bit")
        formatter_class = TerminalTrueColorFormatter if truecolor else Terminal256Formatter
        out.write(pyg_format(tokens, formatter_class(style=palette.LightStyle)))
    else:
        out.write("".join(text for _token, text in tokens))
    people = sorted({m.name for m in analysis.actors if m.kind == "person"})
    out.write(
        f"\n\n  {len(analysis.actors)} actor mentions, {len(analysis.dates)} dates; people: {', '.join(people)}\n\n"
    )


def print_episodes(episode_set, out: TextIO | None = None) -> None:
    """The episodes as a dated list, named ones marked."""
    out = out or sys.stdout
    out.write(f"Episodes ({len(episode_set.episodes)})\n")
    for e in episode_set.episodes:
        named = f"  [{e.named_label}]" if e.named_label else ""
        people = ", ".join(p.short for p in e.participants if p.kind == "person")
        out.write(
            f"  {e.date_words():<34} {e.title}{named}\n      {e.type_label}; {people or 'no named person'}; "
            f"{len(e.articles)} source(s); id {e.id}\n"
        )
    for rule in episode_set.unmatched():
        out.write(f"  (named episode “{rule.label}” matches nothing in these articles)\n")
