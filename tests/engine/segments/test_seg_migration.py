import numpy as np
import pandas as pd
import pytest

from desktop.engine.errors import InputError
from desktop.engine.segments.clustering import SegmentSettings
from desktop.engine.segments.migration import NOT_YET, migration


def _lines() -> pd.DataFrame:
    """Order lines of a year: steady regulars, customers who stop in summer, and autumn newcomers."""
    rng = np.random.default_rng(0)
    rows = []
    kinds = {"R": (30, "2025-01-01", "2025-12-31", 12), "S": (30, "2025-01-01", "2025-07-31", 15),
             "N": (20, "2025-11-01", "2025-12-31", 20)}
    for kind, (n, start, end, every) in kinds.items():
        for c in range(n):
            cid = f"{kind}{c:03d}"
            day = pd.Timestamp(start) + pd.Timedelta(days=int(rng.integers(0, every)))
            i = 0
            while day <= pd.Timestamp(end):
                rows.append({"customer_id": cid, "order_id": f"{cid}-{i}", "date": day,
                             "product_id": "P1", "product_name": "Tea", "category": "Tea",
                             "quantity": 1.0, "unit_price": 50.0, "amount": float(rng.uniform(30, 90)),
                             "is_return": False})
                day += pd.Timedelta(days=int(every + rng.integers(-3, 4)))
                i += 1
    return pd.DataFrame(rows)


def test_rfm_migration_counts_every_customer_and_describes_moves():
    lines = _lines()
    mig = migration(lines, method="rfm", days=120)
    assert mig.now == pd.Timestamp(lines["date"].max()).normalize()
    assert mig.then == mig.now - pd.Timedelta(days=120)
    assert int(mig.table.to_numpy().sum()) == lines["customer_id"].nunique()
    # Autumn newcomers were not customers 120 days earlier.
    assert mig.table.loc[NOT_YET].sum() == 20
    newcomers = [m for m in mig.moves if m["from"] == NOT_YET]
    assert newcomers and newcomers[0]["sentence"].endswith(f"joined as {newcomers[0]['to_name']}")
    # Customers who stopped in summer moved to a worse segment; their rows are listed as movers.
    stopped = mig.movers[mig.movers["customer_id"].str.startswith("S")]
    assert len(stopped) > 0
    assert all(m["sentence"] == f"{m['customers']:,} {m['from_name']} became {m['to_name']}"
               for m in mig.moves if m["from"] != NOT_YET)
    d = mig.to_dict()
    assert d["then"] < d["now"] and len(d["movers"]) == len(mig.movers)


def test_clustering_migration_uses_the_rules_of_the_current_segments():
    lines = _lines()
    mig = migration(lines, method="kmeans", days=150, settings=SegmentSettings(stability_runs=0))
    assert int(mig.table.to_numpy().sum()) == lines["customer_id"].nunique()
    assert set(mig.table.columns) <= set(mig.names)
    assert 0.0 <= mig.stayed_share <= 1.0
    assert all(m["from"] != m["to"] for m in mig.moves)


def test_migration_needs_purchases_before_the_earlier_date():
    lines = _lines()
    with pytest.raises(InputError):
        migration(lines, method="rfm", days=400)
