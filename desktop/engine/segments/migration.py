"""Segment migration between two dates: who moved from which segment to which.

Every customer is segmented as of an earlier date ("then", e.g. 90 days ago) and as of the
analysis date ("now"). RFM is recomputed at each date with the lead's desktop.engine.segments.rfm;
clustering methods are fitted on "now" and their rules tree assigns the "then" customers to the
same segments, so both columns speak of the same groups.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from desktop.engine.errors import InputError
from desktop.engine.progress import Progress, no_progress, scaled

from .clustering import Segmentation, SegmentSettings, segment
from .words import fields, held, label, pair, text

NOT_YET = "not_yet_customer"  # its name: the catalogue's segment_name label


@dataclass
class Migration:
    """Segments at two dates and the moves between them."""

    then: pd.Timestamp
    now: pd.Timestamp
    method: str
    table: pd.DataFrame            # rows: segment then, columns: segment now, values: customers
    names: dict[str, tuple[str, str]]
    moves: list[dict]              # one per (from, to) pair with customers > 0, biggest first
    movers: pd.DataFrame           # customer_id, from, to, from_name, to_name, (_zh), monetary
    stayed_share: float            # share of customers known at both dates who kept their segment

    def to_dict(self, movers: bool = True) -> dict:
        """Return a JSON-ready dict (the movers list only with `movers`)."""
        out = {
            "then": self.then.date().isoformat(), "now": self.now.date().isoformat(),
            "method": self.method,
            "names": {k: {"name": v[0], "name_zh": v[1]} for k, v in self.names.items()},
            "table": {str(r): {str(c): int(v) for c, v in row.items()}
                      for r, row in self.table.iterrows()},
            "moves": self.moves,
            "stayed_share": round(self.stayed_share, 4),
        }
        if movers:
            out["movers"] = [{k: (float(v) if k == "monetary" else str(v)) for k, v in r.items()}
                             for r in self.movers.to_dict("records")]
        return out


def migration(lines: pd.DataFrame, method: str = "rfm", days: int = 90,
              then: pd.Timestamp | None = None, now: pd.Timestamp | None = None,
              profiles: pd.DataFrame | None = None, k: int | None = None,
              settings: SegmentSettings | None = None, segmentation: Segmentation | None = None,
              progress: Progress | None = None) -> Migration:
    """Return the Migration of customers between `then` (default: `days` before `now`) and `now`
    (default: the last date in `lines`).

    For clustering methods an existing `segmentation` of the customers as of `now` can be passed
    to avoid fitting it again.
    """
    from desktop.engine.customers import build_customers, default_as_of

    progress = progress or no_progress
    settings = settings or SegmentSettings()
    now = default_as_of(lines) if now is None else pd.Timestamp(now).normalize()
    then = (now - pd.Timedelta(days=days)) if then is None else pd.Timestamp(then).normalize()
    if then >= now:
        raise InputError("segments_earlier_date_segment_comparison")
    lines_then = lines[lines["date"] < then + pd.Timedelta(days=1)]
    if lines_then.empty:
        raise InputError("segments_purchases_before_so_nothing", then=then.date().isoformat())
    lines_now = lines[lines["date"] < now + pd.Timedelta(days=1)]
    progress(0.0, "Building customers at both dates")
    cust_now = build_customers(lines_now, as_of=now, profiles=profiles)
    cust_then = build_customers(lines_then, as_of=then, profiles=profiles)
    if method == "rfm":
        from . import rfm

        res_now = rfm.apply_rfm(cust_now, model=settings.rfm_model)
        res_then = rfm.apply_rfm(cust_then, model=settings.rfm_model)
        seg_now = res_now.customers["segment"].astype(str)
        seg_then = res_then.customers["segment"].astype(str)
        table = rfm.segment_table(settings.rfm_model)
        names = {key: pair(label("segment_name", key)) for key in table}
    else:
        if segmentation is None:
            segmentation = segment(cust_now, lines_now, method=method, k=k, settings=settings,
                                   progress=scaled(progress, 0.1, 0.8))
        seg_now = segmentation.labels.astype(str)
        seg_then = segmentation.assign(cust_then, lines_then)
        names = dict(segmentation.names)
    progress(0.9, "Counting moves")
    names[NOT_YET] = pair(label("segment_name", NOT_YET))
    before = seg_then.reindex(seg_now.index).fillna(NOT_YET)
    order = [k for k in names if k in set(before) | set(seg_now)]
    table = pd.crosstab(before, seg_now).reindex(index=[k for k in order if k in set(before)],
                                                 columns=[k for k in order if k in set(seg_now)],
                                                 fill_value=0)
    table.index.name, table.columns.name = "then", "now"
    moves = []
    for a in table.index:
        for b in table.columns:
            n = int(table.loc[a, b])
            if n == 0 or a == b:
                continue
            moves.append(_move(a, b, n, names))
    moves.sort(key=lambda m: -m["customers"])
    changed = before != seg_now
    spend = pd.to_numeric(cust_now["monetary"], errors="coerce").reindex(seg_now.index)
    movers = pd.DataFrame({
        "customer_id": seg_now.index[changed].astype(str),
        "from": before[changed].to_numpy(), "to": seg_now[changed].to_numpy(),
        "monetary": spend[changed].to_numpy(),
    })
    for i, suffix in enumerate(("", "_zh")):
        for end in ("from", "to"):
            movers[f"{end}_name{suffix}"] = movers[end].map(lambda k, i=i: names[k][i])
    movers = movers.sort_values("monetary", ascending=False, kind="stable").reset_index(drop=True)
    known = before != NOT_YET
    stayed = float((before[known] == seg_now[known]).mean()) if known.any() else 0.0
    progress(1.0, "Done")
    return Migration(then=then, now=now, method=method, table=table, names=names, moves=moves,
                     movers=movers, stayed_share=stayed)


def _move(a: str, b: str, n: int, names: dict) -> dict:
    code = "migration_became" if a != NOT_YET else "migration_joined_one" if n == 1 else "migration_joined"
    sentence = text(code, n=n, from_name=held(names[a]), to_name=held(names[b]))
    return {"from": a, "to": b, "customers": n, "from_name": names[a][0], "to_name": names[b][0],
            "from_name_zh": names[a][1], "to_name_zh": names[b][1], **fields("sentence", sentence)}
