"""Lessons: the slides a teacher walks a class through, with notes, kept in a small file.

A lesson file (``.lesson``) is YAML or JSON — told apart by content, not by name — with a
title, an optional subtitle and a list of slides. Each slide has a ``kind`` (``title``,
``episode``, ``comparison``, ``motifs`` or ``coverage``), a ``ref`` for episode slides (a named-episode id
from ``corpus/episodes.yaml`` such as ``mitchell-visit-2018``, or an episode id) and the
teacher's ``notes`` in Markdown::

    version: 1
    title: Belarus's overtures to the West
    slides:
      - kind: title
        notes: What do you already know about Minsk and Moscow?
      - kind: episode
        ref: mitchell-visit-2018
        notes: |
          - Point out the spelling "Makey".

A comparison slide may name the episodes it compares (``ref: "a, b, c"``, two to four);
without a ref it compares the default trio of ``episodes.yaml``. A coverage slide names one
episode with two or more source articles (``ref: EPISODE_ID``) and sets its sources side by side.

Files are forgiving where a teacher would want them to be: a slide with a wrong field is
left out with a message naming it, and the rest of the lesson opens (:func:`load_lesson`
returns the problems beside the lesson). Slides that name episodes no longer in the
library are kept in the lesson — they come back when the articles do — and
:func:`check_lesson` says which ones the deck will leave out. Only a file that cannot be
read or is not a lesson at all raises :class:`LessonError`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

from desktop.core.files.fileio import keep_broken, write_text_atomic
from desktop.core.files.schema import SchemaError, load

T = TypeVar("T")

SlideKind = Literal["title", "episode", "comparison", "motifs", "coverage"]
#: Kinds whose ``ref`` names one episode (and is required).
ONE_EPISODE = ("episode", "coverage")
SLIDE_KINDS: tuple[str, ...] = get_args(SlideKind)
FORMAT_VERSION = 1
SUFFIX = ".lesson"
UNTITLED = "Untitled lesson"


class LessonError(ValueError):
    """A file could not be opened as a lesson; the message names the file and why."""


@dataclass
class LessonSlide:
    """One slide of a lesson: what it shows (``kind`` and ``ref``) and the teacher's notes."""

    kind: str
    ref: str = ""
    notes: str = ""

    def refs(self) -> list[str]:
        """The ids a slide names: one for an episode, two to four for a comparison."""
        return [part.strip() for part in self.ref.replace(",", " ").split() if part.strip()]


@dataclass
class Lesson:
    title: str
    slides: list[LessonSlide] = field(default_factory=list)
    subtitle: str = ""

    def to_data(self) -> dict[str, Any]:
        """The lesson as plain data (what the file holds); empty fields are left out."""
        slides = []
        for slide in self.slides:
            entry: dict[str, Any] = {"kind": slide.kind}
            if slide.ref:
                entry["ref"] = slide.ref
            if slide.notes.strip():
                entry["notes"] = slide.notes.rstrip() + "\n"
            slides.append(entry)
        data: dict[str, Any] = {"version": FORMAT_VERSION, "title": self.title}
        if self.subtitle:
            data["subtitle"] = self.subtitle
        data["slides"] = slides
        return data


# --------------------------------------------------------------------------- reading


