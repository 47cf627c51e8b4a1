"""Geometry of the timeline: a broken time axis, ticks, rows, lanes — everything but drawing.

The corpus covers 2013 to 2024, but the episodes bunch up in four short bursts (2013,
2018, 2022, 2024) separated by years of silence. A linear axis would squeeze each burst
into a sliver, so :func:`layout` cuts the axis into *clusters* (items closer than
``gap_days`` to each other) and joins them with narrow *breaks* that say how much time
they hide ("5½ years later"). Each cluster gets a width proportional to its span, with a
minimum so that a burst of one week still separates its items, and ticks that suit its
own span (days, weeks, months or years).

Items sit in rows (the president, the foreign minister, ...); items of a row whose
bars or labels would overlap are stacked in lanes. The result, :class:`TimelineLayout`,
is plain data in pixels that the Qt view draws and the tests check; it also maps dates to
x and back (:meth:`TimelineLayout.x_for`, :meth:`TimelineLayout.date_for`), through the
breaks, so zooming can keep the date under the mouse where it was.

Nothing here imports Qt: text widths come from the ``measure`` callables the view passes
(font metrics), with a rough estimate by default so that the core can be tested alone.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from desktop.core.episodes.timeline_axis import Tick, allocate, axis_ticks, gap_words, year_label

Measure = Callable[[str], float]

_EPSILON = 1e-7


@dataclass(frozen=True)
class TimelineItem:
    """One episode as the timeline shows it; the view knows nothing else about episodes."""

    id: str  # episode id
    title: str
    first: dt.date
    last: dt.date  # == first for a one-day episode
    row: str  # row key, e.g. "president", "foreign_minister", "other"
    side: str  # side id of the main actor -> colour
    summary: str  # one line, for the hover tooltip
    date_words: str  # "30 October – 1 November 2018", for the tooltip
    sources: int  # number of source articles
    named_label: str | None = None  # "2018 Mitchell visit": drawn emphasised, with the label
    planned: bool = False  # announced but not (yet) held: drawn hollow and dashed

    @property
    def one_day(self) -> bool:
        return self.last <= self.first

    @property
    def end(self) -> dt.date:
        """The last day, never before the first (bad data must not draw a negative bar)."""
        return max(self.first, self.last)


@dataclass(frozen=True)
class Cluster:
    """A stretch of time drawn to scale, between ``x0`` and ``x1``."""

    first: dt.date  # first day of its first item
    last: dt.date  # last day of its last item
    start: float  # day value (ordinal) at x0: ``first`` minus some padding
    end: float  # day value at x1: the day after ``last`` plus some padding
    x0: float
    x1: float
    label: str  # "2018", "2022–2023"
    ticks: tuple[Tick, ...]

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True)
class Break:
    """Time left out between two clusters, drawn as a zig-zag between ``x0`` and ``x1``."""

    x0: float
    x1: float
    days: int  # from the last day of the cluster before to the first day of the next
    label: str  # "5½ years later"

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class RowBand:
    """A row of the timeline: its label and the vertical band its lanes fill."""

    key: str
    label: str
    index: int
    lanes: int
    y0: float
    y1: float


@dataclass(frozen=True)
class PlacedItem:
    """An item with its geometry: a bar (or a dot), its title, and its named label above.

    ``extent`` is what the item claims in its lane (bar, title and named label together):
    extents of items in the same row and lane never overlap.
    """

    item: TimelineItem
    row: int
    lane: int
    lane_y: float  # top of the lane; the named label sits between lane_y and bar_y
    x0: float  # the bar
    x1: float
    bar_y: float
    bar_h: float
    dot: bool  # one-day item: a dot centred between x0 and x1
    title_x: float
    title_w: float  # room for the title: the view elides it to this
    title_inside: bool  # drawn on the bar (it fits) rather than beside it
    named_x: float
    named_w: float  # room for the named label (0 when the item is not named)
    extent: tuple[float, float]

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def centre(self) -> tuple[float, float]:
        return ((self.x0 + self.x1) / 2, self.bar_y + self.bar_h / 2)


@dataclass(frozen=True)
class TimelineLayout:
    """The whole timeline in pixels, plus the date <-> x mapping across the breaks."""

    width: float
    height: float
    left: float  # where the plot starts (the row labels are drawn left of it)
    header: float  # height of the axis band at the top
    clusters: tuple[Cluster, ...]
    breaks: tuple[Break, ...]
    rows: tuple[RowBand, ...]
    items: tuple[PlacedItem, ...]
    knots: tuple[tuple[float, float], ...] = field(repr=False)  # (day value, x), both increasing

    # -- mapping -------------------------------------------------------------------------

    def x_for_day(self, value: float) -> float:
        """x of a day value (``date.toordinal()`` plus a fraction of a day); linear between knots."""
        days = [k[0] for k in self.knots]
        i = min(max(bisect_right(days, value) - 1, 0), len(self.knots) - 2)
        (d0, x0), (d1, x1) = self.knots[i], self.knots[i + 1]
        return x0 + (value - d0) * (x1 - x0) / (d1 - d0)

    def day_for(self, x: float) -> float:
        """The day value at ``x``: the inverse of :meth:`x_for_day`."""
        xs = [k[1] for k in self.knots]
        i = min(max(bisect_right(xs, x) - 1, 0), len(self.knots) - 2)
        (d0, x0), (d1, x1) = self.knots[i], self.knots[i + 1]
        return d0 + (x - x0) * (d1 - d0) / (x1 - x0)

    def x_for(self, date: dt.date) -> float:
        """x of the start of ``date``: increases with the date, through clusters and breaks."""
        return self.x_for_day(date.toordinal())

    def date_for(self, x: float) -> dt.date:
        """The date drawn at ``x`` (inside a break: a date in the gap it stands for)."""
        ordinal = math.floor(self.day_for(x) + _EPSILON)
        return dt.date.fromordinal(min(max(ordinal, 1), dt.date.max.toordinal()))

    # -- look-ups ------------------------------------------------------------------------

    def placed(self, episode_id: str) -> PlacedItem | None:
        return next((p for p in self.items if p.item.id == episode_id), None)

    def in_time_order(self) -> list[PlacedItem]:
        """Items by date (then by row and title): the order of the Left/Right keys."""
        return sorted(self.items, key=lambda p: (p.item.first, p.item.end, p.row, p.item.title, p.item.id))

    def cluster_at(self, x: float) -> Cluster | None:
        return next((c for c in self.clusters if c.x0 <= x <= c.x1), None)


@dataclass(frozen=True)
class Metrics:
    """Sizes in pixels; the defaults suit a 9–10 pt font at 100 %."""

    gap_days: int = 120  # a silence longer than this starts a new cluster
    margin: float = 14  # left and right of the plot
    min_cluster: float = 220  # wished-for minimum width of a cluster...
    hard_min_cluster: float = 56  # ...and what it never goes under (the layout grows instead)
    break_w: float = 64
    min_break_w: float = 28
    min_tick: float = 66  # distance between ticks (a label "30 Oct" fits)
    header: float = 50
    lane: float = 36  # named label strip + bar + gap
    named_strip: float = 14
    bar: float = 18
    row_pad: float = 6
    max_row_extra: float = 36  # spare height spread over rows, at most this much each
    dot: float = 12
    min_bar: float = 10
    label_gap: float = 6  # between a bar and a title beside it
    inside_pad: float = 6  # left and right of a title drawn on its bar
    lane_gap: float = 10  # between two items in the same lane
    max_label: float = 280  # a title never claims more room than this


def _rough_width(text: str) -> float:
    """A stand-in for font metrics: about 7 px a character at 9 pt."""
    return 7.0 * len(text)


# ------------------------------------------------------------------------------- clusters


def _group(items: Sequence[TimelineItem], gap_days: int) -> list[list[TimelineItem]]:
    """Items in date order, cut wherever nothing happens for more than ``gap_days``."""
    groups: list[list[TimelineItem]] = []
    last: dt.date | None = None
    for item in sorted(items, key=lambda i: (i.first, i.end)):
        if last is None or (item.first - last).days > gap_days:
            groups.append([])
            last = item.end
        groups[-1].append(item)
        last = max(last, item.end)
    return groups


# ---------------------------------------------------------------------------------- lanes


@dataclass
class _Shape:
    """An item's horizontal geometry before it gets a lane."""

    item: TimelineItem
    row: int
    x0: float
    x1: float
    dot: bool
    title_x: float
    title_w: float
    title_inside: bool
    named_x: float
    named_w: float

    @property
    def extent(self) -> tuple[float, float]:
        starts, ends = [self.x0], [self.x1]
        if self.title_w:
            starts.append(self.title_x)
            ends.append(self.title_x + self.title_w)
        if self.named_w:
            starts.append(self.named_x)
            ends.append(self.named_x + self.named_w)
        return min(starts), max(ends)


