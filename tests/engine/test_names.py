"""Names from the user (issue 14, item 9): undecodable bytes, newlines and escape codes are shown
escaped; names and paths longer than the system allows are refused in one sentence."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from desktop.engine.campaigns import CampaignRecord
from desktop.engine.errors import InputError
from desktop.engine.export import ExportOptions, check_target
from desktop.engine.marketing import export_marketing_list
from desktop.paths import display_name

posix_only = pytest.mark.skipif(os.name != "posix", reason="file names as bytes are POSIX")


@pytest.mark.parametrize("name, shown", [
    (b"ord\xffers.csv", "ord\\xffers.csv"),
    ("ord\udcffers.csv", "ord\\xffers.csv"),  # the same name as Python hands it over
    ("new\nline.csv", "new\\nline.csv"),
    ("\x1b]0;owned\x07title.xlsx", "\\x1b]0;owned\\x07title.xlsx"),
    ("cr\rtab\t.csv", "cr\\rtab\\t.csv"),
    ("evil\u202egpj.xlsx", "evil\\u202egpj.xlsx"),  # right-to-left override
    ("c1\x9bcsi\x7f.csv", "c1\\u009bcsi\\u007f.csv"),
    ("张伟 orders (2024).xlsx", "张伟 orders (2024).xlsx"),
    (Path("/tmp/a\nb.csv"), "/tmp/a\\nb.csv"),
])
def test_display_name_escapes_what_a_terminal_or_encoder_would_trip_on(name, shown):
    assert display_name(name) == shown
    assert display_name(name).encode("utf-8")  # always encodable


def test_display_name_can_keep_the_layout_of_whole_lines():
    assert display_name("a\nb\tc\x1b[2J\udcff", keep_layout=True) == "a\nb\tc\\x1b[2J\\xff"


def customers() -> pd.DataFrame:
    return pd.DataFrame({"segment": ["a", "b"] * 5, "monetary": range(10)},
                        index=pd.Index([f"C{i}" for i in range(10)], name="customer_id"))


@posix_only
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_with_undecodable_names_writes_the_list_and_a_readable_record(tmp_path, suffix):
    source = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/till\xff\xfe.csv"))
    source.write_text("x", encoding="utf-8")
    target = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/list\xff" + suffix.encode()))
    result = export_marketing_list(customers(), None, target, ExportOptions(control_share=0.2),
                                   [source])
    assert result.path == target and target.exists()
    record = CampaignRecord.load(result.campaign_path)
    assert record.source_files == [source.name] and record.export_file == target.name
    json.loads(result.campaign_path.read_bytes().decode("ascii"))  # plain ASCII JSON


def test_a_name_longer_than_the_system_allows_is_one_sentence(tmp_path):
    with pytest.raises(InputError, match="longer than the system allows") as caught:
        check_target(tmp_path / ("b" * 300 + ".csv"))
    assert "…" in str(caught.value) and len(str(caught.value)) < 250
    # 80 Chinese characters are 240 bytes: the list fits, its record's name (+14 bytes) too.
    chinese = tmp_path / ("张" * 80 + ".xlsx")
    result = export_marketing_list(customers(), None, chinese, ExportOptions())
    assert result.path.exists() and result.campaign_path.exists()
    # 245 bytes: the list's name fits, the record's does not, so nothing is written.
    with pytest.raises(InputError, match=r"campaign\.json.*longer than the system allows"):
        export_marketing_list(customers(), None, tmp_path / ("a" * 245 + ".xlsx"), ExportOptions())
    assert not list(tmp_path.glob("a*"))


@posix_only
def test_a_path_longer_than_the_system_allows_is_one_sentence(tmp_path):
    folder = tmp_path
    limit = os.pathconf(tmp_path, "PC_PATH_MAX")
    while len(os.fsencode(str(folder))) < limit:
        folder = folder / ("d" * 200)
        try:
            folder.mkdir()
        except OSError:  # the system refuses to go deeper by name: that path is too long already
            break
    with pytest.raises(InputError, match="longer than the system allows"):
        export_marketing_list(customers(), None, folder / "list.xlsx", ExportOptions())


def test_a_network_path_among_the_inputs_is_never_looked_at(tmp_path, monkeypatch):
    """An analysis opened from a project names its sources from that file; a \\\\host\\share one must not
    make the export's same-file check touch the network."""
    import os

    from desktop.engine import export

    looked = []

    def spying_stat(path, *args, **kwargs):
        if str(path).startswith(("\\\\", "//")):
            looked.append(str(path))
        return real_stat(path, *args, **kwargs)

    real_stat = os.stat
    monkeypatch.setattr(os, "stat", spying_stat)
    target = export.check_target(tmp_path / "list.xlsx", ["\\\\shophost\\share\\orders.xlsx", "//shophost/share/o.csv"])
    assert target.name == "list.xlsx" and looked == []
