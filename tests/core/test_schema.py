"""The one schema layer for data files: shapes from dataclasses, errors that name the entry."""

import re
from dataclasses import dataclass, field
from typing import Literal

import pytest

from desktop.core.files.lexicons import DataFileError
from desktop.core.files.schema import load, load_list


@dataclass(frozen=True)
class Tenure:
    role: str
    to: int | None = None


@dataclass(frozen=True)
class Actor:
    id: str
    kind: Literal["person", "state"] = "person"
    aliases: tuple[str, ...] = ()
    roles: tuple[Tenure, ...] = ()
    weight: float = field(
        default=1.0, metadata={"check": lambda v: v if v > 0 else (_ for _ in ()).throw(ValueError("must be positive"))}
    )


def test_valid_entries_become_dataclasses():
    actors = load_list(
        Actor, [{"id": "makei", "aliases": "Makey", "roles": [{"role": "fm", "to": 2022}]}], "actors.yaml", "actors"
    )
    assert actors == [Actor("makei", aliases=("Makey",), roles=(Tenure("fm", 2022),))]


def test_errors_name_file_entry_and_field():
    data = [{"id": "a"}, {"id": "makei", "roles": [{"role": "fm", "to": "soon"}]}]
    with pytest.raises(DataFileError) as err:
        load_list(Actor, data, "actors.yaml", "actors")
    assert str(err.value) == "actors.yaml: actors[1] (id 'makei'): roles[0].to: expected a whole number, got 'soon'"


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"kind": "person"}, "actors[0]: missing field 'id'"),
        ({"id": "x", "colour": 1}, "unknown field 'colour'"),
        ({"id": "x", "kind": "planet"}, "expected one of 'person', 'state'"),
        ({"id": "x", "weight": -1}, "weight: must be positive"),
        ({"id": "x", "weight": True}, "expected a number"),
        ("x", "expected a mapping"),
    ],
)
def test_each_problem_is_said_in_words(entry, problem):
    with pytest.raises(DataFileError, match=re.escape(problem)):
        load(list[Actor], [entry], "actors.yaml", "actors")


def test_the_messengers_file_is_checked_by_the_schema_layer():
    from desktop.core.episodes.messengers import _MessengersFile

    good = load(_MessengersFile, {"side": "belarus", "kinds": [{"id": "p", "label": "P", "roles": ["r"]}]})
    assert good.kinds[0].roles == ("r",)
    bad = {"side": "belarus", "kinds": [{"id": "x", "label": "X", "roles": [1]}]}
    with pytest.raises(DataFileError, match=r"^messengers\.yaml: kinds\[0\] \(id 'x'\): roles\[0\]: expected a text"):
        load(_MessengersFile, bad, "messengers.yaml")
    with pytest.raises(DataFileError, match="expected at least one kind"):
        load(_MessengersFile, {"side": "belarus", "kinds": []}, "messengers.yaml")
