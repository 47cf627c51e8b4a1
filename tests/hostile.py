"""A hostile corpus: broken, huge and malicious article files, as careless and hostile users bring.

The small files are committed under ``tests/data/hostile/`` (``python -m tests.hostile`` rewrites
them); the big or platform-dependent ones (50 MB files, a 2 MB line, 10,000 dates, symlink loops,
unreadable files, a folder named ``x.md``) are made at test time by :func:`write_generated`.
"""

from __future__ import annotations

import os
from pathlib import Path

HOSTILE_DIR = Path(__file__).resolve().parent / "data" / "hostile"

GOOD_HEAD = "---\nid: {id}\ntitle: {title}\npublished: 2020-03-01\n---\n"


def _md(ident: str, body: str = "Officials met in Minsk on Monday.", title: str = "A title") -> str:
    return GOOD_HEAD.format(id=ident, title=title) + body + "\n"


def _alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "---\nid: bomb\npublished: 2020-01-01\n" + "\n".join(lines) + "\ntitle: *i\n---\nBody.\n"


def _deep_yaml(depth: int) -> str:
    return "---\nid: deep\ntitle: Deep\npublished: 2020-01-01\nx: " + "[" * depth + "]" * depth + "\n---\nBody.\n"


#: name -> content (str is written as UTF-8, bytes as they are). Each must give a clear message or load.
SMALL: dict[str, str | bytes] = {
    "01-no-front-matter-end.md": "---\nid: open\ntitle: Never closed\npublished: 2020-01-01\nBody.\n",
    "02-malformed-yaml.md": "---\nid: [unclosed\ntitle: x\n---\nBody.\n",
    "03-object-tag.md": "---\nid: tag\ntitle: !!python/object/apply:os.system ['echo pwned']\n"
    "published: 2020-01-01\n---\nBody.\n",
    "04-python-name-tag.md": "---\nid: tag2\ntitle: !!python/name:os.system\npublished: 2020-01-01\n---\nB.\n",
    "05-alias-bomb.md": _alias_bomb(),
    "06-deep-yaml.md": _deep_yaml(5000),
    "07-deep-mapping.md": "---\nid: deepmap\ntitle: x\npublished: 2020-01-01\n"
    + "".join("  " * i + f"k{i}:\n" for i in range(300))
    + "---\nBody.\n",
    "08-binary.md": bytes(range(256)) * 8,
    "09-utf16.md": _md("utf16").encode("utf-16"),
    "10-invalid-utf8.md": _md("badutf").encode() + b"\xff\xfe\xc3\x28 broken\n",
    "11-nul-bytes.md": _md("nul", "Officials\x00 met\x00 in Minsk."),
    "12-missing-id.md": "---\ntitle: No id\npublished: 2020-01-01\n---\nBody.\n",
    "13-missing-title.md": "---\nid: notitle\npublished: 2020-01-01\n---\nBody.\n",
    "14-bad-date.md": "---\nid: baddate\ntitle: x\npublished: 2020-13-45\n---\nBody.\n",
    "15-date-as-list.md": "---\nid: datelist\ntitle: x\npublished: [2020, 1]\n---\nBody.\n",
    "16-id-dotdot.md": "---\nid: ../../etc/passwd\ntitle: x\npublished: 2020-01-01\n---\nBody.\n",
    "17-id-slash.md": "---\nid: a/b\ntitle: x\npublished: 2020-01-01\n---\nBody.\n",
    "18-duplicate-id-a.md": _md("twin"),
    "19-duplicate-id-b.md": _md("twin", "Another text."),
    "20-front-matter-list.md": "---\n- a\n- b\n---\nBody.\n",
    "21-front-matter-scalar.md": "---\njust a string\n---\nBody.\n",
    "22-empty.md": "",
    "23-only-dashes.md": "---\n---\n",
    "24-empty-body.md": GOOD_HEAD.format(id="nobody", title="Nothing"),
    "25-huge-title.md": GOOD_HEAD.format(id="longtitle", title="T" * 200_000) + "Body.\n",
    "26-title-dict.md": "---\nid: titledict\ntitle: {a: 1}\npublished: 2020-01-01\n---\nBody.\n",
    "27-remote-image.md": _md("img", '![x](http://127.0.0.1:9/pixel.png)\n\n<img src="http://127.0.0.1:9/a.png">'),
    "28-file-link.md": _md("filelink", "[passwd](file:///etc/passwd) and <a href='file:///etc/shadow'>x</a>"),
    "29-script.md": _md("script", "<script>alert(1)</script><p onclick='x()'>Minsk</p>"),
    "30-iframe.md": _md("iframe", '<iframe src="http://127.0.0.1:9/frame"></iframe> Officials met.'),
    "31-style-import.md": _md("style", "<style>@import url(http://127.0.0.1:9/s.css);</style>Text."),
    "32-object-embed.md": _md("embed", '<object data="http://127.0.0.1:9/o"></object><embed src="x.swf">'),
    "33-crlf.md": _md("crlf").replace("\n", "\r\n"),
    "34-bom.md": "\ufeff" + _md("bom"),
    "35-plain.txt": "Just a plain text file about talks in Minsk on 3 May 2021.\n",
    "36-binary.txt": b"\x89PNG\r\n\x1a\n" + bytes(200),
    "37-unicode-controls.md": _md("controls", "Minsk \u202e\u2066reversed\u2069 text \u200b\u200b."),
    "38-tabs-in-yaml.md": "---\nid: tabs\n\ttitle: x\npublished: 2020-01-01\n---\nBody.\n",
    "39-unknown-precision.md": "---\nid: prec\ntitle: x\npublished: 2020-01-01\npublished_precision: galactic\n---\nB.\n",
    "40-markdown-bomb.md": _md("mdbomb", "> " * 2000 + "quote\n\n" + "*" * 5000 + "\n\n" + "[" * 3000),
    "41-html-entities.md": _md("entities", "&#0; &#x110000; &#99999999999; &amp;&lt;&gt;" * 50),
    "42-yaml-merge-bomb.md": "---\nid: merge\ntitle: x\npublished: 2020-01-01\n"
    + "base: &b {a: 1}\n"
    + "".join(f"m{i}: {{<<: *b, k: {i}}}\n" for i in range(200))
    + "---\nBody.\n",
}


