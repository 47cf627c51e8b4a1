"""Check (and number) the hand-written gold of the dev set. Independent of desktop/.

    python -m tests.devset.check_gold            # check every gold file
    python -m tests.devset.check_gold --fill-n   # write the `n` of each mention (reading order)

The gold lists mentions in reading order. `--fill-n` finds each `text` in the article body after
the previous mention of the same list and writes which occurrence of that exact string it is;
the annotator's choices (which strings are mentions, their identities, values, events) are not
touched. The check also lists capitalised words that no person mention covers, as a reminder
for the annotator to look again (most are places and organisations).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parents[1]
ARTICLES = ROOT / "articles"
GOLD = ROOT / "gold"

EVENT_TYPES = set(yaml.safe_load((REPO / "corpus/lexicons/events.yaml").read_text())["types"])
ACTOR_IDS = {a["id"] for a in yaml.safe_load((REPO / "corpus/actors.yaml").read_text())["actors"]}
DATE_TYPES = {"DATE", "TIME", "DURATION", "SET"}


def body_of(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    parts = text.split("\n---\n", 1)
    assert text.startswith("---\n") and len(parts) == 2, path
    return parts[1].lstrip("\n")


def occurrences(body: str, s: str) -> list[int]:
    out, i = [], body.find(s)
    while i >= 0:
        out.append(i)
        i = body.find(s, i + 1)
    return out


def locate(body: str, text: str, n: int) -> int:
    occ = occurrences(body, text)
    if n < 1 or n > len(occ):
        raise ValueError(f"{text!r} occurrence {n} not in body ({len(occ)} found)")
    return occ[n - 1]


def scalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(scalar(x) for x in v) + "]"
    return json.dumps(str(v), ensure_ascii=False)


def row(d: dict) -> str:
    return "  - {" + ", ".join(f"{k}: {scalar(v)}" for k, v in d.items()) + "}"


def fill_lines(raw: str, body: str) -> str:
    """Rewrite the `n` of each person/date row in place, keeping every other line (comments)."""
    out, section, cursor = [], None, 0
    for line in raw.split("\n"):
        if re.match(r"^[a-z]+:", line):
            section, cursor = line.split(":")[0], 0
        if section in ("persons", "dates") and line.startswith("  - {"):
            item = yaml.safe_load(line[4:])
            pos = body.find(item["text"], cursor)
            if pos < 0:
                raise ValueError(f"{section}: {item['text']!r} not found after offset {cursor}")
            cursor = pos + len(item["text"])
            item.pop("n", None)
            item = {
                "text": item["text"],
                "n": occurrences(body, item["text"]).index(pos) + 1,
                **{k: v for k, v in item.items() if k != "text"},
            }
            line = row(item)
        out.append(line)
    return "\n".join(out)


def check(path: Path, fill: bool) -> list[str]:
    problems: list[str] = []
    raw = path.read_text(encoding="utf-8")
    gold = yaml.safe_load(raw)
    art = ARTICLES / f"{gold['article']}.md"
    body = body_of(art)
    if fill:
        raw = fill_lines(raw, body)
        gold = yaml.safe_load(raw)
    spans = []
    for p in gold.get("persons") or []:
        try:
            s = locate(body, p["text"], p["n"])
            spans.append((s, s + len(p["text"])))
        except ValueError as e:
            problems.append(f"person {e}")
        ident = p["identity"]
        if not ident.startswith("new:") and ident not in ACTOR_IDS:
            problems.append(f"unknown actor id {ident}")
    for d in gold.get("dates") or []:
        try:
            locate(body, d["text"], d["n"])
        except ValueError as e:
            problems.append(f"date {e}")
        if d.get("type") not in DATE_TYPES:
            problems.append(f"date type {d.get('type')}")
    for ev in gold.get("events") or []:
        if ev["type"] not in EVENT_TYPES:
            problems.append(f"event type {ev['type']}")
        if ev["sentence"] not in body:
            problems.append(f"event sentence not in body: {ev['sentence']!r}")
        for a in ev["actors"]:
            if not a.startswith("new:") and a not in ACTOR_IDS:
                problems.append(f"unknown event actor {a}")
    if fill and not problems:
        path.write_text(raw, encoding="utf-8")
    # reminder: capitalised words outside person spans
    covered = lambda i: any(a <= i < b for a, b in spans)  # noqa: E731
    loose = sorted({m.group() for m in re.finditer(r"\b[A-Z][\w'’.-]+", body) if not covered(m.start())})
    return problems, loose


def main(argv: list[str]) -> int:
    fill = "--fill-n" in argv
    verbose = "-v" in argv
    names = [a for a in argv if not a.startswith("-")]
    bad = 0
    new_names: dict[str, set[str]] = {}
    for path in sorted(GOLD.glob("*.yaml")):
        if names and path.stem not in names:
            continue
        problems, loose = check(path, fill)
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        for p in gold.get("persons") or []:
            if p["identity"].startswith("new:"):
                new_names.setdefault(p["identity"], set()).add(path.stem)
        for pr in problems:
            print(f"{path.stem}: {pr}")
        bad += len(problems)
        if verbose:
            print(f"{path.stem}: not in a person mention: {' '.join(loose)}")
    if verbose:
        for k in sorted(new_names):
            print(k, sorted(new_names[k]))
    print("problems:", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
