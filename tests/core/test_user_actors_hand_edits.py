"""'Add person' over an actors file edited by hand keeps a copy of it first (issue 15)."""

from __future__ import annotations

from desktop.core.annotate.user_actors import add_user_actor, read_user_data

HAND_MADE = """# my own actors, with notes I want to keep
actors:
  - name: Anna Kowalska   # met her in Vilnius
  - id: broken
    kind: spaceship
"""


def test_a_hand_edited_file_is_copied_before_the_first_rewrite(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text(HAND_MADE, encoding="utf-8")

    add_user_actor("Jan Nowak", path=path)

    copies = list(tmp_path.glob("actors.yaml.broken-*"))
    assert len(copies) == 1
    assert copies[0].read_text(encoding="utf-8") == HAND_MADE
    _sides, entries = read_user_data(path)
    names = [e.get("name") for e in entries]
    assert names[0] == "Anna Kowalska" and names[-1] == "Jan Nowak"
    assert {"id": "broken", "kind": "spaceship"} in entries  # kept as data, for the user to fix


def test_a_file_the_app_wrote_is_rewritten_without_a_copy(tmp_path):
    path = tmp_path / "actors.yaml"
    add_user_actor("Jan Nowak", path=path)
    add_user_actor("Anna Kowalska", path=path)

    assert not list(tmp_path.glob("actors.yaml.broken-*"))
    assert [e["name"] for e in read_user_data(path)[1]] == ["Jan Nowak", "Anna Kowalska"]
