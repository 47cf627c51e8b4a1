"""Who acts in an event (its sources) and who is acted on (its targets).

The agent of a run is found by the first rule of ``SOURCE_RULES`` that names one: a subject
just before the trigger, an agent after it ("the visit of X"), a pronoun's antecedent, the
sentence's first person. Targets are the actors after the trigger, less the people who only
report ("…, Yalowitz told"), the objects of negated triggers and possessive modifiers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from desktop.core.annotate.records import ActorMention
from desktop.core.episodes.event_lexicon import load_event_lexicon
from desktop.core.episodes.event_records import PERSON, possessive
from desktop.core.episodes.event_runs import Run, Sentence

# Between a subject and its verb: "Makei disclosed", "Lukashenko has", "X, who met", "Putin’s statement".
_SUBJECT_LINK = re.compile(
    r"(?:’s|'s|’)?(?:\s*,\s*(?:who|which)\b)?(?:\s+[a-z][\w’'-]*){0,4}\s*$|(?:’s|'s|’)?\s+$|(?:’s|'s|’)$"
)
#: "X and Y", "X, Y", "X, and the enlargement commissioner, Y": a title in apposition may stand before Y.
_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:(?:the|a|an|its|his|her)\s+[^,;.\"“”()]{1,50},\s*)?")
#: A noun phrase in apposition between a subject and its verb: "Belarus, an ally of Russia, approved".
_NOUN_APPOSITION = re.compile(r"\s*,\s*(?:a|an|the)\s+[^,;.\"“”()]{1,70},\s*$")
#: A preposition before an actor makes it an object, never the subject ("sanctions against Belarusian
#: officials"), unless it owns the trigger ("a response to Clinton's assessment").
_OBJECT_OF = re.compile(
    r"\b(?:against|on|upon|with|for|to|towards|toward|from|at|about|over)\s+(?:(?:the|a|an)\s+)?$", re.I
)
_IT_SUBJECT = re.compile(r"\bit\s+(?:[a-z][\w’'-]*\s+){0,2}$")
_AND_BEFORE = re.compile(r"\band\s+(?:(?:also|then|later|was|were|has|had|is)\s+){0,2}$")
_IN_WHICH = re.compile(r"\b(?:in|on|during)\s+which\s+$|\bwhere\s+$", re.I)
_WHO = re.compile(r"\s*,\s*who\b")
_CONJUNCT = re.compile(r"\b(?:and|or|but)\b")
_LATE_BEFORE = re.compile(r"\bthe\s+late\s+$", re.I)
_OF_BETWEEN = re.compile(r"\s+of\s+(?:the\s+)?")
#: The end of an apposition naming a person: "A spokeswoman, Tammy Bruce, said".
_APPOSITION_END = re.compile(
    r"\s*,\s*(?:(?!(?:and|or|but|while|as|after|before|when|who|which|then)\b)[a-z][\w’'-]*\s+){0,3}$"
)  # "Marta Kos, issued a joint statement": the words of the verb phrase cost nothing
_APPOSITION_AUX = re.compile(r"\s*,\s*(?:was|were|is|has\s+been|had\s+been|has|had)\s+(?:also\s+)?$")
_AGENT = re.compile(r"[^.;]{0,140}?\b(?:of|from|by)\s")
_DIRECT_AGENT = re.compile(r"\b(?:of|from|by)\s+(?:(?:the|a|an)\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}$")
_WITH_BEFORE = re.compile(r"\b(?:with|and)\s+$")
_PRONOUN_SUBJECT = re.compile(r"\b(?:he|she|they)\s+(?:[“\"‘']?[a-z][\w’'-]*[”\"’']?\s+){0,4}[“\"‘']?$", re.I)
#: "…, Yalowitz told", "X also said" (not "talks with X, who said afterwards": X takes part).
_SAID_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:(?!who\b)[\w’'-]+\s+){0,1}(?:said|says|told|added|noted|stated|wrote|explained|argued)\b"
)
_SAID_AFTER_APPOSITION = re.compile(r"\s*,[^,;]{0,80},\s*(?:said|says|told|added)\b")
_ACCORDING_BEFORE = re.compile(r"\b(?:according\s+to|said|told)\s+$")
#: A subject stands within this many characters before its verb.
_SUBJECT_REACH = 90
#: Up to three title words between a preposition and a name ("from US President Donald Trump").
_TITLE_WORDS = r"(?:(?:the|a|an)\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}$"
#: For the families that carry a message: the role of an actor after the trigger, by the words
#: just before it; the first pattern that matches wins ("a letter from X to Y, delivered by Z").
PREPOSITION_ROLES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(?:delivered|handed(?:\s+over)?|brought|carried|passed\s+on|conveyed|sent)\s+by\s+" + _TITLE_WORDS
        ),
        "deliverer",
    ),
    (re.compile(r"\b(?:from|signed\s+by|written\s+by)\s+" + _TITLE_WORDS), "source"),
    (re.compile(r"\b(?:to|addressed\s+to)\s+" + _TITLE_WORDS), "target"),
)
#: A verb before the trigger that makes its subject the carrier ("X handed Y a letter from Z")
#: or the addressee ("X received a letter from Z") once the letter's writer is named.
SUBJECT_VERB_ROLES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\b(?:handed|hands|delivered|delivers|brought|brings|passed|conveyed|conveys|gave|gives)\b", re.I),
        "deliverer",
    ),
    (re.compile(r"\b(?:received|receives|got|gets)\b", re.I), "target"),
)
#: The families whose roles follow these prepositions.
MESSAGE_FAMILIES = ("letter",)

Mentions = list[ActorMention]


#: A state (its name, possessive or demonym) and the capitalised name of one of its organs:
#: "Belarus's State Border Committee proposed", "the Polish Border Guard closed": the state acts.
_ORGAN = re.compile(r"(?:['’]s)?(?:\s+[A-Z][\w’'-]*){1,5}(?=\s)")


@cache
def _party_head() -> re.Pattern[str]:
    """A noun of people after a state or body, with at most one word before it: "EU [foreign]
    ministers", "Polish officials"; the nouns of ``parties`` in events.yaml."""
    nouns = "|".join(re.escape(n) for n in sorted(load_event_lexicon().parties, key=len, reverse=True))
    return re.compile(rf"(?:\s+[a-z][\w-]*)?\s+(?:{nouns})\b" if nouns else r"(?!)")


