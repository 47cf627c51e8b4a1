"""The house rules, checked: layers of the pipeline, small rooms, simple functions, one formatter.

ARCHITECTURE.md explains the layers; this test keeps them true. Every import of a ``desktop``
module anywhere in a file counts, including imports inside functions.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.house_debt import KNOWN_COMPLEX, KNOWN_LONG_MODULES

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desktop"

#: The core's stages in pipeline order: a stage may import only itself and the stages before it.
CORE_STAGES = ("files", "text", "annotate", "episodes", "annotations", "library", "compare", "present")

#: Qt and its bindings: never imported by the core.
QT_ROOTS = {"PySide6", "shiboken6", "PyQt5", "PyQt6"}

MAX_LINES = 500
MAX_COMPLEXITY = 15
#: Functions allowed above MAX_COMPLEXITY (never above 20); each has its reason in ARCHITECTURE.md.
COMPLEXITY_EXCEPTIONS: dict[str, int] = {}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            # "from desktop.core import paths" imports the module desktop.core.paths
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _stage(module: str) -> str | None:
    parts = module.split(".")
    if parts[:2] == ["desktop", "core"] and len(parts) > 2:
        return parts[2]
    return None


def test_every_core_module_belongs_to_a_stage():
    for path in (PACKAGE / "core").iterdir():
        if path.suffix == ".py" and path.name != "__init__.py":
            pytest.fail(f"{path.relative_to(ROOT)} is outside the stage folders {CORE_STAGES}")
        if path.is_dir() and path.name != "__pycache__":
            assert path.name in CORE_STAGES, (
                f"{path.name} is not a known stage; add it to CORE_STAGES and ARCHITECTURE.md"
            )


def test_core_never_imports_qt_or_ui():
    broken = []
    for path in _modules():
        if _stage(_module_name(path)) is None:
            continue
        for line, name in _imports(path):
            if name.split(".")[0] in QT_ROOTS or name.startswith(("desktop.ui", "desktop.cli", "desktop.__main__")):
                broken.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert not broken, "\n".join(broken)


def test_each_stage_imports_only_itself_and_earlier_stages():
    broken = []
    for path in _modules():
        stage = _stage(_module_name(path))
        if stage is None:
            continue
        allowed = set(CORE_STAGES[: CORE_STAGES.index(stage) + 1])
        for line, name in _imports(path):
            other = _stage(name)
            if other is not None and other not in allowed and other in CORE_STAGES:
                broken.append(f"{path.relative_to(ROOT)}:{line} ({stage}) imports {name} ({other})")
    assert not broken, "\n".join(broken)


def test_the_contract_test_sees_a_violation():
    """The checker itself works: an upward import in a made-up module is found."""
    fake = ast.parse("def f():\n    from desktop.core.compare.comparison import compare\n")
    names = [n.module for n in ast.walk(fake) if isinstance(n, ast.ImportFrom)]
    assert _stage(names[0]) == "compare"
    assert "compare" not in CORE_STAGES[: CORE_STAGES.index("annotate") + 1]


def test_no_module_is_over_500_lines():
    """No new long module; the known ones (see tests/house_debt.py) may only shrink."""
    long = []
    for path in _modules():
        name = str(path.relative_to(ROOT).as_posix())
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > max(MAX_LINES, KNOWN_LONG_MODULES.get(name, 0)):
            long.append(f"{name}: {count} lines")
    assert not long, "\n".join(long)


def _complexities() -> list[tuple[str, int]]:
    from radon.complexity import cc_visit

    out = []
    for path in _modules():
        seen = set()
        for block in cc_visit(path.read_text(encoding="utf-8")):
            for item in (block, *getattr(block, "methods", ())):
                if type(item).__name__ == "Class" or (item.lineno, item.name) in seen:
                    continue
                seen.add((item.lineno, item.name))
                out.append((f"{_module_name(path)}.{item.fullname}", item.complexity))
    return out


def test_functions_are_simple():
    pytest.importorskip("radon")
    over = [(name, cc) for name, cc in _complexities() if cc > MAX_COMPLEXITY]
    allowed = {**KNOWN_COMPLEX, **COMPLEXITY_EXCEPTIONS}
    unexpected = [f"{name}: {cc}" for name, cc in over if cc > allowed.get(name, MAX_COMPLEXITY)]
    assert not unexpected, "functions over complexity 15 (or more complex than before):\n" + "\n".join(unexpected)
    assert all(cc <= 20 for cc in COMPLEXITY_EXCEPTIONS.values())
    assert len(COMPLEXITY_EXCEPTIONS) <= 5


def test_every_complexity_exception_is_explained():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for name in COMPLEXITY_EXCEPTIONS:
        assert name.rsplit(".", 1)[-1] in text, f"{name} is an exception but ARCHITECTURE.md does not explain it"


def test_architecture_page_names_every_stage():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for stage in CORE_STAGES:
        assert re.search(rf"^ +{stage}/ ", text, re.M), f"ARCHITECTURE.md does not describe core/{stage}"


def test_code_is_formatted_with_ruff():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed")
    result = subprocess.run(
        [ruff, "format", "--check", "desktop", "tests"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_passes_the_linter():
    """``ruff check`` (the rules in pyproject.toml) finds nothing."""
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed")
    result = subprocess.run([ruff, "check", "desktop", "tests"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
