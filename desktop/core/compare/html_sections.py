"""The lower sections of the comparison's rich text: cast, aligned and one-episode sentences, sources.

A mixin of :class:`desktop.core.compare.html._Renderer`: it uses the renderer's ``c``
(the comparison), ``n``, ``print``, ``sides``, ``extract``, ``marker_cell`` and ``grid``.
"""

from __future__ import annotations

from desktop.core.annotate import palette
from desktop.core.annotate.document import side_info
from desktop.core.compare import records as cmp
from desktop.core.compare.html_caps import by_outlet, capped_aligned, capped_unique, sources_listed
from desktop.core.compare.html_text import (
    FACET_MARKERS,
    PRESENCE_CLASS,
    PRESENCE_MARKERS,
    REASON_WORDS,
    attr,
    dash,
    esc,
)


class Sections:
    """Cast, aligned sentences, sentences of one episode only, and the sources."""

    def summary(self) -> str:
        """The summary's sentences, each naming the rows of the cells it is written from (on
        screen: links that show those cells) and the sources of their extracts."""
        if not self.c.summary:
            return ""
        labels = {row.id: row.label for row in self.c.facets}
        items = []
        for sentence in self.c.summary:
            cites = "".join(f"[{n}]" for n in sentence.citations)
            if not self.print:
                cites = "".join(f'<a class="cite" href="cite:{n}">[{n}]</a>' for n in sentence.citations)
            rows = self.summary_rows(sentence, labels)
            text = f'{esc(sentence.text)} <sup class="cite">{cites}</sup> <span class="note">{rows}</span>'
            items.append(f'<li><p class="extract">{text}</p></li>')
        return (
            '<h3><a name="summary"></a>In brief</h3>'
            '<p class="note">Written from the table below: each sentence names the rows whose cells say it.</p>'
            f"<ul>{''.join(items)}</ul>"
        )

    def summary_rows(self, sentence: cmp.SummarySentence, labels: dict[str, str]) -> str:
        """ "(row: X; Y)": on screen each row a ``cells:FACET:S,S`` link to the sentence's cells in it."""
        subjects: dict[str, list[int]] = {}
        for facet, subject in sentence.cells:
            subjects.setdefault(facet, []).append(subject)
        names = []
        for facet, cells in subjects.items():
            name = esc(labels.get(facet, facet))
            if not self.print:
                href = f"cells:{facet}:{','.join(str(s) for s in sorted(set(cells)))}"
                name = f'<a href="{attr(href)}" title="Show the cells in the table">{name}</a>'
            names.append(name)
        word = "row" if len(names) == 1 else "rows"
        return f"({word}: {'; '.join(names)})" if names else ""

    def cast_side(self, side: str) -> str:
        info = side_info(self.sides, side) if self.sides else None
        label = info.label if info else self.c.side_words.get(side, side)
        chip = palette.css_class(palette.side_token(side))
        return f'<td colspan="{self.n + 2}"><span class="{chip}">&nbsp;{esc(label)}&nbsp;</span></td>'

    def cast_row(self, row: cmp.CastRow) -> list[str]:
        symbol, word = PRESENCE_MARKERS[row.marker]
        gutter = self.marker_cell(symbol, word, PRESENCE_CLASS[row.marker], "")
        role = f' <span class="note">· {esc(row.role)}</span>' if row.role else ""
        counts = []
        for inside, outside in zip(row.counts, row.outside, strict=True):
            if inside:
                counts.append(f'<td align="center">{inside}</td>')
            elif outside:
                counts.append(f'<td align="center"><span class="outside">({outside})</span></td>')
            else:
                counts.append('<td align="center"><span class="empty">—</span></td>')
        return [gutter, f"<td>{esc(row.name)}{role}</td>", *counts]

    def cast(self) -> str:
        """Actors by side, a line each (name and role), with their mentions per episode.

        On paper the actors of one episode only are listed after the table, a line per episode.
        """
        rows: list[list[str]] = []
        side = None
        single = [r for r in self.c.cast if r.marker == cmp.IN_ONE] if self.print else []
        for row in self.c.cast:
            if row in single:
                continue
            if row.side != side:
                side = row.side
                rows.append([self.cast_side(side)])
            rows.append(self.cast_row(row))
        head = (
            '<h3><a name="cast"></a>Cast</h3>'
            '<p class="note">Mentions in each episode\'s sentences; (n): mentioned only elsewhere in its '
            "source article; —: absent.</p>"
        )
        if not self.print:
            return head + self.grid("Actor", rows, padding=3, labels=False)
        width = max(8, 40 // self.n)
        heads = "".join(f'<th width="{width}%">{esc(s.label)}</th>' for s in self.c.subjects)
        body = "".join(f"<tr>{''.join(cells)}</tr>" for cells in rows)
        table = (
            '<table class="grid cast" width="100%" border="1" cellspacing="0" cellpadding="2">'
            f'<thead><tr><th width="28"></th><th align="left">Actor</th>{heads}</tr></thead>{body}</table>'
        )
        return head + table + self.cast_single(single)

    def cast_single(self, rows: list[cmp.CastRow]) -> str:
        """The actors of one episode only, a paragraph per episode: name, role, mentions."""
        parts = []
        for subject in range(self.n):
            named = []
            for row in rows:
                inside, outside = row.counts[subject], row.outside[subject]
                if inside or outside:
                    role = f", {esc(row.role)}" if row.role else ""
                    count = str(inside) if inside else f'<span class="outside">({outside})</span>'
                    named.append(f"{esc(row.name)}{role} {count}")
            if named:
                label = esc(self.c.subjects[subject].label)
                parts.append(f'<p class="extract"><b>Only in {label}:</b> {"; ".join(named)}.</p>')
        return "".join(parts)

    def aligned_cell(self, group: cmp.AlignedGroup, member: cmp.Extract | None, tokens) -> str:
        """One subject's sentence of an aligned group: a word diff, or the whole sentence."""
        if member is None:
            return '<td><span class="empty">— no similar sentence</span></td>'
        if group.diffable:
            return f'<td><p class="extract">{self.extract(member, tokens=tokens)}</p></td>'
        return f'<td><p class="extract">{self.extract(member, whole_class="d-whole")}</p></td>'

    def aligned_row(self, group: cmp.AlignedGroup) -> list[str]:
        anchor = self.c.difference_anchor("aligned", group.index)
        marker = cmp.CHANGED if group.changed else cmp.SAME
        symbol, word = FACET_MARKERS[marker]
        how = (
            f"word overlap {round(group.ratio * 100)}%"
            if group.diffable
            else "too different for a word diff: whole sentences compared"
        )
        label = (
            f'<td class="facet">Aligned {group.index + 1}<br>'
            f'<span class="note">{symbol} {esc(word)}'
            f"{dash(f'similarity {group.similarity:.2f}; {how}')}</span></td>"
        )
        cells = [
            self.aligned_cell(group, member, tokens) for member, tokens in zip(group.members, group.tokens, strict=True)
        ]
        gutter = self.marker_cell(
            symbol,
            word,
            marker,
            anchor or f"aligned-{group.index}",
            f"aligned-{group.index}" if anchor else "",
        )
        return [gutter, label, *cells]

    def unique_item(self, item: cmp.UniqueSentence) -> str:
        anchor = self.c.difference_anchor("unique", item.index)
        name = f'<a name="{anchor}"></a>' if anchor else ""
        reasons = ", ".join(dict.fromkeys(self.reason_words(r) for r in item.reasons))
        note = f'<span class="note">— {esc(reasons)}</span>'
        return f'<li><p class="extract">{name}{self.extract(item.extract)} {note}</p></li>'

    def unique_shown(self, items: list[cmp.UniqueSentence]) -> str:
        """The one-episode sentences already shown in a row: one line, the rows (with how many)."""
        by_row: dict[str, list[cmp.UniqueSentence]] = {}
        for item in items:
            by_row.setdefault(item.shown_in, []).append(item)
        parts = [f"{esc(row)} ({len(us)})" if len(us) > 1 else esc(row) for row, us in by_row.items()]
        count = f"{len(items)} sentence{'s' if len(items) > 1 else ''}"
        return f'<p class="note">Also found only here, {count} shown above in: {"; ".join(parts)}.</p>'

    def unique(self) -> str:
        """A list per episode: its sentences found nowhere else (those shown above in one line)."""
        if not self.c.unique:
            return ""
        parts = ['<h3><a name="unique"></a>Found in one episode only</h3>']
        by_number = {c.number: c for c in self.c.citations}
        for subject in range(self.n):
            items = [u for u in self.c.unique if u.extract.subject == subject]
            if not items:
                continue
            fresh = [u for u in items if not u.shown_in]
            shown = [u for u in items if u.shown_in]
            parts.append(f'<h4 class="unique-head">{esc(self.c.subjects[subject].label)}</h4>')
            if fresh:
                listed, others = capped_unique(fresh, by_number)
                parts.append("<ul>" + "".join(self.unique_item(u) for u in listed) + "</ul>" + others)
            if shown:
                parts.append(self.unique_shown(shown))
        return "".join(parts)

    def aligned(self) -> str:
        groups, others = list(self.c.aligned), ""
        if self.print:  # on paper the strongest groups; the app shows them all
            groups, others = capped_aligned(groups, {c.number: c for c in self.c.citations})
        rows = [self.aligned_row(group) for group in groups]
        parts = ['<h3><a name="aligned"></a>Aligned sentences</h3>']
        if rows:
            parts.append(self.grid("Group", rows) + others)
        else:
            parts.append('<p class="empty">No sentences are similar enough to align.</p>')
        return "".join(parts) + self.unique()

    def reason_words(self, reason: str) -> str:
        """Why a sentence counts, in the reader's words: the row it fills, or what it says of the episode."""
        kind, _, key = reason.partition(":")
        row = self.c.facet(key) if kind == "facet" else self.c.motif(key) if kind == "motif" else None
        if row is not None:
            return row.label
        return REASON_WORDS.get(kind, key or kind)

    def outlet_of(self, number: int) -> str:
        if not hasattr(self, "_outlets"):
            self._outlets = {c.number: c.outlet for c in self.c.citations}
        return self._outlets.get(number, "")

    def sources(self) -> str:
        """Every source; beyond SOURCES_IN_FULL, those the handout shows, the others by outlet."""
        items = []
        listed, rest = sources_listed(self.c.citations, getattr(self, "cited", set()))
        for c in listed:
            url = ""
            if c.url:
                url = f" {esc(c.url)}" if self.print else f' <a href="{attr(c.url)}">{esc(c.url)}</a>'
            approx = " (date approximate)" if c.approximate else ""
            items.append(
                f'<p class="source"><a name="cite-{c.number}"></a>[{c.number}] {esc(c.outlet)}, '
                f"“{esc(c.title)}”, {esc(c.published)}{approx}.{url}</p>"
            )
        if rest:
            others = by_outlet(c.outlet for c in rest)
            items.append(f'<p class="source">And {len(rest):,} other sources of these episodes: {others}.</p>')
        return '<h3><a name="sources"></a>Sources</h3>' + "".join(items)


__all__ = ["Sections"]
