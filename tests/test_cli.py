"""The command line as a user runs it: a real subprocess, no display."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT, env_extra: dict | None = None, timeout: int = 120):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DISPLAY", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_help_explains_every_subcommand():
    out = run("--help")
    assert out.returncode == 0
    from desktop.__main__ import SUBCOMMANDS

    for name in SUBCOMMANDS:
        assert name in out.stdout
        sub = run(name, "--help")
        assert sub.returncode == 0 and "usage:" in sub.stdout


def test_startup_probe_prints_ready_ms_and_exits_0(tmp_path):
    out = run("--basedir", str(tmp_path), "--startup-probe")
    assert out.returncode == 0, out.stderr
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    assert len(line) == 1
    ready = json.loads(line[0])["ready_ms"]
    assert isinstance(ready, int) and ready > 0
    # the probe finished the session like a user: the layout was saved
    settings = json.loads((tmp_path / "config" / "settings.json").read_text(encoding="utf-8"))
    assert settings["open_panes"] == ["reliable-partner-2018", "security-arbitrage-2022"]


def test_unknown_subcommand_is_a_clear_error():
    out = run("frobnicate")
    assert out.returncode == 2
    assert "invalid choice: 'frobnicate'" in out.stderr


def test_analyze_json_contract():
    out = run("analyze", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"articles", "episodes"}
    article = data["articles"][0]
    assert set(article) == {"id", "title", "published", "published_inferred", "text", "actors", "dates"}
    for a in data["articles"]:
        for m in a["actors"]:
            assert set(m) == {"start", "end", "text", "actor", "name", "kind", "side", "via"}
            assert a["text"][m["start"] : m["end"]] == m["text"]
        for d in a["dates"]:
            assert set(d) == {"start", "end", "text", "value", "type", "anchor"}
            assert a["text"][d["start"] : d["end"]] == d["text"]
    named = {e["named"] for e in data["episodes"]}
    assert {"mitchell-visit-2018", "makei-letter-2022", "ryzhankou-push-2024"} <= named


def test_analyze_a_folder_with_a_new_article(tmp_path):
    (tmp_path / "note.txt").write_text(
        "Vilnius talks\nOn 3 March 2021, Gabrielius Landsbergis met Sviatlana Tsikhanouskaya in Vilnius.\n",
        encoding="utf-8",
    )
    out = run("analyze", "--json", str(tmp_path))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["articles"][0]["published"] == "2021-03-03" and data["articles"][0]["published_inferred"] is True
    assert any({"landsbergis", "tsikhanouskaya"} <= set(e["actors"]) for e in data["episodes"])


def test_export_writes_a_pdf_with_no_display(tmp_path):
    target = tmp_path / "handout.pdf"
    out = run("export", "-o", str(target), "--paper", "a4", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "pages" in out.stdout
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(target)).pages).split())
    for words in (
        "Minsk's messenger(s)",
        "What Minsk asked for",
        "Mitchell",
        "Makei",
        "Ryzhankou",
        "Sources",
    ):
        assert words in text


def test_export_unknown_episode_lists_valid_ids_and_writes_nothing(tmp_path):
    target = tmp_path / "x.pdf"
    out = run("export", "-o", str(target), "--episodes", "mitchell-visit-2018", "no-such-episode")
    assert out.returncode == 2
    assert "unknown episode id: no-such-episode" in out.stderr
    assert "mitchell-visit-2018" in out.stderr and "valid ids" in out.stderr
    assert not target.exists()


def test_export_to_an_unwritable_place_says_why(tmp_path):
    target = tmp_path / "missing" / "x.pdf"
    out = run("export", "-o", str(target))
    assert out.returncode == 1
    assert "does not exist" in out.stderr
    assert not (tmp_path / "missing").exists()


def test_analyze_in_the_terminal_marks_sides_without_colour():
    out = run("analyze", "--color", "never")
    assert out.returncode == 0, out.stderr
    assert "Alexander Lukashenka[BY]" in out.stdout
    assert "April 12th[2022-04-12]" in out.stdout
    assert "Episodes (" in out.stdout and "[2018 Mitchell visit]" in out.stdout


# --------------------------------------------------------------------------- the CLI as a user meets it

import re  # noqa: E402
import textwrap  # noqa: E402
from types import SimpleNamespace  # noqa: E402

import pytest  # noqa: E402

from desktop import __main__ as entry  # noqa: E402
from desktop import cli  # noqa: E402
from desktop.core.annotate import terminal  # noqa: E402
from desktop.core.annotate.analysis import Analyzer  # noqa: E402

_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def _popen(*args: str) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DISPLAY", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize("options", [(), ("--json",), ("--color", "always")])
def test_analyze_piped_to_head_ends_quietly(options):
    process = _popen("analyze", *options)
    assert process.stdout is not None and process.stderr is not None
    head = process.stdout.read(300)  # what `head -c 300` reads, then it goes away
    process.stdout.close()
    err = process.stderr.read().decode()
    process.stderr.close()
    code = process.wait(timeout=120)
    assert head
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    # 141 as a command killed by SIGPIPE (`set -o pipefail` sees it, nothing is printed); 0 when the
    # whole output fitted into the pipe's buffer before the reader went away (a race on a slow machine)
    assert code in (141, 0)


def test_a_closed_pipe_in_process_returns_141(monkeypatch):
    def closed(_args):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(entry, "_run", closed)
    assert entry.main(["analyze"]) == 141


def _foregrounds_without_background(output: str) -> list[str]:
    """SGR codes that set a foreground colour on the terminal's own background."""
    bad = []
    for codes in _SGR.findall(output):
        parts = codes.split(";")
        fg = any(p == "38" or (p.isdigit() and (30 <= int(p) <= 37 or 90 <= int(p) <= 97)) for p in parts)
        bg = "48" in parts or any(p.isdigit() and (40 <= int(p) <= 47 or 100 <= int(p) <= 107) for p in parts)
        if fg and not bg:
            bad.append(codes)
    return bad


