"""The campaigns view on the demo shop: records from the session and from files, contacted vs control
over a chosen period (the engine's figures, in words and a table), errors in plain words, results
saved as xlsx and CSV."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import QDate
from waiting import wait_until


@pytest.fixture(scope="module")
def shop(demo_shop):
    demo_shop.nav.setCurrentRow(list(demo_shop.views).index("campaigns"))
    return demo_shop


@pytest.fixture(scope="module")
def record(shop):
    """A campaign sent 60 days before the data's last day to two groups, 30% held out."""
    from desktop.engine.campaigns import CampaignRecord, split_control_group

    c = shop.data.customers
    keys = [str(k) for k in c["segment"].value_counts().index[:2]]
    ids = list(c.index[c["segment"].isin(keys)])
    contacted, control = split_control_group(ids, 0.3, seed=7)
    sent = (shop.data.figures.last_date - pd.Timedelta(days=60)).to_pydatetime()
    rec = CampaignRecord.new(contacted, control, segments=keys, offer="Free tea tasting",
                             cost_per_contact=0.8, control_share=0.3, seed=7, name="Autumn letters",
                             created=sent)
    shop.project.add_campaign(rec)
    return rec


def test_records_are_listed_and_choosing_one_fills_the_period(shop, record, qtmodeltester):
    view = shop.views["campaigns"]
    assert view.select_campaign(record.campaign_id)
    qtmodeltester.check(view.records_model)
    assert view.selected_record().campaign_id == record.campaign_id
    assert view.start.date() == QDate(record.start.year, record.start.month, record.start.day)
    last = shop.data.figures.last_date
    assert view.end.date() == QDate(last.year, last.month, last.day)
    assert view.cost.value() == pytest.approx(0.8)
    assert view.compute_button.isEnabled() and not view.save_button.isEnabled()


def test_results_match_the_engine_and_are_saved(shop, record, tmp_path, qtmodeltester):
    from desktop.engine.campaigns import campaign_results

    view = shop.views["campaigns"]
    view.select_campaign(record.campaign_id)
    view.margin.setValue(40)
    view.compute()
    wait_until(lambda: view.result is not None)
    expected = campaign_results(record, shop.data.lines, start=record.start.date(),
                                end=shop.data.figures.last_date.date(), cost_per_contact=0.8, margin=0.4)
    got = view.result
    assert got.contacted.customers == len(record.contacted) == expected.contacted.customers
    assert got.control.responders == expected.control.responders
    assert got.spend_lift == pytest.approx(expected.spend_lift)
    assert got.net_return == pytest.approx(expected.net_return)
    text = view.report.text()
    assert f"Of the {len(record.contacted):,} customers you contacted, {got.contacted.responders:,} bought" in text
    assert "Free tea tasting" in text and "95% range" in text
    qtmodeltester.check(view.result_model)
    assert view.result_model.rowCount() == 8 and view.save_button.isEnabled()

    for name in ("results.xlsx", "results.csv"):
        view.save_results(str(tmp_path / name))
        wait_until(lambda name=name: getattr(view, "saved_path", "").endswith(name))
        assert (tmp_path / name).stat().st_size > 0
    back = pd.read_csv(tmp_path / "results.csv", header=None, names=range(7), encoding="utf-8-sig")
    assert "Campaign" in set(back[0]) and "Response rate" in set(back[0])


def test_an_end_before_the_start_is_explained(shop, record):
    view = shop.views["campaigns"]
    view.select_campaign(record.campaign_id)
    view.end.setDate(view.start.date().addDays(-5))
    view.compute()
    wait_until(lambda: "before its start" in view.report.text())
    assert view.result is None and not view.save_button.isEnabled()


def test_a_campaign_without_control_group_says_it_cannot_be_measured(shop, record):
    from desktop.engine.campaigns import CampaignRecord

    rec = CampaignRecord.new(record.contacted[:20], [], name="No control", created=record.start.to_pydatetime())
    shop.project.add_campaign(rec)
    view = shop.views["campaigns"]
    assert view.select_campaign(rec.campaign_id)
    view.compute()
    wait_until(lambda: view.result is not None and view.result.campaign_id == rec.campaign_id)
    assert "no control group" in view.report.text()


def test_an_unnamed_campaign_is_listed_by_its_groups_names_not_their_keys(shop):
    """Issue 18, item 6: 'at_risk, cant_lose' was shown; the groups' names are, in both languages."""
    from desktop.engine.campaigns import CampaignRecord
    from desktop.ui.i18n import install_language

    c = shop.data.customers
    ids = [str(k) for k in c.index[:6]]
    rec = CampaignRecord.new(ids[:4], ids[4:], segments=["at_risk", "cant_lose"], offer="", cost_per_contact=0.0,
                             control_share=0.3, seed=1, name="")
    shop.project.add_campaign(rec)
    view = shop.views["campaigns"]
    view.refresh()
    row = view.records_model.row_of_key(rec.campaign_id)
    assert row >= 0
    assert view.records_model.index(row, 0).data() == "At Risk, Can't Lose Them"
    try:
        install_language("zh_CN")
        view.refresh()
        shown = view.records_model.index(view.records_model.row_of_key(rec.campaign_id), 0).data()
        # the names, joined as Chinese lists are (desktop/texts: list_separator)
        assert shown == "流失风险、不能失去的客户"
    finally:
        install_language("en")
