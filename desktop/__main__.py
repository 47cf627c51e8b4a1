"""``python -m desktop`` and the ``overtures`` command: the GUI and its subcommands."""

from __future__ import annotations

import argparse
import os
import sys

from desktop import APP_NAME, __version__

SUBCOMMANDS = {
    "analyze": "annotate articles: actors, dates (and episodes) as text or JSON",
    "export": "export the comparison of episodes to a PDF handout (no display needed)",
    "present": "export a lesson as a PDF handout, one slide per page (no display needed)",
    "import": "import articles from files or URLs into your articles folder",
    "search": "search the library by words, phrases and actors under any spelling",
    "annotations": "import or export your corrections and notes (W3C Web Annotation JSON-LD)",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="overtures",
        description=f"{APP_NAME}: read and compare news analysis of Belarus's overtures to the West. "
        "With no subcommand, opens the window on the bundled corpus (and your own articles).",
        epilog="Run 'overtures SUBCOMMAND --help' for the options of each.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--startup-probe",
        action="store_true",
        # internal (benchmarks): open the window, wait until the first view is rendered, print
        # {"ready_ms": N} (milliseconds since the process started) and exit 0
        help=argparse.SUPPRESS,
    )
    parser.add_argument(
        "--basedir",
        metavar="DIR",
        help="keep settings and user data under DIR instead of the platform's user folders",
    )
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", title="subcommands")

    analyze = sub.add_parser(
        "analyze",
        help=SUBCOMMANDS["analyze"],
        description="Analyse the bundled corpus (or the given files or folders): actors with their "
        "canonical ids and sides, dates with their calendar values, and episodes.",
    )
    analyze.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article files or folders (default: the bundled corpus)",
    )
    analyze.add_argument(
        "--json",
        action="store_true",
        help="print one JSON document (the contract of the app's data)",
    )
    analyze.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the terminal output",
    )
    export = sub.add_parser(
        "export",
        help=SUBCOMMANDS["export"],
        description="Compare two to four episodes (by default the three named in corpus/episodes.yaml: "
        "the 2018 Mitchell visit, the 2022 Makei letter, the 2024 Ryzhankou push) and write the "
        "comparison as a PDF handout. Episode ids are those of 'overtures analyze --json' or the ids "
        "of named episodes.",
    )
    export.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="where to write the PDF")
    export.add_argument("--episodes", nargs="+", metavar="ID", help="episode or named-episode ids (2 to 4)")
    export.add_argument(
        "--coverage",
        metavar="EPISODE_ID",
        help="instead: the coverage of one episode with two or more sources, one column per source",
    )
    export.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default: a4)")
    brief = export.add_mutually_exclusive_group()
    brief.add_argument(
        "--summary-page",
        action="store_const",
        const="first",
        dest="summary",
        default="",
        help="begin the comparison with a one-page summary: the 'In brief' sentences with their sources "
        "and the facets at a glance (not with --coverage)",
    )
    brief.add_argument(
        "--summary-only",
        action="store_const",
        const="only",
        dest="summary",
        help="write only that one-page summary (without --notes)",
    )
    export.add_argument(
        "--notes",
        action="store_true",
        help="end the handout with your notes on the compared episodes, their cells and their sources",
    )
    export.add_argument(
        "paths", nargs="*", metavar="PATH", help="article files or folders (default: the bundled corpus)"
    )
    present = sub.add_parser(
        "present",
        help=SUBCOMMANDS["present"],
        description="Write a lesson (the bundled one, or --lesson FILE) as a PDF handout: one 16:9 page "
        "per slide, every slide fully built. To present in class, open the app and press F5.",
    )
    present.add_argument("--pdf", required=True, metavar="FILE.pdf", help="where to write the PDF")
    present.add_argument("--lesson", metavar="FILE", help="a .lesson file (YAML or JSON); default: the bundled lesson")
    from desktop.cli_library import add_parsers

    add_parsers(sub)
    from desktop.cli_annotations import add_parsers as add_annotation_parsers

    add_annotation_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = _run(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
    except BrokenPipeError:
        return _quiet_broken_pipe()
    return code


def _quiet_broken_pipe() -> int:
    """The reader of our output went away (``overtures analyze | head``): end quietly.

    Python's recipe: point stdout at devnull so the interpreter's final flush cannot fail
    again, and exit as a command killed by SIGPIPE does (128 + 13), which ``set -o
    pipefail`` scripts can tell from a failure of ours.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (tests capture it)
        pass
    return 141


def _housekeeping() -> None:
    """At every start: the rotated log in the cache folder, and temporary files of ours that a
    killed process left behind (never a write in progress: see ``remove_stale_temporaries``)."""
    from desktop.core.files import paths
    from desktop.core.files.fileio import remove_stale_temporaries
    from desktop.core.files.logs import log, start_logging

    start_logging()
    folders = [paths.config_dir(), paths.data_dir(), paths.cache_dir(), paths.user_articles_dir(), paths.lessons_dir()]
    folders += sorted((paths.cache_dir() / "icons").glob("*"))  # the recoloured icons, one folder a theme
    folders += _folders_of_the_last_session(paths.config_dir() / "settings.json")
    for removed in remove_stale_temporaries(folders):
        log().info("removed a temporary file left by an interrupted write: %s", removed)


def _folders_of_the_last_session(settings_file) -> list:
    """The last export folder and the open lesson's folder, as the settings file names them (read
    as it is: a broken file is the window's to report and set aside, not the clean-up's)."""
    import json
    from pathlib import Path

    try:
        values = json.loads(settings_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return []
    if not isinstance(values, dict):
        return []
    folders = []
    for name, folder_of in (("last_export_dir", Path), ("lesson_file", lambda v: Path(v).parent)):
        value = values.get(name)
        if isinstance(value, str) and value:
            folders.append(folder_of(value))
    return folders


def _run(args: argparse.Namespace) -> int:
    if args.basedir:
        from desktop.core.files import paths

        paths.set_base_dir(args.basedir)
    _housekeeping()
    if args.command and _no_display():
        # Commands that only produce files must run with no display at all.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.command == "analyze":
        from desktop.cli import analyze

        return analyze(args)
    if args.command == "present":
        from desktop.cli_present import present

        return present(args)
    if args.command in ("import", "search"):
        from desktop.cli_library import COMMANDS

        return COMMANDS[args.command](args)
    if args.command == "annotations":
        from desktop.cli_annotations import run as run_annotations

        return run_annotations(args)
    if args.command == "export":
        from desktop.cli import export

        return export(args)
    from desktop.ui.shell.app import run

    return run(probe=args.startup_probe)


def _no_display() -> bool:
    return sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


if __name__ == "__main__":
    sys.exit(main())
