"""The library's search field: full text and actors by any spelling, with snippets; choosing a
result opens the article at the match; filters narrow the list without rebuilding it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.library.search import MARK_CLOSE, MARK_OPEN
from desktop.core.text.markup import plain_text
from desktop.ui.library.view import ARTICLE_ID_ROLE


def search_for(window, qtbot, text):
    library = window.library
    library.filter.setFocus()
    qtbot.keyClicks(library.filter, text)
    qtbot.waitUntil(
        lambda: library.stack.currentWidget() is library.search and not library.search.backend.busy(), timeout=60000
    )
    return library.search


def test_lukashenka_finds_the_articles_that_say_lukashenko_with_a_snippet(window, qtbot):
    search = search_for(window, qtbot, "Lukashenka")
    expected = {a.id for a in window.workspace.articles() if "Lukashenko" in a.body}
    assert expected and expected <= {hit.article_id for hit in search.hits}
    for hit in search.hits:  # every spelling of the actor counts; each snippet marks its match
        assert MARK_OPEN in hit.snippet and MARK_CLOSE in hit.snippet
        assert hit.title and hit.date
    assert any(f"{MARK_OPEN}Lukashenko{MARK_CLOSE}" in hit.snippet for hit in search.hits)
    first = search.results.item(0).data(Qt.ItemDataRole.UserRole)
    assert "<b>Lukashenk" in first and "background:" in first
    assert "articles mention" in search.header.text()


def test_choosing_a_result_opens_the_article_at_the_match(window, qtbot):
    search = search_for(window, qtbot, "Lukashenka")
    item = search.results.item(0)
    hit = search.hits[0]
    rect = search.results.visualItemRect(item)
    qtbot.mouseClick(search.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane = window.reader.current_pane()
    assert pane.article_id == hit.article_id
    article = window.workspace.article(hit.article_id)
    assert plain_text(article.body)[hit.offset : hit.offset + 9] == "Lukashenk"
    assert any(h.kind == "evidence" and h.start == hit.offset for h in pane.highlights)


def test_enter_in_the_field_opens_the_first_result(window, qtbot):
    search = search_for(window, qtbot, '"Lukashenko"')
    qtbot.keyClick(window.library.filter, Qt.Key.Key_Return)
    assert window.reader.current_pane().article_id == search.hits[0].article_id


def test_typing_is_debounced_and_never_rebuilds_the_list(window, qtbot):
    resets = []
    window.library_model.modelReset.connect(lambda: resets.append(1))
    before = window.library.search.backend.generation
    search_for(window, qtbot, "Minsk")
    assert window.library.search.backend.generation == before + 1  # one search for five keystrokes
    assert resets == []
    window.library.filter.clear()
    qtbot.waitUntil(lambda: window.library.stack.currentWidget() is window.library.tree, timeout=5000)


def test_no_match_says_so(window, qtbot):
    search = search_for(window, qtbot, "xylophonequartet")
    assert search.hits == [] and "No article mentions" in search.header.text()


def test_outlet_and_date_filters_narrow_the_list_and_the_search(window, qtbot):
    library = window.library
    qtbot.mouseClick(library.filters_button, Qt.MouseButton.LeftButton)
    box = library.search.filters
    qtbot.waitUntil(lambda: box.outlet.count() > 1, timeout=60000)
    outlet = next(a.outlet for a in window.workspace.articles() if a.outlet)
    box.outlet.setCurrentIndex(box.outlet.findData(outlet))
    expected = [a for a in window.workspace.articles() if a.outlet == outlet]
    assert library.proxy.rowCount() == len(expected) < len(window.workspace.articles())
    search = search_for(window, qtbot, "Minsk")
    assert {h.outlet for h in search.hits} <= {outlet}

    box.outlet.setCurrentIndex(0)
    qtbot.mouseClick(box.dated, Qt.MouseButton.LeftButton)
    box.date_from.setDate(box.date_from.date().fromString("2018-01-01", "yyyy-MM-dd"))
    box.date_to.setDate(box.date_to.date().fromString("2019-12-31", "yyyy-MM-dd"))
    dated = [a for a in window.workspace.articles() if a.published and 2018 <= a.published.year <= 2019]
    assert library.proxy.rowCount() == len(dated)
    qtbot.waitUntil(lambda: not library.search.backend.busy(), timeout=60000)
    qtbot.wait(DEBOUNCE_WAIT)
    qtbot.waitUntil(lambda: not library.search.backend.busy(), timeout=60000)
    assert all("2018" <= (h.date or "") <= "2019-12-31" for h in library.search.hits)


def test_actor_filter_offers_the_gazetteer_s_actors(window, qtbot):
    library = window.library
    qtbot.mouseClick(library.filters_button, Qt.MouseButton.LeftButton)
    box = library.search.filters
    qtbot.waitUntil(lambda: box.actor.count() > 1 and box.side.count() > 1, timeout=60000)
    assert box.actor.findText("Lukashenko", Qt.MatchFlag.MatchContains) > 0


DEBOUNCE_WAIT = 400


def test_the_list_groups_by_outlet_and_by_year_and_still_filters(window, qtbot):
    library = window.library
    library.sort.setCurrentText("Grouped by outlet")
    model = library.tree.model()
    outlets = {a.outlet or "Outlet unknown" for a in window.workspace.articles()}
    groups = [model.index(r, 0) for r in range(model.rowCount())]
    assert {g.data().rsplit(" (", 1)[0] for g in groups} == outlets
    assert sum(model.rowCount(g) for g in groups) == len(window.workspace.articles())

    library.sort.setCurrentText("Grouped by year")
    model = library.tree.model()
    years = [model.index(r, 0).data().split(" ")[0] for r in range(model.rowCount())]
    assert years == sorted(years) and years[0] == "2013"

    qtbot.keyClicks(library.filter, "power play")
    assert model.rowCount() == 1 and model.index(0, 0).data() == "2024 (1)"
    child = model.index(0, 0, model.index(0, 0))
    library.tree.setCurrentIndex(child)
    library.tree.setFocus()
    qtbot.keyClick(library.tree, Qt.Key.Key_Return)
    assert window.reader.current_pane().title.text().startswith("Minsk brews diplomatic power play")

    library.sort.setCurrentText("Oldest first")
    assert library.tree.model() is library.proxy and library.tree.isColumnHidden(1)


def test_actor_and_side_filters_narrow_the_list_once_the_library_is_analysed(window, qtbot):
    library = window.library
    with qtbot.waitSignal(library.search.backend.analysed, timeout=120000):
        qtbot.mouseClick(library.filters_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.workspace.is_fully_analysed, timeout=120000)
    articles = window.workspace.articles()
    by_actor: dict[str, set[str]] = {}
    for article in articles:
        for mention in window.workspace.analysis(article.id).actors:
            if mention.actor:
                by_actor.setdefault(mention.actor, set()).add(article.id)
    actor, expected = next((a, ids) for a, ids in sorted(by_actor.items()) if 1 < len(ids) < len(articles))
    box = library.search.filters
    box.actor.setCurrentIndex(box.actor.findData(actor))
    qtbot.waitUntil(lambda: library.proxy.rowCount() == len(expected), timeout=30000)
    shown = {library.proxy.data(library.proxy.index(r, 0), ARTICLE_ID_ROLE) for r in range(library.proxy.rowCount())}
    assert shown == expected
    box.actor.setCurrentIndex(0)
    assert library.proxy.rowCount() == len(articles)
