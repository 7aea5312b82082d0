"""Headless subcommands of `clientele`: analyze, segment, predict, recommend.

Each subcommand lives in `desktop/cli/<name>.py` and defines `register(subparsers)` and
`run(args) -> int`. Errors in the user's input (InputError) become exit code 2 and one sentence on
stderr; no traceback is ever shown for them.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from desktop import __version__

SUBCOMMAND_MODULES = ("analyze", "segment", "predict", "recommend", "campaign", "trends", "todo", "report", "forget",
                      "protect")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every available subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="clientele",
        description="Clientele: customer segments, predictions and marketing lists from your shop's "
        "spreadsheets. Run without a subcommand to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"clientele {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(f"desktop.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"desktop.cli.{name}":
                continue  # subcommand not built yet
            raise
        module.register(subparsers)
    return parser


def run_cli(argv: list[str]) -> int:
    """Parse `argv`, run the chosen subcommand and return its exit code."""
    from desktop.cli.common import SafeOutput

    # Names from the user's files reach the output in sentences and tables: no escape code, no
    # undecodable byte, whatever the terminal's encoding (display_name).
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeOutput(sys.stdout), SafeOutput(sys.stderr)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _run(argv: list[str]) -> int:
    from desktop.engine.errors import Cancelled, InputError
    from desktop.paths import display_name

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    try:
        return int(args.run(args) or 0)
    except InputError as exc:
        print(f"clientele: {display_name(str(exc))}", file=sys.stderr)  # one line, whatever the names
        return 2
    except Cancelled:
        print("clientele: cancelled.", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("clientele: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `clientele segment ... | head`: the reader has gone, not an error
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except MemoryError:
        print("clientele: the computer ran out of memory for this file; try a smaller file or "
              "close other programs.", file=sys.stderr)
        return 2
    except Exception as exc:  # never a traceback for the user; the details go to the log file
        where = _log_unexpected(exc)
        print(f"clientele: something went wrong inside Clientele ({type(exc).__name__}); "
              f"please report it with the details in {where}.", file=sys.stderr)
        return 1


def _log_unexpected(exc: BaseException) -> str:
    """Write the traceback of an unexpected error to the user's log folder; return the file path."""
    import tempfile
    from pathlib import Path

    from desktop.logs import private_traceback

    try:
        from platformdirs import user_log_dir

        folder = Path(user_log_dir("Clientele", appauthor=False))
    except Exception:
        folder = Path(tempfile.gettempdir())
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "clientele-cli-errors.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write(private_traceback(exc))  # never a name, phone or e-mail from the files
        return str(path)
    except OSError:
        return "the terminal output (the log folder is not writable)"