def _links_subject(m: ActorMention, gap: str) -> bool:
    """Do these words join a subject to its verb (a comma only after a person in apposition, "The
    head of the delegation, Ambassador X, was invited")? After a state or body, the noun of people
    it heads is part of the subject ("EU foreign ministers will hold a conference")."""
    if m.kind != PERSON and (head := _party_head().match(gap) or _ORGAN.match(gap)):
        gap = gap[head.end() :]
    return bool(
        _SUBJECT_LINK.match(gap)
        or _NOUN_APPOSITION.match(gap)
        or (m.kind == PERSON and (_APPOSITION_END.match(gap) or _APPOSITION_AUX.match(gap)))
    )


def _reports(text: str, m: ActorMention) -> bool:
    """ "…, Yalowitz told The Daily Beast", "according to X"."""
    tail = text[m.end : m.end + 120]
    return bool(
        _SAID_AFTER.match(tail)
        or _SAID_AFTER_APPOSITION.match(tail)
        or _ACCORDING_BEFORE.search(text, max(0, m.start - 16), m.start)
    )


def _speakers(s: Sentence) -> Mentions:
    """People who only report in this sentence (the subjects of "said"…): not participants; computed once."""
    if s.speakers is not None:
        return s.speakers
    speakers = [m for m in s.actors if m.kind == PERSON and _reports(s.text, m) and not _shown(s, m)]
    for other in s.runs:
        if other.type.reporting:
            speakers += [
                m
                for m in s.actors
                if m.kind == PERSON
                and other.start - _SUBJECT_REACH <= m.end <= other.start
                and _links_subject(m, s.gap(m.end, other.start))
                and not _CONJUNCT.search(s.gap(m.end, other.start))  # "congratulated X on Monday and expressed"
                and not _WHO.match(s.gap(m.end, other.start))  # "talks with X, who said": X takes part
                and not _shown(s, m)
            ]
    s.speakers = speakers
    return speakers