@pytest.mark.parametrize("colorterm", ["", "truecolor"])
def test_color_always_leaves_text_in_the_terminals_foreground(colorterm):
    out = run("analyze", "--color", "always", env_extra={"COLORTERM": colorterm})
    assert out.returncode == 0, out.stderr
    assert "\x1b[" in out.stdout  # coloured at all
    assert any("48" in codes.split(";") for codes in _SGR.findall(out.stdout))  # the side chips
    assert _foregrounds_without_background(out.stdout) == []
    assert "29;29;31" not in out.stdout  # the light theme's near-black text (#1D1D1F)


def test_color_always_in_process(capsys):
    assert entry.main(["analyze", "--color", "always"]) == 0
    output = capsys.readouterr().out
    assert _foregrounds_without_background(output) == []
    assert not terminal.TerminalStyle.styles.get(terminal.Token.Text)


def test_terminal_shows_words_not_raw_timex_codes():
    out = run("analyze", "--color", "never")
    assert out.returncode == 0, out.stderr
    for code in ("[P3W]", "[PXY]", "[PRESENT_REF]", "[PAST_REF]", "[FUTURE_REF]", "[P1D]"):
        assert code not in out.stdout
    assert "[the present]" in out.stdout and "[3 weeks]" in out.stdout
    assert "April 12th[2022-04-12]" in out.stdout  # calendar dates keep their ISO value


def test_date_tags_are_the_windows_words():
    from desktop.core.annotate.timex import describe_value
    from desktop.core.text.articles import load_default_corpus

    analyzer = Analyzer()
    for article in load_default_corpus():
        analysis = analyzer.analyze(article)
        words = analyzer.annotated(analysis).date_words  # what the window's tooltips say
        for d in analysis.dates:
            tag = terminal.date_tag(d, words)
            if re.fullmatch(r"\d{4}(-\d\d){0,2}", d.value):
                assert tag == d.value
            else:
                assert tag == describe_value(d.value) == words[d.value]


