"""Every `clientele` subcommand that does what an app job does goes through that job (desktop/jobs):
the same request through the job and through the CLI gives the same JSON figures, on a small shop
file the test writes; and no subcommand calls the engine's computing functions itself (issue 16,
item 1: "The CLI calls the same jobs")."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from desktop.cli import run_cli
from desktop.cli.common import _jsonable

CLI = Path(__file__).resolve().parents[2] / "desktop" / "cli"

# subcommand module -> the job modules it must import
JOBS = {
    "common": {"desktop.jobs.analysis"},
    "analyze": set(),  # through common (analysis) and exporting (filters, export, predictions, suggestions)
    "exporting": {"desktop.jobs.export", "desktop.jobs.filters", "desktop.jobs.predictions",
                  "desktop.jobs.suggestions"},
    "predict": {"desktop.jobs.predictions"},
    "recommend": {"desktop.jobs.suggestions"},
    "segment": {"desktop.jobs.segments"},
    "campaign": {"desktop.jobs.campaigns"},
    "trends": {"desktop.jobs.trends"},
    "todo": {"desktop.jobs.todo"},
    "forget": {"desktop.jobs.privacy"},
    "protect": {"desktop.jobs.privacy"},
    "projects": {"desktop.jobs.project"},
}
# the engine's computing functions a job calls: a subcommand importing one has stopped going through the job
ENGINE_WORK = {
    "desktop.engine.pipeline": {"analyze", "AnalysisOptions"},
    "desktop.engine.predictions": {"predict_customers", "propensity", "holdout_validation", "PredictionSettings"},
    "desktop.engine.predictions.holdout": {"holdout_validation"},
    "desktop.engine.predictions.propensity": {"propensity"},
    "desktop.engine.predictions.forecast": {"predict_customers"},
    "desktop.engine.suggestions": {"fit_models", "recommend", "evaluate", "bought_together", "who_to_offer",
                                   "SuggestionSettings"},
    "desktop.engine.segments.clustering": {"segment", "SegmentSettings"},
    "desktop.engine.segments.migration": {"migration"},
    "desktop.engine.campaigns": {"campaign_results", "write_campaign_results", "CampaignRecord"},
    "desktop.engine.trends": {"trends_of", "compute_trends"},
    "desktop.engine.todo": {"todo_of"},
    "desktop.engine.filters": {"filter_customers", "FilterData"},
    "desktop.engine.export": {"ExportOptions", "with_extras"},
    "desktop.engine.marketing": {"export_marketing_list"},
    "desktop.engine.forget": {"forget_customer"},
    "desktop.engine.project": {"save_project", "set_project_password"},
}


def _imports(module: str) -> tuple[set[str], set[tuple[str, str]]]:
    """(modules imported, (module, name) pairs imported) anywhere in desktop/cli/<module>.py."""
    tree = ast.parse((CLI / f"{module}.py").read_text("utf-8"))
    modules, names = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            for a in node.names:
                modules.add(f"{node.module}.{a.name}")
                names.add((node.module, a.name))
    return modules, names


@pytest.mark.parametrize("module", sorted(JOBS))
def test_subcommand_imports_its_job_and_no_engine_work(module: str) -> None:
    modules, names = _imports(module)
    missing = JOBS[module] - modules
    assert not missing, f"desktop/cli/{module}.py no longer goes through {sorted(missing)}"
    bypass = sorted(f"{m}.{n}" for m, n in names if n in ENGINE_WORK.get(m, set()))
    assert not bypass, f"desktop/cli/{module}.py computes with the engine itself: {bypass}"


def test_every_subcommand_module_is_checked() -> None:
    from desktop.cli import SUBCOMMAND_MODULES

    assert set(SUBCOMMAND_MODULES) - {"report"} <= set(JOBS)  # report: the analysis job (common) + the PDF


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Path:
    """A small shop: 40 customers buying 8 products over two years, one zero-price line."""
    rng = np.random.default_rng(7)
    rows, order = [], 1000
    products = [("P1", "Tea", "Drinks", 12.0), ("P2", "Coffee", "Drinks", 15.0), ("P3", "Cake", "Food", 22.0),
                ("P4", "Bread", "Food", 6.0), ("P5", "Mug", "Gifts", 30.0), ("P6", "Jam", "Food", 9.0),
                ("P7", "Honey", "Food", 18.0), ("P8", "Card", "Gifts", 4.0)]
    start = pd.Timestamp("2023-01-02")
    for c in range(40):
        visits = int(rng.integers(1, 12))
        days = np.sort(rng.choice(730, size=visits, replace=False))
        for d in days:
            order += 1
            for j in rng.choice(len(products), size=int(rng.integers(1, 4)), replace=False):
                code, name, category, price = products[j]
                rows.append({"Order": order, "Date": (start + pd.Timedelta(days=int(d))).date().isoformat(),
                             "Customer": f"C{c:03d}", "Product code": code, "Product": name,
                             "Category": category, "Qty": int(rng.integers(1, 4)), "Price": price})
    rows.append({**rows[0], "Order": order + 1, "Price": 0.0})
    path = tmp_path_factory.mktemp("shop") / "orders.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def cli_json(capsys, *argv: str):
    capsys.readouterr()
    code = run_cli([*argv, "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


def same(obj):
    """What the CLI would print for `obj` (dates as ISO text, NaN as null)."""
    return json.loads(json.dumps(_jsonable(obj), ensure_ascii=False))


def analysis_of(shop: Path, **options):
    from desktop.jobs.analysis import LoadRequest, analyse

    return analyse(LoadRequest(paths=[str(shop)], **options))


def test_analyze_is_the_analysis_job_with_the_cli_options(capsys, shop: Path) -> None:
    from desktop.jobs import analysis as job

    printed = cli_json(capsys, "analyze", str(shop), "--keep-zero-price")
    data = job.run(job.LoadRequest(paths=[str(shop)], keep_zero_price=True))  # the app's run: analysis + views
    assert printed == same(data.analysis.to_json())
    plain = cli_json(capsys, "analyze", str(shop))
    assert plain["rows_set_aside"] != printed["rows_set_aside"]  # the option reaches the job's request
    assert plain == same(analysis_of(shop).to_json())


def test_where_is_the_filter_job(capsys, shop: Path) -> None:
    from desktop.jobs.filters import FilterRequest, run

    printed = cli_json(capsys, "analyze", str(shop), "--where", "orders >= 4")
    result = run(FilterRequest(analysis_of(shop), "orders >= 4"))
    assert 0 < result.count < 40
    assert printed["where"] == same(result.to_dict("en"))


def test_predict_is_the_prediction_job(capsys, shop: Path) -> None:
    from desktop.jobs import predictions as job

    printed = cli_json(capsys, "predict", str(shop), "--all", "--clv-months", "12", "--time-unit", "day")
    a = analysis_of(shop)
    table = job.run(job.PredictionRequest(as_of=a.as_of, time_unit="day", clv_months=12, lines=a.lines,
                                          customers=job.customer_context(a.customers))).result.table
    assert printed["clv_months"] == 12 and printed["time_unit"] == "day"
    by_id = {r["customer_id"]: r for r in printed["predictions"]}
    assert len(by_id) == len(table) == 40
    for cid, row in table.iterrows():
        assert by_id[cid]["clv"] == pytest.approx(row["clv"]) and by_id[cid]["p_alive"] == pytest.approx(row["p_alive"])
    assert printed["totals"]["clv"] == pytest.approx(float(table["clv"].sum()))


def test_segment_is_the_grouping_job(capsys, shop: Path) -> None:
    from desktop.jobs.segments import GroupingRequest, run

    printed = cli_json(capsys, "segment", str(shop), "--method", "kmeans", "--k", "3", "--seed", "2",
                       "--list-customers")
    a = analysis_of(shop)
    seg = run(GroupingRequest(method="kmeans", k=3, seed=2, customers=a.customers, lines=a.lines,
                              only_available=False)).segmentation
    assert printed["k"] == 3
    assert {r["customer_id"]: r["segment"] for r in printed["customer_segments"]} == \
        {str(k): str(v) for k, v in seg.labels.items()}


def test_recommend_is_the_suggestion_job(capsys, shop: Path) -> None:
    from desktop.jobs.suggestions import SuggestionRequest, run

    printed = cli_json(capsys, "recommend", str(shop), "--k", "2", "--customer", "C001", "--customer", "C002")
    a = analysis_of(shop)
    bundle = run(SuggestionRequest(k=2, lines=a.lines, customers=a.customers, customer_ids=("C001", "C002")))
    assert {r["customer_id"] for r in printed} == {"C001", "C002"}
    assert printed == same(bundle.suggestions.to_dict(orient="records"))


def test_trends_and_todo_are_their_jobs(capsys, shop: Path) -> None:
    from desktop.jobs.todo import TodoRequest
    from desktop.jobs.todo import run as todo
    from desktop.jobs.trends import TrendsRequest
    from desktop.jobs.trends import run as trends

    a = analysis_of(shop)
    assert cli_json(capsys, "trends", str(shop)) == same(trends(TrendsRequest(a)).to_dict("en"))
    printed = cli_json(capsys, "todo", str(shop), "--days", "30", "--limit", "5")
    assert printed == same(todo(TodoRequest(a, days=30, limit=5)).to_dict("en"))
    assert printed["window_days"] == 30


def test_export_and_campaign_are_their_jobs(capsys, shop: Path, tmp_path: Path) -> None:
    from desktop.jobs import campaigns, export

    target = tmp_path / "list.csv"
    printed = cli_json(capsys, "analyze", str(shop), "--export", str(target), "--control-share", "0.25",
                       "--where", "orders >= 2", "--tiers")
    a = analysis_of(shop)
    again = export.run(export.ExportJob(export.ExportRequest(
        path=str(tmp_path / "again.csv"), customer_ids=_matching(a, "orders >= 2"),
        control_share=0.25, tiers="auto"), a))
    assert printed["export"]["rows"] == again.rows and printed["export"]["control"] == again.control
    listed = pd.read_csv(target, encoding="utf-8-sig")
    assert len(listed) == again.rows

    record = printed["export"]["campaign_record"]
    # the period before the campaign's day (the file has nothing after it): the figures only need to agree
    shown = cli_json(capsys, "campaign", record, str(shop), "--margin", "0.5", "--start", "2024-07-01")
    result = campaigns.run(campaigns.CampaignRequest(campaigns.load_record(record), pd.Timestamp("2024-07-01").date(),
                                                     None, None, 0.5, lines=a.lines))
    assert shown["contacted"] == same(result.contacted.__dict__)
    assert shown["control"] == same(result.control.__dict__)
    assert shown["cost"] == pytest.approx(result.cost)


def _matching(analysis, expression: str) -> list[str]:
    from desktop.jobs.filters import FilterRequest, run

    return run(FilterRequest(analysis, expression)).customer_ids
