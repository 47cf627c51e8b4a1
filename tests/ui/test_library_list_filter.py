"""The library list at scale: the model sorts itself and keeps each row's search key, the filter
decides every row in one pass over those keys, and the proxy never sorts (nor compares) rows."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.core.text.articles import Article
from desktop.ui.library.listmodel import ARTICLE_ID_ROLE, DATE, FILTER_KEY_ROLE, TITLE
from desktop.ui.library.view import LibraryModel, LibraryView

OUTLETS = ("Wire One", "Daily Two", "Review Three")


def _articles(count: int) -> list[Article]:
    day = dt.date(2013, 1, 1)
    return [
        Article(
            id=f"a{i:04d}",
            title=f"Article {i} on Vilnius" if i % 7 == 0 else f"Article {i}",
            body="text",
            published=None if i % 11 == 0 else day + dt.timedelta(days=(i * 37) % 900),
            published_precision="day",
            outlet=OUTLETS[i % 3],
        )
        for i in range(count)
    ]


def _shown(view: LibraryView) -> list[str]:
    proxy = view.proxy
    return [proxy.data(proxy.index(r, 0), ARTICLE_ID_ROLE) for r in range(proxy.rowCount())]


def _view(qtbot, count: int = 600) -> LibraryView:
    view = LibraryView(LibraryModel(_articles(count)))
    qtbot.addWidget(view)
    view.filter.textChanged.disconnect(view.search._typed)  # the list alone, no database search
    return view


def test_the_search_key_is_a_role_of_the_model(qtbot):
    model = LibraryModel(_articles(3))
    index = model.index(model.row_of("a0001"), TITLE)
    assert index.data(FILTER_KEY_ROLE) == f"article 1\nDaily Two\n{index.siblingAtColumn(DATE).data()}".casefold()


def test_typing_filters_by_title_outlet_and_date_and_keeps_the_order(qtbot):
    view = _view(qtbot)
    articles = view.model.articles()
    view.sort.setCurrentText("Newest first")
    newest_first = _shown(view)
    assert view.proxy.sortColumn() == -1  # the model sorted: the proxy compares nothing
    dates = [view.model.article(view.model.row_of(i)).published for i in newest_first]
    assert [d for d in dates if d][:3] == sorted((a.published for a in articles if a.published), reverse=True)[:3]

    qtbot.keyClicks(view.filter, "VILNIUS")
    assert _shown(view) == [i for i in newest_first if "Vilnius" in view.model.article(view.model.row_of(i)).title]
    view.filter.clear()
    qtbot.keyClicks(view.filter, "review three")
    assert _shown(view) == [
        i for i in newest_first if view.model.article(view.model.row_of(i)).outlet == "Review Three"
    ]
    for _ in "review three":  # deleting brings every row back, in the chosen order
        qtbot.keyClick(view.filter, Qt.Key.Key_Backspace)
    assert _shown(view) == newest_first


def test_a_few_rows_change_row_by_row_many_in_one_relayout(qtbot):
    view = _view(qtbot)
    resets = []
    view.proxy.layoutChanged.connect(lambda *_: resets.append(1))
    removed = []
    view.proxy.rowsRemoved.connect(lambda *_: removed.append(1))
    qtbot.keyClicks(view.filter, "Article 599")
    assert _shown(view) == ["a0599"]
    assert resets  # from 600 rows to a few: one re-layout
    resets.clear()
    removed.clear()
    qtbot.keyClick(view.filter, Qt.Key.Key_Backspace)  # "Article 59": eleven rows, a few more
    assert sorted(_shown(view)) == ["a0059", *[f"a{590 + i:04d}" for i in range(10)]]
    assert not resets


def test_constraints_and_ids_narrow_the_same_pass(qtbot):
    view = _view(qtbot)
    view.proxy.set_constraints("wire one", "2013-01-01", "2013-06-30")
    expected = {
        a.id
        for a in view.model.articles()
        if a.outlet == "Wire One" and a.published and a.published <= dt.date(2013, 6, 30)
    }
    assert set(_shown(view)) == expected
    view.proxy.set_ids({"a0000", "a0003", "a0004"})
    assert set(_shown(view)) == expected & {"a0000", "a0003", "a0004"}
    view.proxy.set_ids(None)
    view.proxy.set_constraints(None, None, None)
    assert len(_shown(view)) == 600


def test_inferred_dates_are_matched_and_re_sort_the_list_once(qtbot):
    view = _view(qtbot)
    model = view.model
    layouts = []
    model.layoutChanged.connect(lambda *_: layouts.append(1))
    undated = [a.id for a in model.articles() if a.published is None]
    for n, article_id in enumerate(undated):
        model.set_inferred_date(article_id, dt.date(2030, 12, 31) - dt.timedelta(days=n))
    qtbot.keyClicks(view.filter, "2030")
    assert set(_shown(view)) == set(undated)  # the patched keys: found by the inferred date
    view.filter.clear()
    qtbot.waitUntil(lambda: layouts == [1], timeout=3000)
    assert _shown(view)[-len(undated) :] == undated[::-1]  # the latest dates last, in one re-sort


def test_the_count_keeps_its_width_as_the_filter_changes_it(qtbot):
    view = _view(qtbot)

    def width() -> int:
        return max(view.count.sizeHint().width(), view.count.minimumWidth())

    before = width()
    for text in ("5", "Article 59", "Vilnius", "Article 599", ""):
        view.filter.setText(text)
        assert width() == before, text  # the dock beside the timeline never changes its width
