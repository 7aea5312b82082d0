"""A marketing list with prediction columns and suggested products, from the session and the jobs
alone: no window, no view ever shown (removing a view removes nothing from an export)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.jobs import analysis, export
from desktop.session import ImmediateRunner, Session, Status


def _shop(path) -> None:
    """60 customers buying tea over a year and a half, some often, some once."""
    rng = np.random.default_rng(7)
    rows = []
    start = pd.Timestamp("2024-01-01")
    for c in range(60):
        visits = 1 + int(rng.integers(0, 8))
        days = np.sort(rng.choice(540, size=visits, replace=False))
        for n, day in enumerate(days):
            product = ["Longjing", "Teapot", "Oolong", "Cups"][(c + n) % 4]
            when = (start + pd.Timedelta(days=int(day))).date()
            rows.append({"Order": f"O{c}-{n}", "Customer": f"C{c:03d}", "Date": when, "Product": product,
                         "Quantity": 1, "Amount": round(float(rng.gamma(3, 12)), 2)})
    pd.DataFrame(rows).to_csv(path, index=False)


def test_a_marketing_list_takes_its_prediction_columns_from_the_session(tmp_path):
    source = tmp_path / "orders.csv"
    _shop(source)
    data = analysis.run(analysis.LoadRequest(paths=[str(source)]))
    session = Session(ImmediateRunner())
    session.set_analysis(data)
    session.ask_predictions(band_names={"low": "Low", "medium": "Medium", "high": "High"})
    session.ask_suggestions()
    assert session.predictions.status is Status.READY, session.predictions.error
    assert session.suggestions.status is Status.READY, session.suggestions.error

    target = tmp_path / "list.csv"
    request = export.ExportRequest(path=str(target), open_folder=False,
                                   extra_columns=["churn_band", "predicted_spend_12m", "suggested_products"])
    result = export.run(session.export_job(request, "en", "$"))
    assert result.rows == len(data.customers)

    back = pd.read_csv(target, dtype=str, encoding="utf-8-sig").set_index("Customer ID")
    table = session.prediction_table()
    predicted = table["predicted_spend_12m"].reindex(back.index).astype(float)
    assert predicted.notna().sum() > 30  # real figures, not an empty column
    shown = back["Expected spend next year"].astype(float)
    assert np.allclose(shown[predicted.notna()], predicted[predicted.notna()], atol=0.01)
    assert set(back["No purchase in 90 days: how likely"].dropna()) <= {"Low", "Medium", "High"}
    suggested = session.suggestion_table()
    first = suggested.sort_values("rank").groupby("customer_id")["product_name"].first()
    some = first.index[0]
    assert back.loc[some, "Suggested products"].split(", ")[0] == first[some]
    # the analysis itself was not changed by the results
    assert "churn_band" not in data.customers.columns
