"""The segmentation views on the demo shop: groups by each method, renaming, the k curves and the
tree's cut line, soft membership in the customer panel, and movement between two dates."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QEventLoop, QTimer

from desktop.engine.errors import InputError
from desktop.jobs import segments as grouping
from desktop.session import Status
from waiting import wait_until

TIMEOUT = 90000


@pytest.fixture(scope="module")
def win(demo_shop):
    return demo_shop


def _groups(win, method: str, k: int | None = None):
    view = win.views["groups"]
    view.set_method(method)
    view.k_spin.setValue(k or 1)
    with_signal = _wait_for(view, lambda: view.run())
    assert with_signal, f"{method} gave no result: {view.summary.text()}"
    return view, view.result.segmentation


def _wait_for(view, start) -> list:
    loop = QEventLoop()
    got: list = []
    view.resultShown.connect(lambda *a: (got.append(a), loop.quit()))
    view.failed.connect(lambda *a: loop.quit())
    start()
    QTimer.singleShot(TIMEOUT, loop.quit)
    loop.exec()
    return got


def test_opening_the_view_finds_kmeans_groups_with_names_rules_and_quality(win, qtmodeltester):
    view = win.views["groups"]
    got = _wait_for(view, lambda: win.nav.setCurrentRow(list(win.views).index("groups")))
    assert got, view.summary.text()
    seg = view.result.segmentation
    assert seg.method == "kmeans" and seg.k >= 2
    assert win.session.chosen_segmentation() is seg and win.session.segmentations["kmeans"].segmentation is seg
    assert view.model.rowCount() == len(seg.summary)
    assert [view.model.key(r) for r in range(view.model.rowCount())] == list(seg.summary["key"])
    assert sum(row["customers"] for row in view.model.rows) == len(win.data.customers)
    qtmodeltester.check(view.model)
    # every data-driven group borrows the action of the RFM segment most of its members are in
    actions = set(win.data.analysis.segments["action"])
    assert all(any(a in row["action"] for a in actions) for row in view.model.rows)
    # rules, quality and the k curves are shown, with the engine's own sentences
    assert seg.factors.sentence in view.why.text().replace("&#x27;", "'")
    assert "Separation" in view.quality.text()
    assert len(view.plots) == 2  # silhouette and inertia
    assert f"{len(win.data.customers):,} customers" in view.summary.text()


def test_a_group_lists_and_exports_its_customers_and_can_be_renamed(win, qtbot):
    view, seg = _groups(win, "kmeans")
    key = view.model.key(1)
    view.select_group(key)
    expected = set(seg.labels.index[seg.labels == key].astype(str))
    assert set(view.member_keys()) == expected
    with qtbot.waitSignal(view.exportRequested, timeout=5000) as blocker:
        view.export_button.click()
    assert set(blocker.args[0]) == expected
    if win.dialog is not None:
        win.dialog.reject()

    assert view.rename_group(key, "Weekend regulars")
    assert seg.names[key] == ("Weekend regulars", "Weekend regulars")
    assert seg.summary.set_index("key").loc[key, "name"] == "Weekend regulars"
    assert "Weekend regulars" in view.why.text()
    # a name already taken is refused and said so; the old name stays
    other = view.model.key(0)
    assert not view.rename_group(other, "weekend REGULARS")
    assert seg.names[other][0] != "weekend REGULARS"
    assert view.warnings.isVisible() and "same name" in view.warnings.text()
    assert not view.rename_group(other, "   ")


def test_clicking_another_k_refits_and_keeps_the_curve(win):
    view, seg = _groups(win, "kmeans")
    other = 3 if seg.k != 3 else 4
    got = _wait_for(view, lambda: view.choose_k(other))
    assert got
    refit = view.result.segmentation
    assert refit.k == other and refit.k_curve is None
    assert len(view.plots) == 2  # the automatic run's curve is still there to compare
    assert view.k_spin.value() == other


def test_dragging_the_tree_cut_line_chooses_the_number_of_groups(win):
    from desktop.ui.views.dendrogram import height_for

    view, seg = _groups(win, "hierarchical")
    assert seg.linkage is not None and view.dendrogram is not None and not view.dendrogram.isHidden()
    target = 4 if seg.k != 4 else 5
    height = height_for(seg.linkage, target)
    assert view.dendrogram.k_at(height) == target
    got = _wait_for(view, lambda: view.dendrogram.set_cut_height(height))
    assert got
    assert view.result.segmentation.k == target
    assert f"{target} groups" in view.dendrogram.count.text()


def test_soft_membership_shows_in_the_customer_panel(win):
    view, seg = _groups(win, "gmm")
    assert seg.probabilities is not None
    # a customer who belongs to two groups in part
    p = seg.probabilities
    mixed = p.index[(p.max(axis=1) < 0.9)]
    customer = str(mixed[0] if len(mixed) else p.index[0])
    from desktop.ui.views.customer_panel import PANEL_SECTIONS

    sections = [s(win.session, customer) for s in PANEL_SECTIONS]
    mine = [s for s in sections if s is not None and s[0] == "Group in your data"]
    assert len(mine) == 1
    text = mine[0][1].text()
    assert seg.membership(customer)[0] in text and "%" in text
    win.open_customer(customer)
    assert any(box.title() == "Group in your data" for box in win.customer_panel.findChildren(
        type(win.customer_panel.profile_box)))


def test_dense_groups_and_rfm_run_and_say_how_reliable_they_are(win):
    view, seg = _groups(win, "hdbscan")
    assert set(seg.labels) <= set(seg.names)
    assert not view.k_spin.isEnabled()
    assert "decides the number of groups itself" in view.k_caption.text()
    view, seg = _groups(win, "rfm")
    rfm = win.data.analysis.segments.set_index("key")
    for row in view.model.rows:
        assert row["action"] == rfm.loc[row["key"], "action"]
    assert "fixed scores" in view.quality.text()


def test_closest_rfm_takes_the_majority_segment():
    labels = pd.Series(["s1", "s1", "s1", "s2", "s2"], index=list("abcde"))
    rfm = pd.Series(["lost", "lost", "new", "champions", "champions"], index=list("abcde"))
    near = grouping.closest_rfm(labels, rfm)
    assert near.loc["s1", "rfm"] == "lost" and near.loc["s1", "share"] == pytest.approx(2 / 3)
    assert near.loc["s2", "rfm"] == "champions" and near.loc["s2", "share"] == 1.0


def test_movement_between_two_dates_lists_and_exports_the_movers(win, qtbot, qtmodeltester):
    view = win.views["migration"]
    got = _wait_for(view, lambda: win.nav.setCurrentRow(list(win.views).index("migration")))
    if not got and view.result is None:  # started before the signal was connected
        got = _wait_for(view, view.run)
    mig = view.result
    assert mig is not None
    assert mig.now == pd.Timestamp(win.data.analysis.as_of).normalize()
    assert (mig.now - mig.then).days == 90
    assert int(view.model.counts.sum()) == len(win.data.customers.index.intersection(
        win.data.analysis.lines.loc[win.data.analysis.lines["date"] < mig.now + pd.Timedelta(days=1),
                                    "customer_id"].astype(str).unique()))
    qtmodeltester.check(view.model)
    move = mig.moves[0]
    n = view.select_pair(move["from"], move["to"])
    assert n == move["customers"] == len(view.mover_keys())
    with qtbot.waitSignal(view.exportRequested, timeout=5000) as blocker:
        view.export_button.click()
    assert sorted(blocker.args[0]) == sorted(
        mig.movers.loc[(mig.movers["from"] == move["from"]) & (mig.movers["to"] == move["to"]), "customer_id"])
    if win.dialog is not None:
        win.dialog.reject()
    view.show_all_movers()
    assert len(view.mover_keys()) == len(mig.movers)
    assert "kept their group" in view.summary.text()


def test_movement_of_data_driven_groups_uses_the_chosen_segmentation(win):
    _groups(win, "kmeans")
    view = win.views["migration"]
    view._fill_methods()
    index = view.method.findData("kmeans")
    assert index >= 0
    view.method.setCurrentIndex(index)
    got = _wait_for(view, view.run)
    assert got, view.summary.text()
    seg = win.session.chosen_segmentation()
    assert set(view.result.table.columns) <= set(seg.names)


def test_comparing_before_the_first_purchase_is_a_clear_message(win):
    request = grouping.MigrationRequest(then=pd.Timestamp("2000-01-01"), now=win.data.analysis.as_of,
                                        analysis=win.data.analysis)
    with pytest.raises(InputError):
        grouping.run_migration(request)
    view = win.views["migration"]
    # asked of the session (the view only observes its migration slot): the failure shows in the view
    win.session.ask_migration(pd.Timestamp("2000-01-01"), win.data.analysis.as_of)
    wait_until(lambda: win.session.migration.status is Status.FAILED, TIMEOUT)
    assert "no purchases" in view.summary.text()
    assert np.isfinite(view.model.peak)


def test_the_customer_map_can_colour_by_the_groups_found(win):
    _, seg = _groups(win, "kmeans")
    map_view = win.views["map"]
    win.nav.setCurrentRow(list(win.views).index("map"))
    index = map_view.colour_by.findData("kmeans")
    assert index >= 0 and not map_view.colour_by.isHidden()
    map_view.colour_by.setCurrentIndex(index)
    expected = seg.embedding.reindex(win.data.customers.index)[["x", "y"]].to_numpy()
    assert np.allclose(map_view.xy, expected)
    map_view.colour_by.setCurrentIndex(map_view.colour_by.findData("rfm"))
    assert np.allclose(map_view.xy, win.data.projection)


def test_factor_analysis_each_group_quality_and_prospects_are_shown(win):
    view = win.views["groups"]
    view.factor_box.setChecked(True)
    try:
        view, seg = _groups(win, "kmeans")
    finally:
        view.factor_box.setChecked(False)
    assert seg.factors.n_factors >= 1
    why = view.why.text()
    assert "Factor 1 — " in why and "parallel analysis" in why
    quality = view.quality.text()
    assert "Each group" in quality
    for key in seg.names:
        assert seg.name(key).replace("'", "&#x27;") in quality or seg.name(key) in quality
    # the demo's customer list has sign-ups who never bought
    n = len(win.data.analysis.prospects)
    assert n > 0 and f"plus {n} prospects" in view.summary.text()
