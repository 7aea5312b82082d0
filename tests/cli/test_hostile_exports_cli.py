"""The CLI's files and printing under hostile input (issue 14, items 2, 8, 9, 10 and 18): every
command runs as a user would run it, in a child process: exit 0 or 2, one sentence, no traceback."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "engine"))
from hostile_cells import BAIT, HOSTILE, assert_safe_workbook, column, written  # noqa: E402 (needs the path above)


def clientele(*args: object, cwd: Path | None = None, limit_bytes: int | None = None,
              env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m desktop ARGS` from this working copy; with `limit_bytes`, no file the child
    writes can grow past that size (RLIMIT_FSIZE, SIGXFSZ ignored): a disk that fills up."""
    preexec = None
    if limit_bytes is not None:
        def preexec() -> None:
            import resource
            import signal

            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    child_env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONWARNINGS": "ignore", **(env or {})}
    argv = [sys.executable, "-m", "desktop", *[a if isinstance(a, bytes) else str(a) for a in args]]
    return subprocess.run(argv, cwd=cwd or REPO, capture_output=True, timeout=300, check=False,
                          preexec_fn=preexec, env=child_env)


def one_sentence(result: subprocess.CompletedProcess, code: int = 2) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == code, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture(scope="module")
def hostile_orders(tmp_path_factory) -> Path:
    """Orders whose product codes, product names and customer names are hostile text."""
    rows = []
    n = 0
    for c in range(40):
        for k in range(3):
            n += 1
            product = HOSTILE[(c + k) % len(HOSTILE)]
            rows.append({"Order ID": f"S{n}", "Date": f"2024-0{1 + k}-1{c % 9}",
                         "Customer ID": f"C{c:03d}", "Customer name": HOSTILE[c % len(HOSTILE)],
                         "Product code": product, "Product": product, "Amount": 10.0 + c})
    path = tmp_path_factory.mktemp("hostile") / "orders.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


# --------------------------------------------------------------------------- item 2


def test_recommend_out_xlsx_writes_hostile_products_as_text(hostile_orders, tmp_path):
    out = tmp_path / "top.xlsx"
    result = clientele("recommend", hostile_orders, "--k", "20", "--out", out, "--json")
    assert result.returncode == 0, result.stderr.decode()
    rows = json.loads(result.stdout)
    assert BAIT in {r["product_name"] for r in rows}  # the bait really reached the writer
    assert_safe_workbook(out)
    assert column(out, 0, "product_name") == [written(r["product_name"]) for r in rows]
    assert column(out, 0, "product_id") == [written(r["product_id"]) for r in rows]


def test_recommend_out_csv_escapes_formula_starts(hostile_orders, tmp_path):
    out = tmp_path / "top.csv"
    result = clientele("recommend", hostile_orders, "--k", "20", "--out", out, "--json")
    assert result.returncode == 0, result.stderr.decode()
    with open(out, encoding="utf-8-sig", newline="") as handle:
        back = list(csv.DictReader(handle))
    for row in back:
        for cell in row.values():
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r", "\n")
    assert {"'+1-2", "'-3+3", "'@SUM(1)", "'+86 138 0013 8000"} <= {r["product_name"] for r in back}


def test_analyze_export_xlsx_with_suggestions_writes_hostile_names_as_text(hostile_orders, tmp_path):
    out = tmp_path / "list.xlsx"
    result = clientele("analyze", hostile_orders, "--export", out, "--with-suggestions",
                       "--offer", BAIT, "--json")
    assert result.returncode == 0, result.stderr.decode()
    assert_safe_workbook(out)
    names = set(column(out, "Customers", "Name"))
    assert {written(v) for v in HOSTILE if v.strip() == v} <= names


# --------------------------------------------------------------------------- item 10