def _episode(date: str, title: str, id_: str, named: str = "") -> SimpleNamespace:
    person = SimpleNamespace(short="Makei", kind="person")
    return SimpleNamespace(
        date_words=lambda: date,
        title=title,
        named_label=named,
        participants=[person],
        type_label="Visit",
        articles=["a"],
        id=id_,
    )


def test_episode_table_keeps_columns_apart_and_ids_whole():
    import io

    long_date = "the week of 29 October – 4 November 2018 and some more words"
    long_id = "2018-10-29-" + "x" * 120
    episodes = [
        _episode("May 2020", "Short", "2020-05-01-short"),
        _episode(long_date, "Mitchell visits Minsk", long_id, named="2018 Mitchell visit"),
    ]
    out = io.StringIO()
    terminal.print_episodes(SimpleNamespace(episodes=episodes, unmatched=lambda: []), out=out)
    lines = out.getvalue().splitlines()
    titles = [ln for ln in lines if "Short" in ln or "Mitchell visits" in ln]
    columns = {ln.index("Short") if "Short" in ln else ln.index("Mitchell visits") for ln in titles}
    assert len(columns) == 1  # every title starts in the same column
    assert f"{long_date}  Mitchell visits Minsk" in out.getvalue()  # at least two spaces, never run together
    assert any(ln.strip() == f"id {long_id}" for ln in lines)  # the id whole, on a line of its own


def test_episode_table_of_the_corpus_in_columns():
    out = run("analyze", "--color", "never")
    data = json.loads(run("analyze", "--json").stdout)
    table = out.stdout[out.stdout.index("Episodes (") :]
    for e in data["episodes"]:
        assert f"id {e['id']}\n" in table
    rows = [ln for ln in table.splitlines()[2:] if ln.startswith("  ") and not ln.startswith("   ")]
    starts = {len(ln) - len(ln[2:].split("  ", 1)[1].lstrip()) for ln in rows if not ln.startswith("  (")}
    assert len(starts) == 1


def test_page_stamp_is_not_printed_as_body_text():
    out = run("analyze", "--color", "never")
    assert out.returncode == 0, out.stderr
    article = out.stdout.split("\n\n  ")[0]
    header, _, body = article.partition("\n\n")
    assert "page stamp: Updated at 13:33,29-11-2021 (13:33 on Monday, 29 November 2021)" in header
    assert "Updated at" not in body
    assert body.startswith("On February 21st")