def _bar(item: TimelineItem, lay: TimelineLayout, m: Metrics) -> tuple[float, float, bool, Cluster]:
    """x0, x1 of an item's bar (a day runs from its start to the next day's start), dot?, cluster.

    A dot or a bar widened to ``min_bar`` is nudged back inside a cramped cluster.
    """
    x0 = lay.x_for(item.first)
    x1 = lay.x_for(item.end + dt.timedelta(days=1))
    mid = (x0 + x1) / 2
    cluster = lay.cluster_at(mid) or lay.clusters[0]
    size = m.dot if item.one_day else m.min_bar
    if item.one_day or x1 - x0 < size:
        x0, x1 = mid - size / 2, mid + size / 2
        shift = max(0.0, cluster.x0 + 1 - x0) - max(0.0, x1 - (cluster.x1 - 1))
        x0, x1 = x0 + shift, x1 + shift
    return x0, x1, item.one_day, cluster


def _shape(item: TimelineItem, row: int, lay: TimelineLayout, m: Metrics, title: Measure, named: Measure) -> _Shape:
    """Where an item's bar, title and named label go, kept inside its cluster."""
    x0, x1, dot, cluster = _bar(item, lay, m)
    lo, hi = cluster.x0 + 2, cluster.x1 - 2
    want = min(title(item.title), m.max_label)
    if not dot and x1 - x0 - 2 * m.inside_pad >= title(item.title):
        title_x, title_w, inside = x0 + m.inside_pad, x1 - x0 - 2 * m.inside_pad, True
    else:
        right = max(0.0, hi - (x1 + m.label_gap))
        left = max(0.0, (x0 - m.label_gap) - lo)
        inside = False
        if right >= want or right >= left:
            title_x, title_w = x1 + m.label_gap, min(want, right)
        else:
            title_w = min(want, left)
            title_x = x0 - m.label_gap - title_w
    named_x, named_w = x0, 0.0
    if item.named_label:
        named_w = min(named(item.named_label), m.max_label, max(hi - x0, x1 - lo))
        if x0 + named_w > hi:  # near the end of the cluster: end the label with the bar
            named_x = max(lo, x1 - named_w)
    return _Shape(item, row, x0, x1, dot, title_x, title_w, inside, named_x, named_w)