@pytest.mark.parametrize("cost", ["nan", "inf", "-5", "1e999"])
def test_export_cost_per_contact_is_refused_before_reading(tmp_path, cost):
    # The orders file does not even exist: the option is refused first, in one sentence.
    result = clientele("analyze", tmp_path / "missing.csv", "--export", tmp_path / "list.xlsx",
                       f"--cost-per-contact={cost}")
    assert "--cost-per-contact must be a number of 0 or more" in one_sentence(result)
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def exported_campaign(hostile_orders, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("campaign") / "list.csv"
    result = clientele("analyze", hostile_orders, "--export", out, "--control-share", "0.3",
                       "--cost-per-contact", "0.5", "--json")
    assert result.returncode == 0, result.stderr.decode()
    return out.with_name("list.campaign.json")


@pytest.mark.parametrize("field, value", [
    ("created", "not a date"), ("created", "2024-07-01T10:00:00+08:00"),
    ("cost_per_contact", "0.5"), ("cost_per_contact", -1), ("contacted", 5),
    ("control", [[["deep"]]]), ("seed", 1.5),
])
def test_campaign_with_a_crafted_record_gives_one_sentence(hostile_orders, exported_campaign,
                                                          tmp_path, field, value):
    data = json.loads(exported_campaign.read_text(encoding="utf-8"))
    data[field] = value
    crafted = tmp_path / "crafted.campaign.json"
    crafted.write_text(json.dumps(data), encoding="utf-8")
    line = one_sentence(clientele("campaign", crafted, hostile_orders))
    assert f"crafted.campaign.json” is damaged ({field})" in line


def test_campaign_with_deep_json_and_bad_options_gives_one_sentence(hostile_orders,
                                                                   exported_campaign, tmp_path):
    deep = tmp_path / "deep.campaign.json"
    deep.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    assert "cannot be read" in one_sentence(clientele("campaign", deep, hostile_orders))
    for option in (["--cost-per-contact", "nan"], ["--cost-per-contact=-5"], ["--margin", "nan"]):
        line = one_sentence(clientele("campaign", exported_campaign, hostile_orders, *option))
        assert option[0].split("=")[0] in line
    good = clientele("campaign", exported_campaign, hostile_orders, "--start", "2024-01-01", "--json")
    assert good.returncode == 0, good.stderr.decode()


# --------------------------------------------------------------------------- item 8


@pytest.fixture(scope="module")
def big_orders(tmp_path_factory) -> Path:
    """3,000 customers with names that hardly compress: a list of a few hundred kilobytes."""
    import secrets

    rows = [{"Customer ID": f"C{i:05d}", "Customer name": secrets.token_urlsafe(30),
             "Date": f"2024-{1 + i % 12:02d}-{1 + i % 27:02d}", "Amount": 10.0 + i % 50}
            for i in range(3000)]
    path = tmp_path_factory.mktemp("big") / "orders.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_on_a_full_disk_gives_one_sentence_and_leaves_nothing(big_orders, tmp_path, suffix):
    out = tmp_path / f"list{suffix}"
    line = one_sentence(clientele("analyze", big_orders, "--export", out, "--sheet-per-segment",
                                  "--json", limit_bytes=60_000))
    assert line.startswith(f"clientele: Cannot save “list{suffix}”: the file is larger than")
    assert sorted(tmp_path.iterdir()) == []


def test_the_next_export_sweeps_what_a_killed_export_left(big_orders, tmp_path):
    # A real kill -9 while the workbook is saved: the CLI child is stopped by SIGKILL from a
    # progress callback, as an impatient user or a power cut would.
    code = (
        "import os, signal, sys\n"
        "from desktop.engine import marketing\n"
        "real = marketing.export_marketing_list\n"
        "def killing(*a, **k):\n"
        "    def progress(f, m=''):\n"
        "        if m == 'Saving the workbook': os.kill(os.getpid(), signal.SIGKILL)\n"
        "    k['progress'] = progress\n"
        "    return real(*a, **k)\n"
        "marketing.export_marketing_list = killing\n"
        "from desktop.cli import run_cli\n"
        f"run_cli(['analyze', {str(big_orders)!r}, '--export', {str(tmp_path / 'list.xlsx')!r}])\n"
    )
    killed = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, timeout=300,
                            check=False, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert killed.returncode == -9
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and left[0].startswith(".~clientele-"), left

    result = clientele("analyze", big_orders, "--export", tmp_path / "list.xlsx", "--json")
    assert result.returncode == 0, result.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.campaign.json", "list.xlsx"]


# --------------------------------------------------------------------------- item 9

# PYTHONIOENCODING=utf-8 makes the output strictly UTF-8, as in a desktop's UTF-8 locale: an
# undecodable byte of a file name that reached it unescaped would stop the command.
STRICT_UTF8: dict = {"PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"}
posix_only = pytest.mark.skipif(os.name != "posix", reason="file names as bytes are POSIX")


@posix_only
@pytest.mark.parametrize("as_json", [False, True])
def test_analyze_and_export_with_undecodable_file_names(hostile_orders, tmp_path, as_json):
    source = os.fsencode(str(tmp_path)) + b"/till\xff.csv"
    Path(os.fsdecode(source)).write_bytes(hostile_orders.read_bytes())
    out = os.fsencode(str(tmp_path)) + b"/list\xfe.xlsx"
    result = clientele("analyze", source, "--export", out, *(["--json"] if as_json else []),
                       env=STRICT_UTF8)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    text = result.stdout.decode("utf-8")  # strictly UTF-8
    assert "till\\xff.csv" in text.replace("\\\\", "\\")
    if as_json:
        assert json.loads(text)["export"]["path"].endswith("list\\xfe.xlsx")
    else:
        assert "list\\xfe.xlsx" in text
    assert Path(os.fsdecode(out)).exists()
    assert Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/list\xfe.campaign.json")).exists()


@posix_only
def test_names_with_newlines_and_escape_codes_are_printed_escaped(hostile_orders, tmp_path):
    source = tmp_path / "new\nline\x1b]0;owned\x07.csv"
    source.write_bytes(hostile_orders.read_bytes())
    out = tmp_path / "out\x1b[2J.xlsx"
    result = clientele("analyze", source, "--export", out, env=STRICT_UTF8)
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode("utf-8")
    assert "\x1b" not in text and "\x07" not in text
    assert "new\\nline\\x1b]0;owned\\x07.csv" in text and "out\\x1b[2J.xlsx" in text
    missing = clientele("analyze", tmp_path / "gone\n\x1b[31m.csv", env=STRICT_UTF8)
    line = one_sentence(missing)
    assert "gone\\n\\x1b[31m.csv" in line


def test_overlong_export_names_and_paths_give_one_sentence(hostile_orders, tmp_path):
    for name in ("b" * 300 + ".csv", "a" * 245 + ".xlsx"):
        line = one_sentence(clientele("analyze", hostile_orders, "--export", tmp_path / name))
        assert "longer than the system allows" in line
    deep = tmp_path / "/".join(["d" * 200] * 25) / "list.xlsx"
    line = one_sentence(clientele("analyze", hostile_orders, "--export", deep))
    assert "longer than the system allows" in line
    assert sorted(tmp_path.iterdir()) == []
    ok = clientele("analyze", hostile_orders, "--export", tmp_path / ("张" * 80 + ".xlsx"), "--json")
    assert ok.returncode == 0, ok.stderr.decode()


def test_json_output_keeps_odd_characters_exactly_and_text_output_escapes_them(tmp_path):
    odd = ["esc\x1b]0;t\x07", "csi\x9b31m", "del\x7f", "ls\u2028sep", "rtl\u202eabc", "tab\tx"]
    rows = [{"Customer ID": f"C{c}", "Date": f"2024-0{1 + k}-10", "Product": odd[(c + k) % len(odd)],
             "Amount": 5.0} for c in range(12) for k in range(3)]
    orders = tmp_path / "odd.csv"
    pd.DataFrame(rows).to_csv(orders, index=False)
    as_json = clientele("recommend", orders, "--k", "10", "--json", env=STRICT_UTF8)
    assert as_json.returncode == 0, as_json.stderr.decode()
    names = {r["product_name"] for r in json.loads(as_json.stdout.decode("utf-8"))}
    assert {"csi\x9b31m", "del\x7f", "ls\u2028sep", "rtl\u202eabc"} <= names
    as_text = clientele("recommend", orders, "--k", "10", env=STRICT_UTF8)
    assert as_text.returncode == 0, as_text.stderr.decode()
    text = as_text.stdout.decode("utf-8")
    for raw in ("\x1b", "\x07", "\x9b", "\x7f", "\u2028", "\u202e"):
        assert raw not in text
    assert "csi\\u009b31m" in text and "rtl\\u202eabc" in text
