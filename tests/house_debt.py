"""What is left of issue 9: modules and functions above the house limits, as measured on main.

tests/test_architecture.py lets each of these shrink and none grow; any other module over 500 lines
or function over complexity 15 fails. Regenerate after a split: the goal is two empty dicts.
"""

#: Modules still over 500 lines (issue 9 not finished): each may shrink, none may grow.
KNOWN_LONG_MODULES: dict[str, int] = {
    "desktop/core/annotate/actors.py": 918,
    "desktop/core/annotate/gazetteer.py": 960,
    "desktop/core/episodes/events.py": 942,
    "desktop/core/episodes/grouping.py": 542,
    "desktop/core/episodes/timeline.py": 590,
}
#: Functions still over complexity 15 (issue 9 not finished): each may get simpler, none more complex.
KNOWN_COMPLEX: dict[str, int] = {
    "desktop.core.annotate.actors._Matcher.__init__": 37,
    "desktop.core.annotate.actors._Scan._resolve_surname": 23,
    "desktop.core.annotate.actors._Scan._unknown": 18,
    "desktop.core.annotate.actors._Scan.run": 37,
    "desktop.core.annotate.date_meanings.join_range": 29,
    "desktop.core.annotate.date_recognise.Recogniser._calendar": 16,
    "desktop.core.annotate.date_recognise.Recogniser._word": 24,
    "desktop.core.annotate.date_units._counted_from": 27,
    "desktop.core.annotate.date_units._deictic_unit": 16,
    "desktop.core.annotate.date_units._duration": 23,
    "desktop.core.annotate.date_units.unit_phrase": 16,
    "desktop.core.annotate.gazetteer._Loader._actor": 21,
    "desktop.core.annotate.gazetteer._Loader._tenures": 18,
    "desktop.core.annotate.gazetteer.add_user_actor": 18,
    "desktop.core.annotate.publication.infer_publication": 23,
    "desktop.core.annotate.timex._bounds": 16,
    "desktop.core.annotate.timex._describe": 22,
    "desktop.core.episodes.events.EventExtractor._date_from_context": 56,
    "desktop.core.episodes.events.EventExtractor._describe": 21,
    "desktop.core.episodes.events.EventExtractor._roles": 52,
    "desktop.core.episodes.events.EventExtractor._runs": 25,
    "desktop.core.episodes.events.EventExtractor._same_happening": 18,
    "desktop.core.episodes.events.EventExtractor.extract": 61,
    "desktop.core.episodes.events.load_event_lexicon": 24,
    "desktop.core.episodes.grouping._episode_dates": 17,
    "desktop.core.episodes.grouping._title": 26,
    "desktop.core.episodes.grouping.build_episode": 45,
    "desktop.core.episodes.grouping.group_events": 54,
    "desktop.core.episodes.messengers.messengers": 17,
    "desktop.core.episodes.timeline._clusters": 16,
    "desktop.core.episodes.timeline._tick_days": 17,
}
