"""The timeline's geometry: a broken axis that stays monotonic, clusters apart, lanes clear."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.episodes.timeline import (
    Metrics,
    TimelineItem,
    TimelineLayout,
    layout,
)
from desktop.core.episodes.timeline_axis import gap_words

D = dt.date
ROWS = [("president", "The president"), ("foreign_minister", "The foreign minister"), ("other", "Others")]
DEFAULT = Metrics()
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def item(id: str, first: dt.date, last: dt.date | None = None, row: str = "foreign_minister", **kw) -> TimelineItem:
    defaults = dict(side="belarus", summary="", date_words="", sources=1, title=f"Episode {id}")
    defaults.update(kw)
    return TimelineItem(id=id, first=first, last=last or first, row=row, **defaults)


CORPUS = [
    item(
        "alibi",
        D(2013, 2, 14),
        row="president",
        title="Lukashenko asks the KGB chief about the West",
        named_label="2013 Western alibi",
    ),
    item("mitchell", D(2018, 10, 30), D(2018, 11, 1), title="Mitchell visits Minsk", named_label="2018 Mitchell visit"),
    item("pompeo-call", D(2018, 11, 14), row="other", title="State Department call"),
    item("letter", D(2022, 4, 6), title="Makei writes to European leaders", named_label="2022 Makei letter"),
    item("unga-2022", D(2022, 9, 20), D(2022, 9, 24), title="Makei meets Western leaders at the UN"),
    item("unga-2024", D(2024, 9, 26), D(2024, 9, 28), title="Ryzhankou at the UN General Assembly"),
    item(
        "migration",
        D(2024, 11, 20),
        D(2024, 11, 21),
        row="other",
        title="Minsk conference on illegal migration",
        planned=True,
    ),
    item("lukashenko-2024", D(2024, 10, 3), row="president", title="Lukashenko on talks with the West"),
]


def corpus_layout(width: float = 1600) -> TimelineLayout:
    return layout(CORPUS, ROWS, width, left_px=150)


# ------------------------------------------------------------------------- invariants


def check_invariants(lay: TimelineLayout, items: list[TimelineItem], metrics: Metrics = DEFAULT) -> None:
    """What must hold for any input: monotonic axis, clusters apart, lanes clear, items inside."""
    assert len(lay.items) == len(items)
    xs = [k[1] for k in lay.knots]
    days = [k[0] for k in lay.knots]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    assert days == sorted(days) and len(set(days)) == len(days)
    for before, after in itertools.pairwise(lay.clusters):
        assert before.x1 < after.x0, "clusters overlap"
        assert before.end < after.start
        assert (after.first - before.last).days > metrics.gap_days
    for cluster, brk in zip(lay.clusters, lay.breaks, strict=False):
        assert brk.x0 == pytest.approx(cluster.x1)
        assert brk.x1 > brk.x0
    assert len(lay.breaks) == max(0, len(lay.clusters) - 1)
    for cluster in lay.clusters:
        assert cluster.width >= metrics.hard_min_cluster - 1e-6
        tick_xs = [t.x for t in cluster.ticks]
        assert tick_xs == sorted(tick_xs)
        assert all(cluster.x0 <= x <= cluster.x1 for x in tick_xs)
        assert all(b - a >= metrics.min_tick - 1e-6 for a, b in itertools.pairwise(tick_xs))
    for placed in lay.items:
        cluster = lay.cluster_at(placed.centre[0])
        assert cluster is not None, f"{placed.id} is drawn in a break"
        assert cluster.first <= placed.item.first and placed.item.end <= cluster.last
        lo, hi = placed.extent
        assert cluster.x0 <= lo and hi <= cluster.x1 + 1e-6, f"{placed.id} spills out of its cluster"
        assert placed.x1 > placed.x0
        band = lay.rows[placed.row]
        assert band.key == placed.item.row
        assert band.y0 <= placed.lane_y and placed.bar_y + placed.bar_h <= band.y1
    lanes: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for placed in lay.items:
        lanes.setdefault((placed.row, placed.lane), []).append(placed.extent)
    for extents in lanes.values():
        for (_, end), (start, _) in itertools.pairwise(sorted(extents)):
            assert end <= start, "two items overlap in a lane"
    for upper, lower in itertools.pairwise(lay.rows):
        assert upper.y1 <= lower.y0
    assert lay.height >= (lay.rows[-1].y1 if lay.rows else lay.header)


def check_mapping(lay: TimelineLayout, dates: list[dt.date]) -> None:
    xs = [lay.x_for(d) for d in sorted(set(dates))]
    assert all(a < b for a, b in itertools.pairwise(xs)), "x_for is not strictly increasing"
    for d in dates:
        assert lay.date_for(lay.x_for(d)) == d


dates = st.dates(min_value=D(1960, 1, 1), max_value=D(2040, 12, 31))


@st.composite
def items_strategy(draw):
    count = draw(st.integers(0, 25))
    out = []
    for n in range(count):
        first = draw(dates)
        length = draw(st.sampled_from([0, 0, 0, 1, 2, 6, 30, 200, 3000]))
        out.append(
            item(
                f"e{n}",
                first,
                first + dt.timedelta(days=length),
                row=draw(st.sampled_from(["president", "foreign_minister", "other", "ambassador"])),
                title=draw(st.text(min_size=1, max_size=60)),
                named_label=draw(st.none() | st.text(min_size=1, max_size=30)),
            )
        )
    return out


@SETTINGS
@given(items_strategy(), st.integers(200, 4000), st.integers(0, 900), st.lists(dates, max_size=20))
def test_any_input_gives_a_sound_layout(items, width, height, probes):
    lay = layout(items, ROWS, width, height_px=height, left_px=120)
    check_invariants(lay, items)
    check_mapping(lay, probes + [i.first for i in items] + [i.end for i in items])
    assert lay.width >= width and lay.height >= height


# ---------------------------------------------------------------------------- the corpus


def test_the_four_bursts_become_clusters_joined_by_breaks():
    lay = corpus_layout()
    check_invariants(lay, CORPUS)
    assert [c.label for c in lay.clusters] == ["2013", "2018", "2022", "2022", "2024"]
    assert [b.label for b in lay.breaks] == ["5½ years later", "3½ years later", "5 months later", "2 years later"]
    assert lay.clusters[0].x0 == pytest.approx(150 + Metrics().margin)
    assert lay.clusters[-1].x1 == pytest.approx(1600 - Metrics().margin)
    assert lay.width == 1600


def test_gaps_are_compressed_and_clusters_drawn_to_scale():
    lay = corpus_layout()
    for cluster, brk in zip(lay.clusters, lay.breaks, strict=False):
        per_day_inside = cluster.width / (cluster.end - cluster.start)
        per_day_in_gap = (brk.x1 - brk.x0) / brk.days
        assert per_day_in_gap < per_day_inside / 20
        assert brk.x1 - brk.x0 <= Metrics().break_w
    # The six years between 2013 and 2018 take a third of the room of the two weeks of 2018.
    assert 3 * (lay.breaks[0].x1 - lay.breaks[0].x0) < lay.clusters[1].width


def test_a_long_cluster_is_wider_than_a_short_one_but_a_short_one_keeps_a_minimum():
    items = [item("a", D(2018, 1, 1), D(2018, 1, 3)), item("b", D(2020, 1, 1)), item("c", D(2020, 4, 1))]
    lay = layout(items, ROWS, 2000)
    short, long = lay.clusters
    assert long.width > 2 * short.width
    assert short.width >= Metrics().min_cluster - 1e-6


def test_ticks_adapt_to_the_span_of_each_cluster():
    days = layout([item("a", D(2018, 10, 30), D(2018, 11, 1))], ROWS, 1200)
    assert days.clusters[0].ticks[0].label in {"28 Oct", "29 Oct", "30 Oct"}
    assert all(t.label.split()[1] in {"Oct", "Nov"} for t in days.clusters[0].ticks)
    months = layout([item("a", D(2024, 4, 1)), item("b", D(2024, 11, 20))], ROWS, 1000, metrics=Metrics(gap_days=400))
    assert "Jun" in [t.label for t in months.clusters[0].ticks]
    years = layout([item("a", D(1975, 1, 1), D(2024, 12, 31))], ROWS, 1000)
    labels = [t.label for t in years.clusters[0].ticks]
    assert labels and all(label.isdigit() and int(label) % 5 == 0 for label in labels)
    assert years.clusters[0].label == "1975–2024"


def test_month_ticks_name_the_year_when_a_cluster_crosses_one():
    lay = layout([item("a", D(2021, 11, 1)), item("b", D(2022, 2, 20))], ROWS, 400)
    assert any(t.label == "Jan 2022" and t.major for t in lay.clusters[0].ticks)


def test_gap_words():
    assert gap_words(2084) == "5½ years later"
    assert gap_words(365) == "1 year later"
    assert gap_words(548) == "1½ years later"
    assert gap_words(730) == "2 years later"
    assert gap_words(167) == "5 months later"
    assert gap_words(21) == "3 weeks later"
    assert gap_words(1) == "1 day later"


def test_the_gap_threshold():
    assert len(layout([item("a", D(2020, 1, 1)), item("b", D(2020, 4, 30))], ROWS, 900).clusters) == 1
    assert len(layout([item("a", D(2020, 1, 1)), item("b", D(2020, 5, 1))], ROWS, 900).clusters) == 2
    # A long item bridges what would otherwise be a gap.
    bridged = [item("a", D(2020, 1, 1), D(2020, 12, 31)), item("b", D(2020, 6, 1)), item("c", D(2021, 2, 1))]
    assert len(layout(bridged, ROWS, 900).clusters) == 1


# ----------------------------------------------------------------------------- edge cases


def test_an_empty_timeline_still_has_rows_and_a_mapping():
    lay = layout([], ROWS, 800, height_px=300)
    assert lay.items == () and lay.clusters == () and lay.breaks == ()
    assert [r.key for r in lay.rows] == ["president", "foreign_minister", "other"]
    assert lay.height == 300
    check_mapping(lay, [D(1999, 1, 1), D(2000, 6, 1), D(2030, 1, 1)])


def test_no_rows_and_no_items():
    lay = layout([], [], 500)
    assert lay.rows == () and lay.width == 500


def test_a_single_item():
    lay = layout([item("only", D(2018, 10, 30), D(2018, 11, 1))], ROWS, 1000, left_px=100)
    check_invariants(lay, [lay.items[0].item])
    assert len(lay.clusters) == 1 and lay.breaks == ()
    placed = lay.items[0]
    cluster = lay.clusters[0]
    assert cluster.x0 < placed.x0 < placed.x1 < cluster.x1
    assert not placed.dot and placed.title_inside  # a wide bar holds its own title
    assert lay.date_for(placed.centre[0]) == D(2018, 10, 31)


def test_a_one_day_item_is_a_dot_centred_on_its_day():
    lay = layout([item("a", D(2022, 4, 6))], ROWS, 900)
    placed = lay.items[0]
    assert placed.dot and placed.x1 - placed.x0 == Metrics().dot
    assert lay.date_for(placed.centre[0]) == D(2022, 4, 6)
    assert not placed.title_inside and placed.title_w > 0


def test_items_on_the_same_day_stack_in_lanes_of_their_row():
    same_day = [item(f"e{n}", D(2022, 4, 6), title=f"Statement number {n}") for n in range(5)]
    same_day.append(item("elsewhere", D(2022, 4, 6), row="president"))
    lay = layout(same_day, ROWS, 900, left_px=120)
    check_invariants(lay, same_day)
    lanes = sorted(p.lane for p in lay.items if p.item.row == "foreign_minister")
    assert lanes == [0, 1, 2, 3, 4]
    assert lay.rows[1].lanes == 5 and lay.rows[0].lanes == 1
    assert lay.placed("elsewhere").lane == 0


def test_items_far_enough_apart_share_a_lane():
    items = [item("a", D(2022, 1, 1), title="A"), item("b", D(2022, 3, 1), title="B")]
    lay = layout(items, ROWS, 1200)
    assert {p.lane for p in lay.items} == {0}


@pytest.mark.parametrize(
    "items",
    [
        [item("a", D(1975, 5, 1)), item("b", D(2024, 11, 20))],
        [item(f"y{y}", D(y, 6, 1)) for y in range(1975, 2025)],
        [item("a", D(1975, 1, 1), D(2024, 12, 31))],
    ],
    ids=["two-items-50-years-apart", "one-item-a-year-for-50-years", "one-item-lasting-50-years"],
)
def test_a_fifty_year_span(items):
    lay = layout(items, ROWS, 1400, left_px=120)
    check_invariants(lay, items)
    check_mapping(lay, [D(1970, 1, 1), D(1990, 7, 7), D(2030, 1, 1)] + [i.first for i in items])


def test_fifty_yearly_clusters_make_the_timeline_wider_rather_than_unreadable():
    items = [item(f"y{y}", D(y, 6, 1)) for y in range(1975, 2025)]
    lay = layout(items, ROWS, 1400)
    assert len(lay.clusters) == 50 and lay.width > 1400
    assert min(c.width for c in lay.clusters) >= Metrics().hard_min_cluster - 1e-6
    assert lay.breaks[0].label == "1 year later"


def test_an_unknown_row_gets_a_row_of_its_own():
    lay = layout([item("a", D(2020, 1, 1), row="prime_minister")], ROWS, 800)
    assert lay.rows[-1].key == "prime_minister" and lay.rows[-1].label == "Prime minister"


def test_titles_are_measured_with_the_given_metrics_and_capped():
    long_title = "x" * 300
    lay = layout([item("a", D(2020, 1, 1), title=long_title)], ROWS, 1500, measure=lambda s: 5.0 * len(s))
    assert lay.items[0].title_w == Metrics().max_label
    short = layout([item("a", D(2020, 1, 1), title="Short")], ROWS, 1500, measure=lambda s: 5.0 * len(s))
    assert short.items[0].title_w == 25


def test_a_title_near_the_end_of_a_cluster_goes_to_the_left_of_its_bar():
    items = [item("early", D(2020, 1, 1), title="early"), item("late", D(2020, 1, 20), title="A title that needs room")]
    lay = layout(items, ROWS, 700)
    late = lay.placed("late")
    assert late.title_x + late.title_w <= late.x0


def test_spare_height_is_shared_among_rows_but_capped():
    tall = layout(CORPUS, ROWS, 1600, height_px=1000)
    natural = layout(CORPUS, ROWS, 1600)
    assert tall.height == 1000
    grown = [(t.y1 - t.y0) - (n.y1 - n.y0) for t, n in zip(tall.rows, natural.rows, strict=True)]
    assert all(g == pytest.approx(Metrics().max_row_extra) for g in grown)


def test_bad_data_with_last_before_first_is_drawn_as_one_day():
    lay = layout([item("a", D(2020, 5, 2), D(2020, 5, 1))], ROWS, 800)
    assert lay.items[0].dot


def test_time_order_is_what_the_arrow_keys_follow():
    order = [p.id for p in corpus_layout().in_time_order()]
    assert order == [
        "alibi",
        "mitchell",
        "pompeo-call",
        "letter",
        "unga-2022",
        "unga-2024",
        "lukashenko-2024",
        "migration",
    ]


def test_zoom_magnifies_every_cluster_alike_and_keeps_the_breaks():
    fit = corpus_layout()
    zoomed = layout(CORPUS, ROWS, 1600, left_px=150, zoom=3.0)
    check_invariants(zoomed, CORPUS)
    for small, big in zip(fit.clusters, zoomed.clusters, strict=True):
        assert big.width == pytest.approx(3 * small.width)
        assert len(big.ticks) >= len(small.ticks)
    assert [b.x1 - b.x0 for b in zoomed.breaks] == pytest.approx([b.x1 - b.x0 for b in fit.breaks])
    assert zoomed.width - 150 - 4 * 64 > 2.5 * (fit.width - 150 - 4 * 64)