def test_any_articles_page_stamp_goes_under_the_header(tmp_path, capsys):
    (tmp_path / "note.txt").write_text(
        "Talks in Vilnius\nPublished on: 10:00, 20-02-2021\n\n"
        "On 3 March 2021, Gabrielius Landsbergis met Sviatlana Tsikhanouskaya in Vilnius.\n",
        encoding="utf-8",
    )
    assert entry.main(["analyze", "--color", "never", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    header, _, body = printed.partition("\n\n")
    assert "page stamp: Published on: 10:00, 20-02-2021" in header
    assert "Published on" not in body and body.startswith("On 3 March 2021")


def test_help_lists_each_subcommand_once_and_hides_the_probe():
    out = run("--help")
    assert out.returncode == 0
    assert "--startup-probe" not in out.stdout
    for name in entry.SUBCOMMANDS:
        assert len(re.findall(rf"^\s+{name}\s", out.stdout, re.M)) == 1, out.stdout


def test_help_in_process(capsys):
    with pytest.raises(SystemExit) as exit_:
        entry.main(["--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert "--startup-probe" not in text
    assert all(len(re.findall(rf"^\s+{name}\s", text, re.M)) == 1 for name in entry.SUBCOMMANDS)
    assert entry.build_parser().parse_args(["--startup-probe"]).startup_probe  # still accepted


def test_export_to_a_folder_says_so(tmp_path):
    folder = tmp_path / "handout.pdf"
    folder.mkdir()
    out = run("export", "-o", str(folder))
    assert out.returncode == 1
    assert f"{folder} is a folder" in out.stderr
    assert ".part" not in out.stderr
    assert _left_in(tmp_path) == ["handout.pdf"] and not any(folder.iterdir())


def test_export_to_a_folder_in_process(tmp_path, capsys):
    assert entry.main(["export", "-o", str(tmp_path)]) == 1
    assert f"{tmp_path} is a folder" in capsys.readouterr().err
    assert _left_in(tmp_path) == []


def _left_in(folder):
    """What a command left in ``folder``, but the test's own user folders (fresh_user_dirs)."""
    return sorted(p.name for p in folder.iterdir() if p.name != "overtures-home")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_export_to_an_unwritable_folder_says_so(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        out = run("export", "-o", str(locked / "x.pdf"))
    finally:
        locked.chmod(0o700)
    assert out.returncode == 1
    assert f"cannot write {locked / 'x.pdf'}: permission denied" in out.stderr
    assert list(locked.iterdir()) == []


def test_export_unwritable_in_process(tmp_path, monkeypatch, capsys):
    real_access = os.access
    monkeypatch.setattr(cli.os, "access", lambda p, mode: False if Path(p) == tmp_path else real_access(p, mode))
    assert entry.main(["export", "-o", str(tmp_path / "x.pdf")]) == 1
    assert f"cannot write {tmp_path / 'x.pdf'}: permission denied" in capsys.readouterr().err
    assert _left_in(tmp_path) == []


def test_write_errors_name_the_users_path(tmp_path):
    target = tmp_path / "x.pdf"
    tmp_name = str(tmp_path / ".x.pdf.abc.part")
    assert cli._write_error(target, IsADirectoryError(21, "Is a directory", tmp_name)) == (
        f"{target} is a folder; give a file name ending in .pdf"
    )
    assert cli._write_error(target, PermissionError(13, "Permission denied", tmp_name)) == (
        f"cannot write {target}: permission denied"
    )
    assert ".part" not in cli._write_error(target, OSError(28, "No space left on device", tmp_name))


def _three_articles(folder: Path) -> None:
    for name, person in (
        ("a-first", "Vladimir Makei"),
        ("b-broken", "Sviatlana Tsikhanouskaya"),
        ("c-last", "Mike Pompeo"),
    ):
        (folder / f"{name}.txt").write_text(f"{name}\nOn 3 March 2021, {person} spoke in Minsk.\n", encoding="utf-8")


def test_one_failing_article_never_takes_the_others(tmp_path, monkeypatch, capsys):
    _three_articles(tmp_path)
    real = Analyzer.analyze

    def analyze(self, article=None, *args, **kwargs):
        if getattr(article, "id", "") == "b-broken":
            raise KeyError("minute")
        return real(self, article, *args, **kwargs)

    monkeypatch.setattr(Analyzer, "analyze", analyze)
    assert entry.main(["analyze", "--json", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert [a["id"] for a in data["articles"]] == ["a-first", "c-last"]
    assert "b-broken.txt: the analysis failed (KeyError: 'minute')" in captured.err
    assert "1 of 3 article(s) could not be analysed" in captured.err


def test_one_failing_article_in_a_subprocess(tmp_path):
    _three_articles(tmp_path)
    script = textwrap.dedent(
        f"""
        import sys
        from desktop.core.annotate.analysis import Analyzer
        real = Analyzer.analyze
        def analyze(self, article=None, *args, **kwargs):
            if getattr(article, "id", "") == "b-broken":
                raise RuntimeError("tagger bug")
            return real(self, article, *args, **kwargs)
        Analyzer.analyze = analyze
        from desktop.__main__ import main
        sys.exit(main(["analyze", "--color", "never", {str(tmp_path)!r}]))
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert "b-broken.txt: the analysis failed (RuntimeError: tagger bug)" in out.stderr
    assert "Traceback" not in out.stderr
    assert "Vladimir Makei" in out.stdout and "Mike Pompeo" in out.stdout
    assert "Tsikhanouskaya" not in out.stdout