def write_small(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in SMALL.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
        written.append(path)
    return written


def write_generated(folder: Path) -> list[Path]:
    """The big and platform-dependent hostile files, made in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []

    def put(name: str, data: bytes) -> None:
        path = folder / name
        path.write_bytes(data)
        made.append(path)

    put("g1-50mb.md", GOOD_HEAD.format(id="big", title="Big").encode() + b"word " * (10 * 1024 * 1024))
    put("g2-50mb.txt", b"a" * (50 * 1024 * 1024))
    put("g3-2mb-line.md", GOOD_HEAD.format(id="line", title="Line").encode() + b"x" * (2 * 1024 * 1024 - 200))
    dates = " ".join(f"On {d % 28 + 1} May {1990 + d % 30} talks were held." for d in range(10_000))
    put("g4-10000-dates.md", _md("dates", dates[:1_900_000]).encode())
    folder_md = folder / "g5-folder.md"
    folder_md.mkdir()
    made.append(folder_md)
    loop = folder / "g6-loop.md"
    try:
        os.symlink(loop, loop)
        made.append(loop)
        os.symlink(folder, folder / "g7-self-dir")
        made.append(folder / "g7-self-dir")
    except OSError:
        pass
    unreadable = folder / "g8-unreadable.md"
    unreadable.write_text(_md("unreadable"))
    unreadable.chmod(0)
    made.append(unreadable)
    dangling = folder / "g9-dangling.md"
    try:
        os.symlink(folder / "nowhere.md", dangling)
        made.append(dangling)
    except OSError:
        pass
    return made


def write_dated_meetings(folder: Path) -> Path:
    """10,000 dated meetings of two actors in one paragraph: 10,000 events and episodes (a harder
    kind of the 10,000 dates, kept out of the corpus while the episodes views build their rows on
    the UI thread; see tests/bench/bench_hostile_window.py --actors)."""
    pairs = [("Makei", "Rau"), ("Lukashenko", "Putin"), ("Aleinik", "Borrell")]
    text = " ".join(
        f"On {d % 28 + 1} May {1990 + d % 30} {pairs[d % 3][0]} met {pairs[d % 3][1]} in Minsk." for d in range(10_000)
    )
    path = folder / "g10-10000-meetings.md"
    path.write_bytes(_md("meetings", text).encode())
    return path


if __name__ == "__main__":
    for old in HOSTILE_DIR.glob("*"):
        old.unlink()
    print(len(write_small(HOSTILE_DIR)), "files written to", HOSTILE_DIR)
