"""The `clientele` command: no subcommand opens the app; subcommands run the engine headless."""

from __future__ import annotations

import sys

SUBCOMMANDS = ("analyze", "segment", "predict", "recommend", "campaign")


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
            from desktop.selftest import run_self_test
        except ImportError:
            print("The self-test is not available in this build.", file=sys.stderr)
            return 2
        return run_self_test(args)
    demo = "--demo" in args
    files = [a for a in args if not a.startswith("-")]
    try:
        from desktop.ui.app import run_app
    except ImportError as exc:  # a broken install, not a user mistake
        print(f"The desktop app cannot start: {exc}", file=sys.stderr)
        return 1
    return run_app(files, demo=demo)


if __name__ == "__main__":
    sys.exit(main())
