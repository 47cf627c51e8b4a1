"""The sides are data: corpus/sides.yaml, plus the user's own sides, coloured by the palette."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from desktop.core.annotate import palette
from desktop.core.annotate.gazetteer import load_gazetteer
from desktop.core.annotate.gazetteer_records import GazetteerError
from desktop.core.annotate.sides import bundled_sides, bundled_sides_file, load_sides, use_sides
from desktop.core.annotate.user_actors import add_user_actor

NO_USER_FILE = Path("/nonexistent/overtures/actors.yaml")


@pytest.fixture(autouse=True)
def _bundled_sides_after():
    yield
    use_sides(bundled_sides())  # a test that loads user sides must not colour the next one


def test_the_sides_come_from_the_sides_file():
    raw = yaml.safe_load(bundled_sides_file().read_text(encoding="utf-8"))["sides"]
    gazetteer = load_gazetteer(user_path=NO_USER_FILE, cache=False)
    assert [s.id for s in gazetteer.sides.values()] == [entry["id"] for entry in raw]
    for entry in raw:
        side = gazetteer.side(entry["id"])
        assert (side.label, side.code, side.colour) == (entry["label"], entry["code"], entry["colour"])
        assert palette.colour(entry["id"], "light").lower() == entry["colour"].lower()
        assert palette.colour(entry["id"], "dark").lower() == entry["dark"].lower()


def test_a_changed_sides_file_changes_the_sides(tmp_path):
    text = bundled_sides_file().read_text(encoding="utf-8").replace('label: "Russia"', 'label: "Russian Federation"')
    path = tmp_path / "sides.yaml"
    path.write_text(text, encoding="utf-8")
    gazetteer = load_gazetteer(user_path=NO_USER_FILE, cache=False, sides_path=path)
    assert gazetteer.side("russia").label == "Russian Federation"


def _user_file(tmp_path: Path, sides: str) -> Path:
    path = tmp_path / "my-actors.yaml"
    body = textwrap.dedent(
        """\
        sides:
        {sides}
        actors:
          - {{name: Jane Roe, side: greens}}
        """
    ).format(sides=textwrap.indent(textwrap.dedent(sides), "  "))
    path.write_text(body, encoding="utf-8")
    return path


def test_a_user_side_appears_with_its_colour(tmp_path):
    user = _user_file(tmp_path, "- {id: greens, label: The Greens, code: GR, colour: '#117733'}\n")
    gazetteer = load_gazetteer(user_path=user, cache=False)
    assert list(gazetteer.sides)[-1] == "greens"
    assert gazetteer.actor("jane-roe").side == "greens"
    assert gazetteer.side("greens").code == "GR"
    assert palette.colour("greens", "light") == "#117733"
    assert palette.colour("greens", "dark") == "#0f692d"  # no dark colour given: 12 % darker
    assert ".actor-greens {" in palette.css("light")
    assert palette.side_token("greens") is not palette.side_token("other")


def test_a_user_side_without_a_colour_is_refused(tmp_path):
    user = _user_file(tmp_path, "- {id: greens, label: The Greens, code: GR}\n")
    gazetteer = load_gazetteer(user_path=user, cache=False)
    assert "greens" not in gazetteer.sides
    assert any(
        re.match(r"^my-actors\.yaml: sides\[0\] \(id 'greens'\): missing field 'colour'", p) for p in gazetteer.problems
    )


def test_adding_an_actor_keeps_the_user_sides(tmp_path):
    user = _user_file(tmp_path, "- {id: greens, label: The Greens, code: GR, colour: '#117733'}\n")
    add_user_actor("John Doe", side="greens", path=user)
    gazetteer = load_gazetteer(user_path=user, cache=False)
    assert gazetteer.actor("john-doe").side == "greens"
    assert "greens" in gazetteer.sides
    with pytest.raises(GazetteerError, match="side 'blues' is not one of"):
        add_user_actor("Joan Doe", side="blues", path=user)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('colour: "#EEDD88"', 'colour: "#EEDD8"', r"sides\[4\] \(id 'eu'\): colour: '#EEDD8' is not a colour"),
        ('colour: "#EEDD88"', "colour: 12", r"sides\[4\] \(id 'eu'\): colour: expected a text, got 12"),
        ('dark: "#d1c278"', 'dark: "yellow"', r"sides\[4\] \(id 'eu'\): dark: 'yellow' is not a colour"),
        ("code: EU, ", "", r"sides\[4\] \(id 'eu'\): missing field 'code'"),
        ("code: EU, ", "code: EU, shade: 3, ", r"sides\[4\] \(id 'eu'\): unknown field 'shade'"),
        ("{id: eu,", "{id: EU,", r"sides\[4\] \(id 'EU'\): id: expected a slug"),
        ("{id: eu,", "{id: russia,", r"sides\[4\] \(id 'russia'\): id: 'russia' is defined twice"),
        ("{id: other,", "{id: others,", r"sides: missing the side 'other'"),
    ],
)
def test_a_malformed_sides_entry_gives_a_clear_error(tmp_path, old, new, expected):
    text = bundled_sides_file().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "sides.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"^sides\.yaml: " + expected):
        load_sides(path)
