"""Privacy from the command line: consent counts in the JSON, `clientele forget` (also on a
password-protected project), and logs that never hold a customer's name, phone or e-mail."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[2]
NAMES = ["Ottilie Brambleworth", "Jasper Quillfeather", "王晓燕", "Mirabel Thistlewood"]
PHONES = ["13911112222", "+44 7700 900123", "15822223333", "13644445555"]
MAILS = ["ottilie.b@example.org", "jq.private@example.net", "wxy88@example.cn", "mira@example.com"]


def clientele(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True,
                          timeout=300, cwd=REPO, env=env)


def write_shop(folder: Path) -> tuple[Path, Path]:
    rows = []
    for n in range(24):
        for k in range(3):
            rows.append((f"S{n}-{k}", f"M{n:02d}", f"2026-0{k + 4}-{10 + n % 9}", "Oolong", 30.0 + n))
    orders = folder / "orders.csv"
    pd.DataFrame(rows, columns=["Order", "Member", "Date", "Product", "Amount"]).to_csv(orders, index=False)
    people = folder / "members.csv"
    pd.DataFrame({"Member": [f"M{n:02d}" for n in range(24)],
                  "Name": NAMES + [f"Member {n}" for n in range(4, 24)],
                  "Phone": PHONES + [f"1300000{n:04d}" for n in range(4, 24)],
                  "Email": MAILS + [f"m{n}@shop.example" for n in range(4, 24)],
                  "Unsubscribed": ["yes", "no", "no", "yes"] + ["no"] * 20}).to_csv(people, index=False)
    return orders, people


def private_env(tmp_path: Path) -> dict:
    env = dict(os.environ, CLIENTELE_DATA_DIR=str(tmp_path / "data"), HOME=str(tmp_path / "home"),
               XDG_DATA_HOME=str(tmp_path / "xdg-data"), XDG_STATE_HOME=str(tmp_path / "xdg-state"),
               XDG_CACHE_HOME=str(tmp_path / "xdg-cache"), XDG_CONFIG_HOME=str(tmp_path / "xdg-config"))
    return env


def test_consent_counts_reach_the_json_of_export_and_todo(tmp_path):
    orders, people = write_shop(tmp_path)
    env = private_env(tmp_path)
    out = clientele(env, "analyze", str(orders), "--customers", str(people), "--export",
                    str(tmp_path / "list.csv"), "--json")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert r["export"]["consent_excluded"] == 2 and r["export"]["rows"] == 22
    assert "consent_excluded" in [w["code"] for w in r["warnings"]]
    listed = (tmp_path / "list.csv").read_text(encoding="utf-8-sig")
    assert NAMES[0] not in listed and NAMES[3] not in listed and NAMES[1] in listed

    out = clientele(env, "todo", str(orders), "--customers", str(people), "--days", "30", "--json")
    assert out.returncode == 0, out.stderr
    t = json.loads(out.stdout)
    named = {c["customer_id"] for lst in t["lists"] for c in lst["customers"]}
    assert not named & {"M00", "M03"} and t["consent_excluded"] >= 0


def test_forget_from_the_command_line_with_a_password_file(tmp_path):
    from desktop.engine.pipeline import AnalysisOptions, analyze
    from desktop.engine.project import load_project, save_project

    orders, people = write_shop(tmp_path)
    project = save_project(tmp_path / "shop.clientele",
                           analyze(AnalysisOptions(paths=[orders], customers_file=people)), password="s3cret")
    env = private_env(tmp_path)
    out = clientele(env, "forget", "M01", "--project", str(project), "--json")
    assert out.returncode == 2 and "password" in out.stderr and out.stderr.count("\n") == 1
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("nope\n", encoding="utf-8")
    out = clientele(env, "forget", "M01", "--project", str(project), "--password-file", str(wrong))
    assert out.returncode == 2 and "wrong" in out.stderr
    good = tmp_path / "pw.txt"
    good.write_text("s3cret\n", encoding="utf-8")
    out = clientele(env, "forget", "M01", "--project", str(project), "--password-file", str(good), "--json")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert r["lines_removed"] == 3 and set(r["deletion_record"]) == {"date", "pseudonym", "salt"}
    assert "M01" not in set(load_project(project, "s3cret").state.lines["customer_id"])
    out = clientele(env, "forget", "M01", "--project", str(project), "--password-file", str(good))
    assert out.returncode == 2 and "no customer" in out.stderr


def test_logs_of_a_full_cli_run_hold_no_name_phone_or_email(tmp_path):
    orders, people = write_shop(tmp_path)
    env = private_env(tmp_path)
    for args in (["analyze", str(orders), "--customers", str(people), "--export", str(tmp_path / "l.xlsx")],
                 ["todo", str(orders), "--customers", str(people), "--json"],
                 ["analyze", str(tmp_path / "missing.csv")]):
        assert clientele(env, *args).returncode in (0, 2)
    # An unexpected error whose message quotes the customer's cells (as pandas' errors do): the log
    # written for it keeps the traceback but not the data.
    crash = (f"import sys, desktop.engine.pipeline as p\n"
             f"def boom(*a, **k): raise ValueError({NAMES[1] + ' ' + PHONES[1] + ' ' + MAILS[1]!r})\n"
             f"p.analyze = boom\n"
             f"from desktop.cli import run_cli\n"
             f"sys.exit(run_cli(['analyze', {str(orders)!r}]))\n")
    out = subprocess.run([sys.executable, "-c", crash], capture_output=True, text=True, timeout=300,
                         cwd=REPO, env=env)
    assert out.returncode == 1 and "ValueError" in out.stderr
    written = [p for root in (tmp_path / "xdg-state", tmp_path / "xdg-cache", tmp_path / "data", tmp_path / "home")
               for p in root.rglob("*") if p.is_file()]
    logs = [p for p in written if p.suffix == ".log"]
    assert logs, written  # the error was logged ...
    text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in written)
    assert "ValueError" in text and "boom" in text
    for secret in (*NAMES, *PHONES, *MAILS):  # ... without a name, phone or e-mail of the file
        assert secret not in text, secret


def test_protect_gives_and_removes_a_password(tmp_path):
    from desktop.engine.pipeline import AnalysisOptions, analyze
    from desktop.engine.project import save_project
    from desktop.engine.vault import is_encrypted

    orders, people = write_shop(tmp_path)
    project = save_project(tmp_path / "shop.clientele", analyze(AnalysisOptions(paths=[orders])))
    env = private_env(tmp_path)
    pw = tmp_path / "pw.txt"
    pw.write_text("kettle\n", encoding="utf-8")
    out = clientele(env, "protect", "--project", str(project), "--new-password-file", str(pw), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["protected"] is True and is_encrypted(project)
    out = clientele(env, "protect", "--project", str(project), "--remove")
    assert out.returncode == 2 and "password" in out.stderr  # no terminal to ask, no file given
    out = clientele(env, "protect", "--project", str(project), "--password-file", str(pw), "--remove")
    assert out.returncode == 0, out.stderr
    assert not is_encrypted(project)
