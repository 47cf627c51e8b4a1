"""Broad excepts are few, and none is silent (issue 15).

A handler of ``Exception``, ``BaseException`` or everything (a bare ``except:``) must either
re-raise (clean-up, then ``raise``) or log the traceback (``….exception(...)``, or a logging call
with ``exc_info``) to the rotated log in the cache folder, and report the failure. A
``contextlib.suppress`` of such a class is refused: ``logs.suppressed_and_logged`` is the one
that leaves a trace. Everything else names the exceptions that can really occur.
"""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desktop"
BROAD = {"Exception", "BaseException"}


def _names(node: ast.expr | None) -> set[str]:
    if node is None:
        return {"<bare>"}
    if isinstance(node, ast.Tuple):
        return set().union(*(_names(e) for e in node.elts))
    if isinstance(node, ast.Name):
        return {node.id}
    if isinstance(node, ast.Attribute):
        return {node.attr}
    return set()


def _is_broad(node: ast.expr | None) -> bool:
    return bool(_names(node) & (BROAD | {"<bare>"}))


def _logs_traceback(call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "exception":
        return True
    return any(k.arg == "exc_info" for k in call.keywords)


def _handled(handler: ast.ExceptHandler) -> bool:
    """Re-raised, or its traceback logged."""
    for node in ast.walk(ast.Module(body=handler.body, type_ignores=[])):
        if isinstance(node, ast.Raise):
            return True
        if isinstance(node, ast.Call) and _logs_traceback(node):
            return True
    return False


def _is_suppress(call: ast.Call) -> bool:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name == "suppress" and any(_is_broad(arg) for arg in call.args)


def silent_broad_catches(source: str, where: str = "<source>") -> list[str]:
    """``where:line`` of every broad handler that neither re-raises nor logs, and every broad suppress."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ExceptHandler) and _is_broad(node.type) and not _handled(node):
            found.append(f"{where}:{node.lineno}: broad except neither re-raised nor logged")
        elif isinstance(node, ast.Call) and _is_suppress(node):
            found.append(f"{where}:{node.lineno}: contextlib.suppress of a broad class (use suppressed_and_logged)")
    return found


def broad_catches(source: str) -> int:
    return sum(
        1 for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ExceptHandler) and _is_broad(node.type)
    )


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_broad_except_is_silent():
    found = []
    for path in _modules():
        found += silent_broad_catches(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert found == []


def test_broad_excepts_stay_few():
    """The worker boundaries (one article, one task, one export) and clean-up that re-raises.

    Ten: the eight of issue 15's audit, and the two per-article boundaries of the cached library
    path (``library/cached.py`` in this process, ``library/pool.py`` in worker processes)."""
    total = sum(broad_catches(path.read_text(encoding="utf-8")) for path in _modules())
    assert total <= 10, total


@pytest.mark.parametrize(
    "source",
    [
        "try:\n    f()\nexcept Exception:\n    return_value = []\n",
        "try:\n    f()\nexcept:\n    pass\n",
        "try:\n    f()\nexcept (ValueError, BaseException) as exc:\n    print(exc)\n",
        "import contextlib\nwith contextlib.suppress(Exception):\n    f()\n",
        "from contextlib import suppress\nwith suppress(ValueError, BaseException):\n    f()\n",
        "try:\n    f()\nexcept Exception:\n    log().warning('failed')\n",  # no traceback
    ],
    ids=["exception-swallowed", "bare", "in-a-tuple", "suppress", "suppress-imported", "logged-without-traceback"],
)
def test_the_check_catches_a_new_silent_broad_except(source):
    assert len(silent_broad_catches(source)) == 1


@pytest.mark.parametrize(
    "source",
    [
        "try:\n    f()\nexcept Exception:\n    log().exception('failed')\n    report()\n",
        "try:\n    f()\nexcept BaseException:\n    cleanup()\n    raise\n",
        "try:\n    f()\nexcept Exception as exc:\n    log().error('failed', exc_info=exc)\n",
        "try:\n    f()\nexcept (OSError, ValueError):\n    pass\n",
        "import contextlib\nwith contextlib.suppress(OSError):\n    f()\n",
    ],
    ids=["logged", "re-raised", "exc-info", "narrow", "narrow-suppress"],
)
def test_the_check_lets_logged_reraised_and_narrow_ones_pass(source):
    assert silent_broad_catches(source) == []


def test_the_log_is_a_rotated_file_in_the_cache_folder(tmp_path):
    from desktop.core.files import logs, paths

    paths.set_base_dir(tmp_path)
    try:
        target = logs.start_logging()
        assert target == paths.cache_dir() / "overtures.log"
        handler = next(h for h in logs.log().handlers if getattr(h, "baseFilename", None) == str(target))
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        assert handler.maxBytes > 0 and handler.backupCount >= 1
        with logs.suppressed_and_logged("a test's clean-up"):
            raise RuntimeError("second failure")
        handler.flush()
        text = target.read_text(encoding="utf-8")
        assert "a test's clean-up failed" in text and "Traceback" in text and "RuntimeError: second failure" in text
    finally:
        logs.stop_logging()


def test_suppressed_and_logged_lets_other_exceptions_through():
    from desktop.core.files.logs import suppressed_and_logged

    with pytest.raises(KeyboardInterrupt), suppressed_and_logged("x"):
        raise KeyboardInterrupt
    with pytest.raises(ValueError), suppressed_and_logged("x", OSError):
        raise ValueError


def test_a_failing_article_in_the_cli_is_logged_with_its_traceback(tmp_path, monkeypatch, capsys):
    from desktop import cli
    from desktop.core.files import logs, paths

    paths.set_base_dir(tmp_path)
    good = tmp_path / "good.md"
    good.write_text("---\nid: good\ntitle: Good\npublished: 2020-01-01\n---\nOfficials met in Minsk.\n")
    bad = tmp_path / "bad.md"
    bad.write_text("---\nid: bad\ntitle: Bad\npublished: 2020-01-01\n---\nOfficials met in Minsk.\n")
    from desktop.core.text.articles import load_article

    class Failing:
        def analyze(self, article):
            if article.id == "bad":
                raise KeyError("minute")
            return article.id

    target = logs.start_logging()
    try:
        analyses, failed = cli.analyse_each(Failing(), [load_article(good), load_article(bad)])
        for handler in logs.log().handlers:
            handler.flush()
        assert analyses == ["good"] and failed == 1
        assert "bad.md: the analysis failed (KeyError" in capsys.readouterr().err
        text = target.read_text(encoding="utf-8")
        assert "analysing bad.md failed" in text and "KeyError: 'minute'" in text
    finally:
        logs.stop_logging()
