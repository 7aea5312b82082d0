import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from desktop.ui.models.tables import Column, FilterProxy, FrameModel, KeyRole, SortRole


@pytest.fixture
def frame():
    return pd.DataFrame(
        {"name": ["Bo", "ann", None, "Cy"], "spend": [10.5, np.nan, 3.0, 99.0],
         "when": pd.to_datetime(["2024-01-02", None, "2023-05-06", "2024-12-31"])},
        index=["c1", "c2", "c3", "c4"])


def columns():
    return [Column("name", "Name"), Column("spend", "Spend", "money"), Column("when", "Last", "date")]


def test_models_pass_qt_model_tester(qtmodeltester, frame):
    model = FrameModel(columns())
    model.set_frame(frame)
    qtmodeltester.check(model)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    proxy.set_mask(np.array([True, False, True, True]))
    qtmodeltester.check(proxy)
    empty = FrameModel(columns())
    qtmodeltester.check(empty)


def test_cells_are_formatted_and_keys_kept(frame):
    from desktop.ui import formatting as fmt

    fmt.set_currency("£")
    model = FrameModel(columns())
    model.set_frame(frame)
    assert model.index(0, 1).data() == "£10.50"
    assert model.index(1, 1).data() == ""  # missing spend shows as empty, not "nan"
    assert model.index(0, 2).data() == "2024-01-02"
    assert model.index(2, 0).data() == ""
    assert model.index(3, 0).data(KeyRole) == "c4"
    assert model.index(0, 1).data(SortRole) == pytest.approx(10.5)
    fmt.set_currency("$")


def test_sort_puts_missing_values_last_both_ways(frame):
    model = FrameModel(columns())
    model.set_frame(frame)
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert [model.key(r) for r in range(4)] == ["c3", "c1", "c4", "c2"]
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert [model.key(r) for r in range(4)] == ["c4", "c1", "c3", "c2"]
    model.sort(0, Qt.SortOrder.AscendingOrder)  # text: case-insensitive
    assert [model.key(r) for r in range(4)] == ["c2", "c1", "c4", "c3"]


def test_selection_follows_its_row_when_sorting(frame):
    model = FrameModel(columns())
    model.set_frame(frame)
    kept = QPersistentModelIndex(model.index(0, 0))  # "Bo", c1
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.key(kept.row()) == "c1"
    assert kept.data() == "Bo"


def test_proxy_filters_and_sorts_through_the_model(frame):
    model = FrameModel(columns())
    model.set_frame(frame)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    proxy.set_mask(np.array([True, True, False, True]))
    assert proxy.rowCount() == 3
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert proxy.visible_keys() == ["c4", "c1", "c2"]
    assert proxy.key(0) == "c4"
    proxy.set_mask(None)
    assert proxy.rowCount() == 4
    assert model.row_of_key("c3") >= 0 and model.row_of_key("nope") == -1


def test_hundred_thousand_rows_build_and_filter_vectorised(qtbot):
    n = 100_000
    rng = np.random.default_rng(1)
    df = pd.DataFrame({"name": [f"C{i}" for i in range(n)], "spend": rng.gamma(2, 50, n)},
                      index=[str(i) for i in range(n)])
    model = FrameModel([Column("name", "Name"), Column("spend", "Spend", "money")])
    model.set_frame(df)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    mask = df["spend"].to_numpy() > 100
    proxy.set_mask(mask)
    assert proxy.rowCount() == int(mask.sum())
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    top = proxy.index(0, 1).data(SortRole)
    assert top == pytest.approx(df["spend"].max())


@pytest.mark.parametrize("longest", [12, 300])  # ranked as fixed-width text, and as Python strings
def test_text_sorts_by_casefolded_code_points_whatever_its_length(longest):
    names = ["zoë", "Zoe", "ÄRGER", "ärger", "", None, "b", "B", "straße", "STRASSE", "李", "王", "x" * longest]
    frame = pd.DataFrame({"name": names}, index=[f"k{i}" for i in range(len(names))])
    model = FrameModel([Column("name", "Name")])
    model.set_frame(frame)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    shown = [names[int(model.key(r)[1:])] for r in range(len(names))]
    present = sorted((n for n in names if n), key=lambda n: (n.casefold(), names.index(n)))
    assert shown[:len(present)] == present  # equal folds keep the file's order
    assert set(map(str, shown[len(present):])) == {"", "None"}  # empty and missing last