def _shown(s: Sentence, m: ActorMention) -> bool:
    """ "a video in which X said": the speaker of a clause about a thing takes part in what shows him."""
    return bool(_IN_WHICH.search(s.text, max(s.start, m.start - 20), m.start))


def _subject_before(s: Sentence, run: Run, previous_end: int, next_start: int) -> Mentions:
    """ "Makei disclosed", "X, who met": actors a few words before the trigger ("Merkel of
    Germany spoke": the person, not the country that qualifies her)."""
    found = [
        m
        for m in s.actors
        if previous_end <= m.start
        and run.start - _SUBJECT_REACH <= m.end <= run.start
        and _links_subject(m, s.gap(m.end, run.start))
        and (possessive(s.text, m.end) or not _OBJECT_OF.search(s.text, max(s.start, m.start - 16), m.start))
    ]
    return [_qualified(s, m) for m in _coordinated(s, found, previous_end)]


def _coordinated(s: Sentence, found: Mentions, previous_end: int) -> Mentions:
    """ "X and Y met", "X, Y and Z signed": the people joined to a subject by "and" or a comma."""
    if not found or found[0].kind != PERSON:
        return found
    subjects = list(found)
    for m in reversed([m for m in s.actors if previous_end <= m.start and m.end <= found[0].start]):
        if m.kind != PERSON or not _COORDINATION.fullmatch(s.text, m.end, subjects[0].start):
            break
        subjects.insert(0, m)
    return subjects


def _qualified(s: Sentence, m: ActorMention) -> ActorMention:
    """The person a place or body qualifies ("Angela Merkel of Germany" -> Merkel), else the actor."""
    if m.kind == PERSON:
        return m
    person = next((p for p in reversed(s.actors) if p.kind == PERSON and p.end <= m.start), None)
    if person is not None and _OF_BETWEEN.fullmatch(s.text, person.end, m.start):
        return person
    return m


def _agent_after(s: Sentence, run: Run, previous_end: int, next_start: int) -> Mentions:
    """ "the visit of X", "a letter … from X": the agent follows the trigger."""
    agent = _AGENT.match(s.text, run.triggers[0][1], next_start)
    if not agent:
        return []
    people = [m for m in s.actors if m.kind == PERSON and agent.end() - 1 <= m.start < next_start]
    # the agent stands right after a preposition, behind at most a few title words ("the visit of
    # US Secretary X"), not anywhere after it ("met the head of the OSCE, … X")
    return [m for m in people if _DIRECT_AGENT.search(s.text, max(agent.end() - 8, m.start - 60), m.start)][:1]


def _pronoun(s: Sentence, run: Run, previous_end: int, next_start: int) -> Mentions:
    """ "he met": the last person before the pronoun, or of the two sentences before."""
    pronoun = _PRONOUN_SUBJECT.search(s.text, max(previous_end, run.start - 40), run.start)
    if not pronoun:
        return []
    # "the late X" does nothing the article reports, under any later name ("his predecessor")
    dead = {m.actor for m in (*s.actors, *s.previous_people) if m.actor and not _alive(s.text, m)}
    before_pronoun = [
        m
        for m in s.actors
        if m.kind == PERSON and m.end <= pronoun.start() and _alive(s.text, m) and m.actor not in dead
    ]
    if before_pronoun:
        return [before_pronoun[-1]]
    candidates = [m for m in s.previous_people if _alive(s.text, m) and m.actor not in dead]
    return _previous_subject(s.text, candidates) if candidates else []


