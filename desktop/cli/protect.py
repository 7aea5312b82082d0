"""`clientele protect --project FILE`: give a project a password (or change or remove it)."""

from __future__ import annotations

import argparse
import sys

from desktop.cli.common import emit_json
from desktop.cli.forget import project_password
from desktop.engine.errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "protect", help="protect a project file with a password (or change or remove it)",
        description="Encrypt a project file with a password (AES-256; the key is derived from the password "
        "with scrypt). Without the password nobody can open the project, and nothing can recover a "
        "forgotten password: keep it somewhere safe.",
    )
    parser.add_argument("--project", required=True, metavar="FILE", help="the project file (.clientele)")
    parser.add_argument("--new-password-file", default=None, metavar="FILE",
                        help="a file whose first line is the new password (without it, it is asked for twice)")
    parser.add_argument("--password-file", default=None, metavar="FILE",
                        help="when the project is protected now: a file whose first line is its password")
    parser.add_argument("--remove", action="store_true", help="remove the password protection")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")
    parser.set_defaults(run=run)


def _new_password(args: argparse.Namespace) -> str | None:
    from desktop.engine.vault import read_password_file

    if args.remove:
        return None
    if args.new_password_file:
        return read_password_file(args.new_password_file)
    if not sys.stdin.isatty():
        raise InputError("cli_new_password_file")
    import getpass

    first = getpass.getpass("New password: ")
    if not first or first != getpass.getpass("The new password again: "):
        raise InputError("cli_passwords_differ")
    return first


def run(args: argparse.Namespace) -> int:
    from desktop.jobs.privacy import is_encrypted, set_project_password

    old = project_password(args.project, args.password_file)
    new = _new_password(args)
    path = set_project_password(args.project, new, old)
    out = {"project": str(path), "protected": is_encrypted(path)}
    if args.json:
        emit_json(out)
    else:
        sys.stdout.write(f"{path} is {'protected by a password' if out['protected'] else 'not protected'}.\n")
    return 0
