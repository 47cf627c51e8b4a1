"""The temporal tagger: date expressions in article text, each with a TIMEX3-style value.

Two passes. *Recognition* (:mod:`desktop.core.annotate.date_recognise`) runs one compiled
prefilter over the text for the few tokens a date expression can hinge on (month and weekday
names, digits, unit nouns such as "week", deictic words such as "yesterday") and, at each,
matches the expression around it with small anchored patterns (:mod:`.date_patterns`, built
from the words of ``corpus/lexicons/dates.yaml``). *Resolution* (:mod:`.date_resolve`) then
walks the expressions in text order and fixes what the text leaves open: the year of
"February 21st", the day of "on Monday", the week of "last week" (against the publication
date, in the direction the tense points, :mod:`.date_tense`), and the day of "on the same
day" (against the last date the narrative moved to). The meanings found and their resolution
are in :mod:`.date_meanings`, the value arithmetic and the words for tooltips in
:mod:`.timex`; :mod:`.publication` infers a publication date for a text that has none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from desktop.core.annotate.date_recognise import Recogniser
from desktop.core.annotate.date_resolve import Resolver
from desktop.core.annotate.records import DateMention


class DateTagger:
    """Finds date expressions and resolves them against a publication date.

    Stateless and cheap to create: the patterns are compiled once, when the module loads.
    """

    def __init__(self) -> None:
        """Nothing to set up; one tagger may serve every article, from any thread."""

    def tag(self, text: str, anchor: dt.date | None,
            sentences: Sequence[tuple[int, int]] | None = None) -> list[DateMention]:  # fmt: skip
        """Date mentions in ``text``, sorted by start and never overlapping.

        ``anchor`` is the publication date that relative expressions resolve against; with
        None they are still tagged, with placeholder values (``XXXX-04-12``) and anchor
        ``none``. ``sentences`` (spans of the whole text), when given, save the tagger from
        finding sentence boundaries itself for tense detection.
        """
        found = Recogniser(text).run()
        if not found:
            return []
        return Resolver(text, anchor, sentences).resolve(found)