def _previous_subject(text: str, candidates: Mentions) -> Mentions:
    """A pronoun opening its sentence continues the subject of the sentence before ("Lukashenko met
    Putin on Monday. On Wednesday he flew to Beijing": Lukashenko), when it is named first there;
    else the last person named."""
    last_start = _sentence_start(text, candidates[-1].start)
    subject = next(m for m in candidates if m.start >= last_start)
    if text[last_start : subject.start].strip(" \"“‘'(").count(" ") <= 3 and not possessive(text, subject.end):
        return [subject]
    return [candidates[-1]]


#: The end of a sentence, not of an abbreviation ("Mr. Lukashenko", "A. Wess Mitchell").
_SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!\bSt)(?<!\b[A-Z])[.!?][\"”’)]?\s|\n")


def _sentence_start(text: str, offset: int) -> int:
    """Where the sentence holding ``offset`` starts (a look back of at most 600 characters)."""
    lo = max(0, offset - 600)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, offset)]
    return ends[-1] if ends else lo


def _it(s: Sentence, run: Run, previous_end: int, next_start: int) -> Mentions:
    """ "the Council adopted a package, and on 24 June it decided": "it" is the organisation named
    last before it in the sentence."""
    pronoun = _IT_SUBJECT.search(s.text, max(previous_end, run.start - 40), run.start)
    if not pronoun:
        return []
    bodies = [m for m in s.actors if m.kind == "organisation" and m.end <= pronoun.start()]
    return bodies[-1:]


def _alive(text: str, m: ActorMention) -> bool:
    """ "the late Vladimir Makei" does nothing the article reports: no pronoun points to him."""
    return not _LATE_BEFORE.search(text, max(0, m.start - 12), m.start)


def _sentence_subject(s: Sentence, run: Run, previous_end: int, next_start: int) -> Mentions:
    """The first person before the sentence's first real (not pointing back, not reporting) run."""
    first_real = next((r.start for r in s.runs if not r.anaphor_type and not r.type.reporting), run.start)
    return [m for m in s.actors if m.kind == PERSON and m.end <= first_real and not possessive(s.text, m.end)][:1]


def _pair(s: Sentence, run: Run, previous_end: int, next_start: int) -> Mentions:
    """ "the two leaders spoke again", "the ministers held consultations": the two people of the
    sentences before."""
    cue = s.pairs.search(s.text, max(previous_end, run.start - 60), run.start) if s.pairs is not None else None
    if cue is None:
        return []
    people: dict[str, ActorMention] = {}
    for m in s.previous_people:
        people.pop(m.actor or m.name, None)
        people[m.actor or m.name] = m
    # "the two leaders": the last two named; "the ministers": only when just two were named
    wanted = 2 if cue.group("det").lower() == "the" else len(people)
    if cue.group("det").lower() != "the" and len(titled := _titled(s.text, cue.group(), s.earlier_people)) == 2:
        return titled  # "the two presidents": the two named with that title, however far back
    return list(people.values())[-2:] if 2 <= len(people) <= wanted else []


#: A title's head before "of" just before a mention: "Press Secretary of [the President of Belarus X]".
_HEAD_OF_BEFORE = re.compile(r"([\w-]+)\s+of\s+$")
_OF = re.compile(r"\s+of(?:\s+|$)")
#: The capitalised words that end a mention: its name ("… of Belarus Aleksandr Lukashenko").
_NAME_END = re.compile(r"(?:\s*\b[A-Z][\w.’'-]*)+$")


