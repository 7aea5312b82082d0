"""The session's requests for the groups and the movement between groups (Qt-free): the defaults a
view shows before the owner picks, the movement computed once per settings and again when the
chosen grouping it reuses changes, and the k curve of an automatic grouping kept for later."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from desktop.jobs import segments as grouping
from desktop.session import ImmediateRunner, Session, Status


@pytest.fixture
def session(monkeypatch) -> Session:
    calls: list = []

    def fake_migration(request, progress=None):  # what the session asked for, not a real comparison
        calls.append(request)
        return SimpleNamespace(request=request)

    monkeypatch.setattr(grouping, "run_migration", fake_migration)
    s = Session(ImmediateRunner())
    analysis = SimpleNamespace(as_of=pd.Timestamp("2024-03-31 15:30"), options=SimpleNamespace(rfm_model=5),
                               customers=None, lines=None)
    s.set_analysis(SimpleNamespace(analysis=analysis))
    s.calls = calls  # type: ignore[attr-defined]
    return s


def _grouping(method: str, k: int | None, curve=None) -> grouping.GroupingResult:
    seg = SimpleNamespace(method=method, k_curve=curve, settings=SimpleNamespace(groups=("behaviour",)))
    return grouping.GroupingResult(request=grouping.GroupingRequest(method=method, k=k), segmentation=seg)


def test_the_default_movement_is_the_last_90_days_of_rfm_groups_and_is_computed_once(session):
    assert session.ask_default("migration", currency="$")
    (request,) = session.calls
    assert (request.then, request.now) == (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-03-31"))
    assert request.method == "rfm" and request.rfm_model == 5 and request.currency == "$"
    assert request.grouping is None and request.segmentation is None
    assert session.migration.status is Status.READY and session.migration.value.request is request
    # the view's "Compare" with the same dates and groups: shared, not computed again
    assert not session.ask_migration(pd.Timestamp("2024-01-01"), pd.Timestamp("2024-03-31"), currency="$")
    assert len(session.calls) == 1
    assert session.ask_migration(pd.Timestamp("2024-02-01"), pd.Timestamp("2024-03-31"), currency="$")
    assert len(session.calls) == 2


def test_movement_of_found_groups_reuses_the_chosen_grouping_and_follows_a_new_one(session):
    first = _grouping("kmeans", None)
    session.put(session.segmentation, first, first.request)
    assert session.ask_migration(method="kmeans")
    assert session.calls[-1].segmentation is first.segmentation and session.calls[-1].grouping == first.request
    assert not session.ask_migration(method="kmeans")
    # the owner chose three groups since: the same dates are other work
    refit = _grouping("kmeans", 3)
    session.put(session.segmentation, refit, refit.request)
    assert session.ask_migration(method="kmeans")
    assert session.calls[-1].segmentation is refit.segmentation and len(session.calls) == 2
    # the RFM groups do not reuse a k-means grouping
    assert session.ask_migration(method="rfm")
    assert session.calls[-1].segmentation is None and session.calls[-1].grouping is None


def test_the_default_grouping_and_the_kept_k_curve(session):
    request = session.default_grouping("¥")
    assert (request.method, request.k, request.rfm_model, request.currency) == ("kmeans", None, 5, "¥")
    curve = pd.DataFrame({"k": [2, 3], "silhouette": [0.4, 0.5]})
    automatic = _grouping("kmeans", None, curve)
    session.put(session.segmentation, automatic, automatic.request)
    fixed = _grouping("kmeans", 4)
    session.put(session.segmentation, fixed, fixed.request)
    assert session.k_curves[("kmeans", ("behaviour",))] is curve  # still there to compare with
    session.set_analysis(None)
    assert session.k_curves == {} and session.migration.status is Status.IDLE
    assert not session.ask_default("migration")  # nothing open, nothing asked
    with pytest.raises(KeyError):
        session.ask_default("no such slot")