def _parse(text: str, name: str) -> Any:
    """JSON when the text is a JSON object, else YAML (which also reads most JSON)."""
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise LessonError(f"{name}: bad JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    from desktop.core.files.lexicons import DataFileError, parse_yaml

    try:
        return parse_yaml(text, name)
    except DataFileError as exc:
        raise LessonError(str(exc)) from None


#: A text field: numbers are read as text, null as empty; lists, mappings and booleans are not text.
Text = str | int | float | None


def _as_text(value: str | int | float | None) -> str:
    return "" if value is None else str(value)


#: Field metadata for a :data:`Text` field: the schema checks the shape, this makes it a ``str``.
_AS_TEXT = {"check": _as_text}


@dataclass(frozen=True)
class _LessonHead:
    """The lesson file's top level; ``slides`` are read one by one (see :class:`_SlideEntry`)."""

    slides: list[Any]
    version: Any = FORMAT_VERSION  # any value reads; another than 1 is said (see lesson_from_data)
    title: Text = field(default="", metadata=_AS_TEXT)
    subtitle: Text = field(default="", metadata=_AS_TEXT)


@dataclass(frozen=True)
class _SlideEntry:
    kind: SlideKind
    ref: Text = field(default="", metadata=_AS_TEXT)
    notes: Text = field(default="", metadata=_AS_TEXT)


@dataclass(frozen=True)
class _Rule:
    """What to say when a field does not fit its schema (``{value!r}`` is the value found), and
    whether the whole entry is then left out or only the field."""

    problem: str
    drops_entry: bool = False


_HEAD_RULES = {
    "title": _Rule(""),  # said below with the empty title: the lesson has none
    "subtitle": _Rule("'subtitle' must be text; left out"),
}
_SLIDE_RULES = {
    "kind": _Rule(f"kind {{value!r}} is not one of {', '.join(SLIDE_KINDS)}; left out", drops_entry=True),
    "ref": _Rule("'ref' must be an episode id; left out", drops_entry=True),
    "notes": _Rule("'notes' must be text (Markdown); the notes are left out"),
}


def _unknown_fields(entry: dict, cls: type) -> str:
    known = {f.name for f in fields(cls)}
    unknown = sorted(str(k) for k in entry if k not in known)
    return f"unknown field(s) ignored: {', '.join(unknown)}" if unknown else ""


def _load_forgiving(cls: type[T], entry: dict, rules: dict[str, _Rule]) -> tuple[T | None, list[str]]:
    """``entry`` (unknown fields aside) as ``cls``; a field that does not fit is left out, or with it
    the whole entry (None), as its rule says. Returns the problems in words."""
    values = {f.name: entry[f.name] for f in fields(cls) if f.name in entry}
    problems = []
    while True:
        try:
            return load(cls, values), problems
        except SchemaError as exc:
            name = exc.where
            rule = rules[name]
            message = rule.problem.format(value=values.get(name))
            if rule.drops_entry:
                return None, [message]
            if message:
                problems.append(message)
            del values[name]


def _slide(entry: Any, where: str) -> tuple[LessonSlide | None, list[str]]:
    """One slide entry, and what was wrong with it (``where`` heads each message)."""
    if not isinstance(entry, dict):
        return None, [f"{where} is not a mapping with a 'kind'; left out"]
    slide, problems = _load_forgiving(_SlideEntry, {"kind": None} | entry, _SLIDE_RULES)
    if slide is None:
        return None, [f"{where}: {problems[0]}"]
    if slide.kind in ONE_EPISODE and not slide.ref.strip():
        article = "an" if slide.kind == "episode" else "a"
        return None, [f"{where}: {article} {slide.kind} slide needs a 'ref' (a named-episode or episode id); left out"]
    unknown = _unknown_fields(entry, _SlideEntry)
    problems = [f"{where}: {problem}" for problem in [*problems, unknown] if problem]
    ref = slide.ref.strip() if slide.kind in (*ONE_EPISODE, "comparison") else ""
    return LessonSlide(slide.kind, ref, slide.notes), problems


def lesson_from_data(data: Any, name: str = "lesson", where: str = "") -> tuple[Lesson, list[str]]:
    """Validate parsed data; return the valid part and one message per problem (``name`` heads them).

    Raises :class:`LessonError` (naming ``where``, else ``name``) when the data is not a
    lesson at all: no ``slides`` list.
    """
    if not isinstance(data, dict) or not isinstance(data.get("slides"), list):
        raise LessonError(f"{where or name}: not a lesson file (it needs a 'title' and a list of 'slides')")
    problems: list[str] = []
    version = data.get("version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        problems.append(f"{name}: written for lesson format {version!r}; read as format {FORMAT_VERSION}")
    head, head_problems = _load_forgiving(_LessonHead, data, _HEAD_RULES)
    unknown = _unknown_fields(data, _LessonHead)
    if unknown:
        problems.append(f"{name}: {unknown}")
    title = head.title
    if not title.strip():
        problems.append(f"{name}: the lesson has no title; called it '{UNTITLED}'")
        title = UNTITLED
    problems += [f"{name}: {problem}" for problem in head_problems]
    slides = []
    for number, entry in enumerate(head.slides, 1):
        slide, said = _slide(entry, f"{name}: slide {number}")
        problems += said
        if slide is not None:
            slides.append(slide)
    if not slides:
        problems.append(f"{name}: no usable slide")
    return Lesson(title.strip(), slides, head.subtitle.strip()), problems


def load_lesson(path: str | os.PathLike[str]) -> tuple[Lesson, list[str]]:
    """Read a lesson file (YAML or JSON, by content); return it and its problems.

    Raises :class:`LessonError` naming the file and the reason when it cannot be read, is
    not text, is not valid YAML/JSON or is not a lesson.
    """
    path = Path(path)
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LessonError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        if b"\x00" in raw:
            raise UnicodeDecodeError("utf-8", raw, raw.index(b"\x00"), raw.index(b"\x00") + 1, "NUL byte")
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LessonError(f"{path}: not a text file (a lesson is YAML or JSON in UTF-8)") from None
    if not text.strip():
        raise LessonError(f"{path}: the file is empty")
    return lesson_from_data(_parse(text, str(path)), name, str(path))


# --------------------------------------------------------------------------- writing


def lesson_text(lesson: Lesson, fmt: str = "yaml") -> str:
    """The file text of a lesson: YAML with notes as literal blocks, or JSON."""
    data = lesson.to_data()
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str)
    head = "# An Overtures lesson: open it from Lesson > Open Lesson, present it with F5.\n"
    return head + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def save_lesson(lesson: Lesson, path: str | os.PathLike[str]) -> None:
    """Write the lesson atomically (JSON for a ``.json`` name, else YAML).

    Raises OSError naming the path and the reason; a failed write leaves no file behind. A file
    at ``path`` that does not read cleanly as a lesson (what was opened of it was only its valid
    part) is first set aside as ``NAME.broken-…``, so saving never overwrites what the app could
    not read.
    """
    path = Path(path)
    text = lesson_text(lesson, "json" if path.suffix.lower() == ".json" else "yaml")
    if path.is_file() and not _reads_cleanly(path):
        keep_broken(path)
    write_text_atomic(path, text)


def _reads_cleanly(path: Path) -> bool:
    try:
        return not load_lesson(path)[1]
    except LessonError:
        return False


def default_lesson_path() -> Path:
    from desktop.core.files import paths

    return paths.corpus_dir() / "lessons" / f"default{SUFFIX}"


def default_lesson() -> Lesson:
    """The lesson bundled with the corpus (``corpus/lessons/default.lesson``)."""
    lesson, _problems = load_lesson(default_lesson_path())
    return lesson


# --------------------------------------------------------------------------- checking


def slide_problems(lesson: Lesson, episode_set) -> list[tuple[int, str]]:
    """(index, message) for each slide the deck must leave out: episodes no longer there."""
    from desktop.core.compare.handout import default_ids

    problems = []
    curation = episode_set.curation
    for index, slide in enumerate(lesson.slides):
        refs = slide.refs()
        if slide.kind in ONE_EPISODE:
            refs = refs[:1]
        elif slide.kind != "comparison":
            continue
        where = f"slide {index + 1} ({slide.kind})"
        missing = []
        for ref in refs:
            rule = curation.rule(ref)
            if rule is not None and not episode_set.matches.get(ref):
                missing.append(f"'{rule.label}' ({ref}) matches no episode of the articles loaded")
            elif rule is None and episode_set.get(ref) is None:
                missing.append(f"no episode '{ref}' in the library (its article may have been removed)")
        if missing:
            problems.append((index, f"{where}: {'; '.join(missing)}; the slide is left out"))
            continue
        if slide.kind == "comparison":
            count = len(refs) if refs else len(default_ids(episode_set))
            if not 2 <= count <= 4:
                problems.append(
                    (index, f"{where}: a comparison needs two to four episodes, not {count}; the slide is left out")
                )
    return problems


def check_lesson(lesson: Lesson, episode_set) -> list[str]:
    """What the deck will leave out, in words: slides naming episodes the library lacks."""
    return [message for _index, message in slide_problems(lesson, episode_set)]


def lesson_label(slide: LessonSlide, episode_set=None) -> str:
    """A slide in words, for lists: "Episode: 2018 Mitchell visit", "Comparison", …"""
    if slide.kind == "title":
        return "Title slide"
    if slide.kind == "motifs":
        return "Recurring motifs"
    if slide.kind == "comparison":
        return f"Comparison: {slide.ref}" if slide.ref else "Comparison (default episodes)"
    label = slide.ref
    head = "Coverage" if slide.kind == "coverage" else "Episode"
    if episode_set is not None:
        rule = episode_set.curation.rule(slide.ref)
        episode = episode_set.get(slide.ref)
        label = rule.label if rule is not None else (f"{episode.first:%Y} · {episode.title}" if episode else label)
    return f"{head}: {label}"


__all__ = [
    "SLIDE_KINDS",
    "Lesson",
    "LessonError",
    "LessonSlide",
    "check_lesson",
    "default_lesson",
    "default_lesson_path",
    "lesson_from_data",
    "lesson_label",
    "load_lesson",
    "save_lesson",
    "slide_problems",
]
