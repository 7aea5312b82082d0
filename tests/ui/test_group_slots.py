"""The groups and the movement between groups live in the session's slots, asked for by the window
when their view opens and by the views' buttons: each is computed once and shared by every view
that shows it, the latest request wins, and a failure shows in the view. Real fits on the demo shop."""

from __future__ import annotations

import pandas as pd
import pytest

from desktop.jobs import segments as grouping
from desktop.session import Status
from waiting import wait_signal, wait_until

TIMEOUT = 90000


@pytest.fixture(scope="module")
def win(demo_shop):
    return demo_shop


@pytest.fixture
def counted(monkeypatch):
    """Count the groupings and comparisons the jobs compute (the real jobs run)."""
    calls: list[str] = []
    run, run_migration = grouping.run, grouping.run_migration

    def counting_run(request, progress=None):
        calls.append(f"grouping:{request.method}:{request.k}")
        return run(request, progress)

    def counting_migration(request, progress=None):
        calls.append(f"migration:{request.method}")
        return run_migration(request, progress)

    monkeypatch.setattr(grouping, "run", counting_run)
    monkeypatch.setattr(grouping, "run_migration", counting_migration)
    return calls


def _open(win, key: str) -> None:
    win.nav.setCurrentRow(list(win.views).index(key))


def _second_observer(win, cls):
    """Another view of the same kind observing the window's session (not shown)."""
    view = cls(win.runner)
    view.observe(win.adapter)
    view.set_data(win.data)
    return view


def test_groups_are_computed_once_and_shared_by_every_observer(win, counted):
    from desktop.ui.views.groups import GroupsView

    view = win.views["groups"]
    other = _second_observer(win, GroupsView)
    assert win.session.segmentation.status is Status.IDLE and view.result is None
    _open(win, "groups")  # the window asks for the default grouping; the view only observes
    slot = win.session.segmentation
    wait_until(lambda: slot.status in (Status.READY, Status.FAILED), TIMEOUT)
    assert slot.status is Status.READY, view.summary.text()
    assert counted == ["grouping:kmeans:None"]
    assert view.result is slot.value and other.result is slot.value
    assert other.model.rowCount() == view.model.rowCount() == len(slot.value.segmentation.summary)
    # opening the view again, or a view filled later with the same analysis, computes nothing
    _open(win, "overview")
    _open(win, "groups")
    late = _second_observer(win, GroupsView)
    assert late.result is slot.value and late.method_key() == "kmeans"
    # "Find groups" with the settings shown asks for the same grouping: shown again, not refitted
    view.run()
    assert counted == ["grouping:kmeans:None"]
    other.deleteLater()
    late.deleteLater()


def test_the_latest_grouping_asked_for_wins(win, counted):
    view = win.views["groups"]
    _open(win, "groups")
    wait_until(lambda: not win.session.segmentation.running, TIMEOUT)
    shown: list = []
    view.resultShown.connect(shown.append)
    try:
        view.set_method("kmeans")
        view.k_spin.setValue(3)
        view.run()
        assert win.session.segmentation.running
        view.set_method("rfm")  # asked for while the three groups are still being fitted
        view.run()
        slot = win.session.segmentation
        wait_until(lambda: slot.status is Status.READY and slot.request.method == "rfm", TIMEOUT)
        wait_until(lambda: not win.runner.is_busy("segmentation"), TIMEOUT)
    finally:
        view.resultShown.disconnect(shown.append)
    assert [seg.method for seg in shown] == ["rfm"]  # the older request's result was never shown
    assert view.result is slot.value and view.method_key() == "rfm"
    assert win.session.chosen_segmentation().method == "rfm"
    assert counted[-1] == "grouping:rfm:None"


def test_movement_is_computed_once_and_shared(win, counted):
    from desktop.ui.views.migration import MigrationView

    view = win.views["migration"]
    other = _second_observer(win, MigrationView)
    _open(win, "migration")
    slot = win.session.migration
    wait_until(lambda: slot.status in (Status.READY, Status.FAILED), TIMEOUT)
    assert slot.status is Status.READY, view.summary.text()
    assert counted == ["migration:rfm"]
    assert view.result is slot.value and other.result is slot.value
    mig = slot.value
    assert mig.now == pd.Timestamp(win.data.analysis.as_of).normalize() and (mig.now - mig.then).days == 90
    assert view.then_edit.date().toPython() == mig.then.date()
    _open(win, "overview")
    _open(win, "migration")
    view.run()  # the same dates and groups: nothing new is computed
    assert counted == ["migration:rfm"]
    other.deleteLater()


def test_a_failed_comparison_shows_in_the_view(win):
    view = win.views["migration"]
    _open(win, "migration")
    messages: list[str] = []
    view.failed.connect(messages.append)
    try:
        win.session.ask_migration(pd.Timestamp("2000-01-01"), win.data.analysis.as_of)
        wait_until(lambda: win.session.migration.status is Status.FAILED, TIMEOUT)
    finally:
        view.failed.disconnect(messages.append)
    assert len(messages) == 1 and "no purchases" in messages[0]
    assert view.summary.text() == messages[0]
    # asked again with sound dates, the comparison comes back
    view.set_dates(*grouping.migration_period(win.data.analysis.as_of))
    view.run()
    wait_until(lambda: win.session.migration.status is Status.READY, TIMEOUT)
    assert view.result is win.session.migration.value and "kept their group" in view.summary.text()


def test_a_new_analysis_empties_the_slots_and_the_open_view_asks_again(win, counted):
    _open(win, "groups")
    wait_until(lambda: win.session.segmentation.status is Status.READY, TIMEOUT)
    old = win.session.segmentation.value
    win.load(win.request)  # the same file analysed again (e.g. after another analysis date)
    wait_signal(win.analysisReady, timeout_ms=TIMEOUT)
    assert win.session.migration.status is Status.IDLE  # its view is not open: nobody asked
    slot = win.session.segmentation
    wait_until(lambda: slot.status is Status.READY, TIMEOUT)
    assert slot.value is not old and slot.value.request.customers is win.data.analysis.customers
    assert counted == ["grouping:kmeans:None"]
    assert win.views["groups"].result is slot.value
