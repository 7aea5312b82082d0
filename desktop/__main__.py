"""The `clientele` command: no subcommand opens the app; subcommands run the engine headless."""

from __future__ import annotations

import os
import sys

SUBCOMMANDS = ("analyze", "segment", "predict", "recommend", "campaign", "trends", "todo", "report", "forget",
               "protect")


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the process exit code."""
    import multiprocessing

    multiprocessing.freeze_support()  # in a frozen app, a child process of a task starts here
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in SUBCOMMANDS or args and args[0] in ("-h", "--help", "--version"):
        from desktop.cli import run_cli

        return run_cli(args)
    if "--self-test" in args:
        try:
            from desktop.ui.selftest import run_self_test
        except ImportError:
            print("The self-test is not available in this build.", file=sys.stderr)
            return 2
        return run_self_test(args)
    demo = "--demo" in args
    files = [a for a in args if not a.startswith("-")]
    missing = [f for f in files if not os.path.exists(f)]
    if missing:  # a mistyped command ('analyse') or file must not open the app on nothing
        print(_no_such(missing[0]), file=sys.stderr)
        return 2
    try:
        from desktop.ui.app import run_app
    except ImportError as exc:  # a broken install, not a user mistake
        print(f"The desktop app cannot start: {exc}", file=sys.stderr)
        return 1
    return run_app(files, demo=demo)


def _no_such(word: str) -> str:
    """One sentence for an argument that is neither a command nor an existing file."""
    import difflib

    shown = word.encode("unicode_escape", "backslashreplace").decode("ascii") if not word.isprintable() else word
    close = difflib.get_close_matches(word, SUBCOMMANDS, n=1, cutoff=0.6)
    hint = f" Did you mean 'clientele {close[0]}'?" if close else ""
    return (f"clientele: there is no command or file '{shown}'.{hint} The commands are "
            f"{', '.join(SUBCOMMANDS)}; without a command, clientele opens the app (with the files named).")


if __name__ == "__main__":
    sys.exit(main())