def _title_head(text: str, m: ActorMention) -> set[str]:
    """The head nouns of a person's titles: the last word before "of" of the words before the
    name ("President of the Republic of Belarus X" -> president; "Press Secretary of the President
    of Belarus X" -> secretary), and of the role held."""
    before = _HEAD_OF_BEFORE.search(text, max(0, m.start - 40), m.start)
    if before is not None:
        return {before.group(1).lower()}
    name = _NAME_END.search(m.text)
    heads = set()
    for title in (m.text[: name.start()] if name else "", m.role):
        words = _OF.split(title.lower(), maxsplit=1)[0].split()
        if words:
            heads.add(words[-1].strip(",.;:"))
    return heads


def _titled(text: str, cue: str, earlier: Mentions) -> Mentions:
    """The people named before with the title of the cue's plural noun ("the two presidents"),
    in the order they were last named."""
    nouns = {w[:-1] for w in cue.lower().split() if w.endswith("s") and len(w) > 4}
    titled = {m.actor or m.name for m in earlier if _title_head(text, m) & nouns}
    people: dict[str, ActorMention] = {}
    for m in earlier:
        if (m.actor or m.name) in titled:
            people.pop(m.actor or m.name, None)
            people[m.actor or m.name] = m
    return list(people.values())


def _conjoined(s: Sentence, run: Run, previous_end: int, next_start: int) -> Mentions:
    """ "Poland closed the border on Monday and reopened it on Wednesday", "X held talks with Y
    and was received by Z": a verb joined by "and" to the run before shares its subject."""
    index = s.runs.index(run)
    if not index or not _AND_BEFORE.search(s.text, previous_end, run.start):
        return []
    before = s.runs[index - 1]
    earlier_end = s.runs[index - 2].end if index > 1 else s.start
    for rule in (_subject_before, _pronoun):
        found = rule(s, before, earlier_end, before.start)
        if found:
            return found
    return []


#: Where the agent of a run is looked for, in order: the first rule that finds one wins.
#: "X's first", "X's second such trip": the owner of a counted occurrence did it.
_ORDINAL_AFTER = re.compile(r"(?:’s|'s|’)\s+(?:first|second|third|fourth|fifth|last|latest|next)\b")


def _ordinal_owner(s: Sentence, run: Run, previous_end: int, next_start: int) -> Mentions:
    """ "The state visit … is Mr X's first to China": the person whose occurrence it is counted as."""
    return [m for m in s.actors if m.kind == PERSON and _ORDINAL_AFTER.match(s.text, m.end)][:1]


SOURCE_RULES: tuple[Callable[[Sentence, Run, int, int], Mentions], ...] = (
    _conjoined,
    _subject_before,
    _agent_after,
    _pronoun,
    _it,
    _pair,
    _sentence_subject,
    _ordinal_owner,
)


def _negated_objects(s: Sentence) -> Mentions:
    """Actors just after a negated trigger ("did not meet X"), within its clause."""
    if not s.negated:
        return []
    return [m for m in s.actors if any(0 <= m.start - n <= 40 and "," not in s.text[n : m.start] for n in s.negated)]


def _not_met(s: Sentence, run: Run, after: Mentions, next_start: int) -> Mentions:
    """ "during his meeting with Putin, Lukashenka made…": the person not met is the agent."""
    with_ = [m for m in after if _WITH_BEFORE.search(s.text, max(s.start, m.start - 12), m.start)]
    others = [m for m in s.actors if m.kind == PERSON and m not in with_ and run.end <= m.start < next_start]
    return others[:1] if with_ and others else []


def _by_preposition(s: Sentence, run: Run, next_start: int) -> dict[str, Mentions]:
    """Actors after the trigger given a role by the words just before them (from/to/by)."""
    found: dict[str, Mentions] = {}
    for m in s.actors:
        if not run.triggers[0][1] <= m.start < next_start:
            continue
        before = s.text[max(run.start, m.start - 60) : m.start]
        role = next((r for pattern, r in PREPOSITION_ROLES if pattern.search(before)), None)
        if role:
            found.setdefault(role, []).append(m)
    return found


