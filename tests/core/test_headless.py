"""The core never imports Qt: it must import and work with PySide6 made unimportable."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_core_imports_and_runs_without_pyside6():
    script = textwrap.dedent(
        """
        import importlib, pkgutil, sys

        class NoQt:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"):
                    raise ImportError(f"{name} is blocked in this test")
                return None

        sys.meta_path.insert(0, NoQt())
        import desktop.core
        names = [m.name for m in pkgutil.walk_packages(desktop.core.__path__, "desktop.core.")]
        for name in names:
            importlib.import_module(name)
        from desktop.core.text.articles import load_default_corpus
        from desktop.core.text.markup import plain_text
        corpus = load_default_corpus()
        assert len(corpus) >= 5, corpus.problems
        assert all(plain_text(a.body) for a in corpus)
        assert not any(m.startswith("PySide6") for m in sys.modules)
        print(len(names), "core modules imported without Qt")
        """
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "core modules imported without Qt" in out.stdout