def _lanes(shapes: Sequence[_Shape], gap: float) -> list[int]:
    """First-fit lanes: the lowest lane where the shape's extent clears the last one there.

    Shapes come in order of their start, so a lane that is clear for one shape stays clear for
    the next: lanes move from a heap of those in use (by end) to a heap of clear ones (by
    number) as the starts pass their ends; each shape takes the lowest clear lane."""
    lanes = [0] * len(shapes)
    busy: list[tuple[float, int]] = []
    clear: list[int] = []
    count = 0
    for index in sorted(range(len(shapes)), key=lambda i: (shapes[i].extent, shapes[i].item.id)):
        start, end = shapes[index].extent
        while busy and busy[0][0] + gap <= start:
            heapq.heappush(clear, heapq.heappop(busy)[1])
        if clear:
            lane = heapq.heappop(clear)
        else:
            lane, count = count, count + 1
        heapq.heappush(busy, (end, lane))
        lanes[index] = lane
    return lanes


# ---------------------------------------------------------------------------------- layout


def _all_rows(items: Sequence[TimelineItem], rows: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The given rows, then one for every row key an item uses that the list forgot."""
    out: list[tuple[str, str]] = []
    known: set[str] = set()
    for key, label in rows:
        if key not in known:
            known.add(key)
            out.append((key, label))
    for item in items:
        if item.row not in known:
            known.add(item.row)
            out.append((item.row, item.row.replace("_", " ").capitalize()))
    return out


def _padded_spans(firsts: list[dt.date], lasts: list[dt.date], gaps: list[int]) -> tuple[list[float], list[float]]:
    """Day values where each cluster starts and ends: its days plus a padding that never eats a gap."""
    pads_left, pads_right = [], []
    for n in range(len(firsts)):
        pad = max(2.0, ((lasts[n] - firsts[n]).days + 1) * 0.06)
        pads_left.append(min(pad, gaps[n - 1] / 3) if n else pad)
        pads_right.append(min(pad, gaps[n] / 3) if n < len(gaps) else pad)
    starts = [f.toordinal() - p for f, p in zip(firsts, pads_left, strict=True)]
    ends = [d.toordinal() + 1 + p for d, p in zip(lasts, pads_right, strict=True)]
    return starts, ends


def _clusters(
    groups: list[list[TimelineItem]], left: float, right: float, zoom: float, m: Metrics
) -> tuple[list[Cluster], list[Break], list[tuple[float, float]]]:
    """Clusters and breaks between ``left`` and ``right`` (or wider when there are too many).

    Widths are shared out at zoom 1 and then multiplied by ``zoom``, so that zooming
    magnifies every cluster alike (the breaks keep their width).
    """
    firsts = [min(i.first for i in g) for g in groups]
    lasts = [max(i.end for i in g) for g in groups]
    gaps = [(firsts[n + 1] - lasts[n]).days for n in range(len(groups) - 1)]
    starts, ends = _padded_spans(firsts, lasts, gaps)
    available = right - left
    break_w = max(m.min_break_w, min(m.break_w, available * 0.06)) if gaps else 0.0
    room = available - break_w * len(gaps)
    minimum = max(m.hard_min_cluster, min(m.min_cluster, room / len(groups)))
    spans = [e - s for s, e in zip(starts, ends, strict=True)]
    widths = [w * zoom for w in allocate(spans, max(room, 0.0), minimum)]
    clusters, breaks, knots = [], [], []
    x = left
    for n in range(len(groups)):
        x1 = x + widths[n]
        ticks = axis_ticks(starts[n], ends[n], x, x1, m.min_tick)
        label = year_label(firsts[n], lasts[n])
        clusters.append(Cluster(firsts[n], lasts[n], starts[n], ends[n], x, x1, label, ticks))
        knots += [(starts[n], x), (ends[n], x1)]
        if n < len(gaps):
            breaks.append(Break(x1, x1 + break_w, gaps[n], gap_words(gaps[n])))
        x = x1 + break_w
    return clusters, breaks, knots


def _rows(
    row_list: list[tuple[str, str]], lane_counts: list[int], top: float, height: float, m: Metrics
) -> list[RowBand]:
    """Row bands under the header; spare height (up to ``height``) is shared among rows."""
    natural = [max(1, n) * m.lane + 2 * m.row_pad for n in lane_counts]
    spare = max(0.0, height - top - sum(natural) - m.row_pad)
    extra = min(m.max_row_extra, spare / len(natural)) if natural else 0.0
    bands, y = [], top
    for index, ((key, label), lanes, size) in enumerate(zip(row_list, lane_counts, natural, strict=True)):
        bottom = y + size + extra
        bands.append(RowBand(key, label, index, max(1, lanes), y, bottom))
        y = bottom
    return bands


def layout(
    items: Sequence[TimelineItem],
    rows: Sequence[tuple[str, str]],
    width_px: float,
    *,
    height_px: float = 0,
    left_px: float = 0,
    zoom: float = 1.0,
    measure: Measure | None = None,
    measure_named: Measure | None = None,
    metrics: Metrics | None = None,
) -> TimelineLayout:
    """Lay out ``items`` in ``rows`` across ``width_px`` (more if there are too many clusters).

    ``left_px`` is kept free for row labels; ``height_px`` is the height to fill if the rows
    need less (they never get less than they need). ``zoom`` > 1 makes every cluster that
    many times wider than it would be to fit ``width_px``. ``measure`` and ``measure_named`` give
    the width in pixels of a title and of a named label in the fonts they will be drawn in.
    """
    m = metrics or Metrics()
    title = measure or _rough_width
    named = measure_named or measure or _rough_width
    row_list = _all_rows(items, rows)
    left, right = left_px + m.margin, max(width_px - m.margin, left_px + m.margin + m.hard_min_cluster)
    groups = _group(items, m.gap_days)
    if not groups:
        bands = _rows(row_list, [1] * len(row_list), m.header, height_px, m)
        height = max(height_px, (bands[-1].y1 if bands else m.header) + m.row_pad)
        origin = float(dt.date(2000, 1, 1).toordinal())
        knots = ((origin, left), (origin + 365, right))
        return TimelineLayout(width_px, height, left_px, m.header, (), (), tuple(bands), (), knots)
    clusters, breaks, knots = _clusters(groups, left, right, max(zoom, 1.0), m)
    width = max(width_px, clusters[-1].x1 + m.margin)
    draft = TimelineLayout(width, 0, left_px, m.header, tuple(clusters), tuple(breaks), (), (), tuple(knots))
    row_index = {key: n for n, (key, _) in enumerate(row_list)}
    shapes = [_shape(i, row_index[i.row], draft, m, title, named) for i in items]
    lanes = [0] * len(shapes)
    counts = [0] * len(row_list)
    for row in range(len(row_list)):
        members = [n for n, s in enumerate(shapes) if s.row == row]
        for n, lane in zip(members, _lanes([shapes[n] for n in members], m.lane_gap), strict=True):
            lanes[n] = lane
            counts[row] = max(counts[row], lane + 1)
    bands = _rows(row_list, counts, m.header, height_px, m)
    placed = []
    for shape, lane in zip(shapes, lanes, strict=True):
        band = bands[shape.row]
        spare = (band.y1 - band.y0) - band.lanes * m.lane
        lane_y = band.y0 + spare / 2 + lane * m.lane
        bar_y = lane_y + m.named_strip
        placed.append(
            PlacedItem(
                shape.item,
                shape.row,
                lane,
                lane_y,
                shape.x0,
                shape.x1,
                bar_y,
                m.bar,
                shape.dot,
                shape.title_x,
                shape.title_w,
                shape.title_inside,
                shape.named_x,
                shape.named_w,
                shape.extent,
            )
        )
    height = max(height_px, bands[-1].y1 + m.row_pad)
    return TimelineLayout(
        width,
        height,
        left_px,
        m.header,
        tuple(clusters),
        tuple(breaks),
        tuple(bands),
        tuple(placed),
        tuple(knots),
    )
