"""`clientele forget ID --project FILE`: remove a customer from a project and every autosave."""

from __future__ import annotations

import argparse
import sys

from desktop.cli.common import emit_json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "forget", help="remove one customer from a project and every autosave (a deletion request)",
        description="Remove a customer's order lines, profile and every mention in campaign records from a "
        "project file and from every autosave of the app, keeping a record of the deletion (the date and a "
        "salted hash of the id, never the id). The source spreadsheets are yours to edit: Clientele never "
        "changes them, so remove the customer there too.",
    )
    parser.add_argument("customer_id", metavar="ID", help="the customer's id, as the customer table shows it")
    parser.add_argument("--project", required=True, metavar="FILE", help="the project file (.clientele)")
    add_password_argument(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")
    parser.set_defaults(run=run)


def add_password_argument(parser: argparse.ArgumentParser) -> None:
    """--password-file, for commands that open a project."""
    parser.add_argument("--password-file", default=None, metavar="FILE",
                        help="for a password-protected project: a file whose first line is the password "
                             "(without it, the password is asked for)")


def project_password(path: str, password_file: str | None) -> str | None:
    """The password of a project: from --password-file, else asked for (getpass) when the project is
    protected and a terminal can ask; None for a project without a password."""
    from desktop.engine.vault import read_password_file
    from desktop.jobs.privacy import is_encrypted

    if password_file:
        return read_password_file(password_file)
    if not is_encrypted(path) or not sys.stdin.isatty():
        return None  # not protected, or nobody to ask: load_project says the password is needed
    import getpass

    return getpass.getpass(f"Password for {path}: ") or None


def run(args: argparse.Namespace) -> int:
    from desktop.jobs.privacy import ForgetRequest, forget_in_project

    request = ForgetRequest(None, args.customer_id, args.project,
                            password=project_password(args.project, args.password_file))
    result = forget_in_project(request)
    out = result.to_dict("en")
    if args.json:
        emit_json(out)
    else:
        sys.stdout.write(out["message"] + "\n")
    return 0