def _subject_role(s: Sentence, run: Run, previous_end: int) -> tuple[str, Mentions, Mentions]:
    """The verb before a message ("handed", "received"): its role, its subject and the actors
    between it and the trigger ("X handed Y a letter", "X conveyed to Y a letter")."""
    zone_start = max(previous_end, s.start)
    for pattern, role in SUBJECT_VERB_ROLES:
        verbs = list(pattern.finditer(s.text, zone_start, run.start))
        if not verbs:
            continue
        verb = verbs[-1]
        subject = [m for m in s.actors if zone_start <= m.start and m.end <= verb.start()][-1:]
        between = [m for m in s.actors if verb.end() <= m.start and m.end <= run.start]
        return role, subject, between
    return "", [], []


def message_roles(s: Sentence, run: Run, sources: Mentions, targets: Mentions) -> tuple[Mentions, Mentions, Mentions]:
    """A message's writer, addressees and carriers follow from/to/by ("a letter from X to Y, delivered by Z")."""
    if run.type.family not in MESSAGE_FAMILIES:
        return sources, targets, []
    previous_end, next_start = s.neighbours(run)
    found = _by_preposition(s, run, next_start)
    if "source" not in found:
        return sources, targets, found.get("deliverer", [])
    role, subject, between = _subject_role(s, run, previous_end)
    deliverers = found.get("deliverer", []) + (subject if role == "deliverer" else [])
    addressees = (subject if role == "target" else []) + between + found.get("target", [])
    taken = found["source"] + deliverers
    addressees += [m for m in targets if m not in taken and m not in addressees]
    return found["source"], [m for m in addressees if m not in taken], deliverers


def roles(s: Sentence, run: Run) -> tuple[Mentions, Mentions]:
    """Who acts (sources) and who is acted on (targets) for one run of a sentence."""
    previous_end, next_start = s.neighbours(run)
    sources: Mentions = []
    for rule in SOURCE_RULES:
        sources = rule(s, run, previous_end, next_start)
        if sources:
            break
    first_end = run.triggers[0][1]
    speakers = _speakers(s)
    negated_objects = _negated_objects(s)
    after = [
        m
        for m in s.actors
        if first_end <= m.start < next_start and m not in sources and m not in speakers and m not in negated_objects
    ]
    if not sources and run.type.family == "contact":
        sources = _not_met(s, run, after, next_start)
    targets = [
        m
        for m in after
        if m not in sources and not possessive(s.text, m.end)  # "Ryzhankou’s deputy": a modifier
    ]
    if not any(m.kind == PERSON for m in targets):
        targets += _object_pronoun(s, run, sources, next_start)
    return sources, targets


#: An object pronoun right after a trigger: "spoke to him by telephone", "pardoned him", "met her".
_OBJECT_PRONOUN = re.compile(r"\s+(?:(?:to|with)\s+)?(?:him|her)\b")


def _object_pronoun(s: Sentence, run: Run, sources: Mentions, next_start: int) -> Mentions:
    """Whom "him" or "her" after the trigger means: the subject of the sentence just before, when
    it opens that sentence (not the agent); else nobody."""
    m = _OBJECT_PRONOUN.match(s.text, run.end)
    if m is None or m.end() > next_start:
        return []
    agents = {x.actor or x.name for x in sources}
    before = _sentence_start(s.text, max(0, s.start - 1))  # only the sentence just before
    candidates = [
        x
        for x in s.previous_people
        if x.kind == PERSON and x.start >= before and (x.actor or x.name) not in agents and _alive(s.text, x)
    ]
    if not candidates:
        return []
    subject = candidates[0]
    lead = s.text[before : subject.start].strip(" \"“‘'(")
    return [subject] if lead.count(" ") <= 3 and not possessive(s.text, subject.end) else []
