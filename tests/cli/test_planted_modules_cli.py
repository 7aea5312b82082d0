"""`clientele analyze orders.xlsx` run in a folder that also holds a zipfile.py, pickle.py and numpy/
(as a download folder could): the analysis succeeds and none of those modules runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "engine"))
from bad_inputs_corpus import orders_xlsx, plant_modules  # noqa: E402

# What pip writes as the `clientele` command, pointed at this source tree: the script's own folder,
# not the current one, comes first on sys.path.
LAUNCHER = """import sys
sys.path.insert(1, {repo!r})
from desktop.__main__ import main
sys.exit(main())
"""


def test_analyze_in_a_folder_with_planted_modules_runs_none_of_them(tmp_path: Path) -> None:
    shop = tmp_path / "downloads"
    shop.mkdir()
    marker = plant_modules(shop)
    orders_xlsx(shop / "orders.xlsx")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "clientele"
    launcher.write_text(LAUNCHER.format(repo=str(REPO)), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(CLIENTELE_DATA_DIR=str(tmp_path / "data"), CLIENTELE_PARSE_IN_CHILD="1")
    done = subprocess.run([sys.executable, str(launcher), "analyze", "orders.xlsx", "--json"], cwd=shop,
                          capture_output=True, text=True, timeout=300, env=env)
    assert not marker.exists(), marker.read_text()
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["customers"] == 3
