"""Control groups and campaign results: did contacting customers make them buy more?

    split_control_group(ids, share, seed, strata=None)   -> (contacted, control)
    CampaignRecord                                         who was contacted / held out, when, offer, cost
    campaign_results(record, lines, start, end, ...)      -> CampaignResult  (lift with 95% intervals)
    write_campaign_results(result, path, ...)             -> Path  (.xlsx or .csv)

A customer "responded" when they bought anything (a non-return line with a positive amount) in the
period; spend is their net spend in the period (returns subtracted), zero when they bought nothing.
The contacted and control customers were split at random, so the difference between the groups is
the campaign's effect. The response difference uses Newcombe's hybrid score interval (good for
small groups and rates near 0); the spend difference uses Welch's t interval.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from desktop import texts
from desktop.paths import display_name

from .errors import InputError
from .export import (
    atomic_write,
    check_target,
    new_workbook,
    write_csv_rows,
    write_text_cell,
)

RECORD_KIND = "clientele.campaign"
RECORD_VERSION = 1
Z_95 = 1.959963984540054


MAX_RECORD_BYTES = 512 * 1024 * 1024  # a record of ten million customers is about 150 MB
MAX_COST_PER_CONTACT = 1e9


def check_cost_per_contact(value: object, option: str | None = None) -> float:
    """Return `value` as a float when it is a finite number of 0 or more (at most a billion);
    otherwise raise InputError with one sentence naming the cost (or the CLI `option` that gave it)."""
    number = None
    if not isinstance(value, bool):
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError, OverflowError):
            number = None
    if number is None or not math.isfinite(number) or not 0.0 <= number <= MAX_COST_PER_CONTACT:
        raise InputError("campaigns_option_not_a_cost" if option else "campaigns_cost_not_a_number", option=option,
                         value=display_name(str(value))[:40])
    return number


class _DamagedRecord(InputError):
    """A campaign record field with a wrong type or value (`field` names it)."""

    def __init__(self, field_name: str) -> None:
        super().__init__("campaigns_record_damaged", field=field_name)
        self.field = field_name

    def __reduce__(self):
        return (type(self), (self.field,))


def _damaged(field_name: str) -> _DamagedRecord:
    return _DamagedRecord(field_name)


def _text(value: object, name: str, limit: int = 10_000, empty: bool = True) -> str:
    if not isinstance(value, str) or len(value) > limit or (not empty and not value.strip()):
        raise _damaged(name)
    return value


def _texts(value: object, name: str) -> list[str]:
    if not isinstance(value, list) or len(value) > 10_000:
        raise _damaged(name)
    return [_text(v, name, 1000) for v in value]


def _ids(value: object, name: str) -> list[str]:
    """Customer ids: text or whole numbers, each once."""
    if not isinstance(value, list):
        raise _damaged(name)
    ids = []
    for v in value:
        if isinstance(v, str) and 0 < len(v) <= 200:
            ids.append(v)
        elif type(v) is int and abs(v) < 10**30:
            ids.append(str(v))
        else:
            raise _damaged(name)
    if len(set(ids)) != len(ids):
        raise _damaged(name)
    return ids


def _number(value: object, name: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _damaged(name)
    number = float(value) if abs(value) < 1e300 else math.inf
    if not math.isfinite(number) or not low <= number <= high:
        raise _damaged(name)
    return number


def _seed(value: object) -> int | None:
    if value is None:
        return None
    if type(value) is not int or not 0 <= value < 2**63:
        raise _damaged("seed")
    return value


def _flag(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise _damaged(name)
    return value


def _when(value: object, name: str, with_time: bool) -> str:
    """An ISO date (or date-time without a time zone, as the export writes it) from 1900 to 2200
    (pandas dates end in 2262)."""
    if not isinstance(value, str) or len(value) > 40:
        raise _damaged(name)
    try:
        when = _dt.datetime.fromisoformat(value) if with_time else _dt.date.fromisoformat(value)
    except ValueError:
        raise _damaged(name) from None
    if getattr(when, "tzinfo", None) is not None or not 1900 <= when.year <= 2200:
        raise _damaged(name)
    return when.isoformat()


def split_control_group(ids: Sequence[str], share: float, seed: int,
                        strata: Sequence[object] | None = None) -> tuple[list[str], list[str]]:
    """Return (contacted, control): a random `share` of `ids` held out as the control group, the
    rest to contact, each in the order given. The same ids, share and seed always give the same
    split, whatever the input order. With `strata` (e.g. segment keys, one per id) each stratum
    holds out its own share, so the groups are alike segment by segment."""
    ids = [str(i) for i in ids]
    if not 0.0 <= share < 1.0:
        raise InputError("campaigns_control_group_share_must")
    if len(set(ids)) != len(ids):
        raise ValueError("customer ids must be unique")
    if share == 0.0 or not ids:
        return list(ids), []
    labels = [str(s) for s in strata] if strata is not None else [""] * len(ids)
    if len(labels) != len(ids):
        raise ValueError("strata must have one entry per id")
    groups: dict[str, list[str]] = {}
    for i, label in zip(ids, labels):
        groups.setdefault(label, []).append(i)
    rng = np.random.default_rng(seed)
    control: set[str] = set()
    for label in sorted(groups):
        members = sorted(groups[label])  # sorted so the input order does not change the draw
        k = int(math.floor(share * len(members) + 0.5))
        if k:
            picked = rng.choice(len(members), size=k, replace=False)
            control.update(members[p] for p in picked)
    return [i for i in ids if i not in control], [i for i in ids if i in control]


def campaign_record_path(export_path: Path | str) -> Path:
    """Return where the campaign record of an export is kept: `<name>.campaign.json` beside it."""
    path = Path(export_path)
    return path.with_name(path.stem + ".campaign.json")


@dataclass
class CampaignRecord:
    """A campaign as exported: who was contacted, who was held out, when, which segments and offer,
    and the cost per contact. Ids are the real customer ids (results need them), never names,
    phones or emails."""

    campaign_id: str
    created: str  # ISO date-time of the export, local time
    contacted: list[str]
    control: list[str]
    segments: list[str] = field(default_factory=list)
    offer: str = ""
    cost_per_contact: float = 0.0
    control_share: float = 0.0
    seed: int | None = None
    name: str = ""
    as_of: str | None = None  # ISO date of the analysis the list came from
    export_file: str = ""
    source_files: list[str] = field(default_factory=list)
    pseudonymised: bool = False

    @classmethod
    def new(cls, contacted: Iterable[str], control: Iterable[str], *, segments: Iterable[str] = (),
            offer: str = "", cost_per_contact: float = 0.0, control_share: float = 0.0,
            seed: int | None = None, name: str = "", as_of: Any = None, export_file: str = "",
            source_files: Iterable[str] = (), pseudonymised: bool = False,
            created: _dt.datetime | None = None) -> CampaignRecord:
        """Return a new record stamped with the current time and a fresh campaign id."""
        when = (created or _dt.datetime.now()).replace(microsecond=0)
        as_of_text = None
        if as_of is not None and not pd.isna(as_of):
            as_of_text = pd.Timestamp(as_of).date().isoformat()
        return cls(campaign_id=when.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3),
                   created=when.isoformat(), contacted=[str(i) for i in contacted],
                   control=[str(i) for i in control], segments=list(segments), offer=offer,
                   cost_per_contact=float(cost_per_contact), control_share=float(control_share),
                   seed=seed, name=name, as_of=as_of_text, export_file=export_file,
                   source_files=list(source_files), pseudonymised=pseudonymised)

    def title(self, language: str = "en") -> str:
        """The campaign's own name, else the names of its first three groups in `language` (never
        their internal keys such as at_risk), else its id."""
        if self.name:
            return self.name
        from .segments.rfm import SEGMENTS_8, SEGMENTS_11

        known = {**SEGMENTS_8, **SEGMENTS_11}
        names = [texts.label("segment_name", k, language) if k in known else k for k in self.segments[:3]]
        if not names:
            return self.campaign_id
        return texts.join(names, language) + ("…" if len(self.segments) > 3 else "")

    @property
    def start(self) -> pd.Timestamp:
        """The day the campaign went out (the export's date, at midnight)."""
        return pd.Timestamp(self.created).normalize()

    def to_dict(self) -> dict[str, Any]:
        """Return the record as plain JSON-ready data."""
        return {"kind": RECORD_KIND, "version": RECORD_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CampaignRecord:
        """Return the record stored in `data` (as written by to_dict), every field checked: a
        record is a file anyone can edit, so a wrong type, a bad date or a non-finite number
        raises InputError with one sentence, never anything else."""
        if not isinstance(data, dict) or data.get("kind") != RECORD_KIND:
            raise InputError("campaigns_file_clientele_campaign_record")
        version = data.get("version", 0)
        if type(version) is not int or version < 1:
            raise _damaged("version")
        if version > RECORD_VERSION:
            raise InputError("campaigns_campaign_record_written_newer")
        missing = [k for k in ("campaign_id", "created", "contacted", "control") if k not in data]
        if missing:
            raise InputError("campaigns_campaign_record_incomplete_export")
        contacted = _ids(data["contacted"], "contacted")
        control = _ids(data["control"], "control")
        if not set(contacted).isdisjoint(control):
            raise _damaged("control")
        return cls(
            campaign_id=_text(data["campaign_id"], "campaign_id", 200, empty=False),
            created=_when(data["created"], "created", with_time=True),
            contacted=contacted, control=control,
            segments=_texts(data.get("segments", []), "segments"),
            offer=_text(data.get("offer", ""), "offer"),
            cost_per_contact=_number(data.get("cost_per_contact", 0.0), "cost_per_contact",
                                     0.0, MAX_COST_PER_CONTACT),
            control_share=_number(data.get("control_share", 0.0), "control_share", 0.0, 0.99),
            seed=_seed(data.get("seed")),
            name=_text(data.get("name", ""), "name"),
            as_of=None if data.get("as_of") is None else _when(data["as_of"], "as_of", with_time=False),
            export_file=_text(data.get("export_file", ""), "export_file"),
            source_files=_texts(data.get("source_files", []), "source_files"),
            pseudonymised=_flag(data.get("pseudonymised", False), "pseudonymised"),
        )

    def save(self, path: Path | str) -> Path:
        """Write the record as JSON atomically and return its path."""

        return atomic_write(Path(path), self.writer())

    def writer(self) -> Any:
        """Return a function writing the record as JSON to the file it is given (for
        export.atomic_write_all)."""
        # ASCII escapes: a file name of undecodable bytes (surrogate escapes) stays writable.
        text = json.dumps(self.to_dict(), ensure_ascii=True, indent=1)
        return lambda tmp: Path(tmp).write_text(text, encoding="utf-8")

    @classmethod
    def load(cls, path: Path | str) -> CampaignRecord:
        """Return the record stored in the JSON file at `path`."""
        path = Path(path)
        shown = display_name(path.name)
        damaged = InputError("campaigns_campaign_record_read_damaged", shown=shown)
        try:
            if not path.exists():
                raise FileNotFoundError(path)
            if not path.is_file() or path.stat().st_size > MAX_RECORD_BYTES:  # FIFOs, folders
                raise damaged
            with open(path, "rb") as handle:  # one read of a regular file, at most the cap
                raw = handle.read(MAX_RECORD_BYTES + 1)
            if len(raw) > MAX_RECORD_BYTES:
                raise damaged
            data = json.loads(raw.decode("utf-8"))
        except FileNotFoundError as exc:
            raise InputError("campaigns_campaign_record_does_exist", shown=shown) from exc
        # ValueError: bad JSON, bad UTF-8, or an integer of thousands of digits; RecursionError:
        # arrays nested thousands deep.
        except (OSError, ValueError, RecursionError) as exc:
            raise damaged from exc
        try:
            return cls.from_dict(data)
        except _DamagedRecord as exc:
            raise InputError("campaigns_campaign_record_damaged_export", shown=shown, field=exc.field) from None


@dataclass
class GroupOutcome:
    """How one group (contacted or control) behaved in the period."""

    customers: int
    responders: int  # customers who bought anything
    response_rate: float
    revenue: float  # net spend of the whole group
    spend_per_customer: float
    spend_sd: float  # standard deviation of spend per customer


@dataclass
class CampaignResult:
    """Contacted vs control over the period, with 95% confidence intervals. `*_lift` values are
    contacted minus control; revenue and return figures are for all contacted customers."""

    campaign_id: str
    start: pd.Timestamp
    end: pd.Timestamp
    contacted: GroupOutcome
    control: GroupOutcome
    response_lift: float
    response_lift_ci: tuple[float, float]
    response_p_value: float
    spend_lift: float  # extra spend per contacted customer
    spend_lift_ci: tuple[float, float]
    spend_p_value: float
    incremental_revenue: float  # spend_lift x contacted customers: revenue the campaign brought
    incremental_revenue_ci: tuple[float, float]
    cost: float  # cost_per_contact x contacted customers
    margin: float  # share of revenue that is profit (1.0: judge on revenue)
    net_return: float  # incremental_revenue x margin - cost
    net_return_ci: tuple[float, float]
    roi: float  # net_return / cost (NaN without a cost)
    messages: list[texts.Message] = field(default_factory=list)  # notes on how far the figures can be trusted

    @property
    def notes(self) -> list[str]:
        """The notes in English (the CLI's)."""
        return [m.text("en") for m in self.messages]

    @property
    def notes_zh(self) -> list[str]:
        """The notes in Simplified Chinese."""
        return [m.text("zh") for m in self.messages]

    def to_frame(self, language: str = "en") -> pd.DataFrame:
        """Return the result as a table: one row per figure with columns metric, contacted,
        control, difference, ci_low, ci_high (95%), p_value."""
        c, k = self.contacted, self.control
        nan = math.nan
        rows = [
            ("customers", c.customers, k.customers, nan, nan, nan, nan),
            ("responders", c.responders, k.responders, nan, nan, nan, nan),
            ("response_rate", c.response_rate, k.response_rate, self.response_lift,
             *self.response_lift_ci, self.response_p_value),
            ("revenue", c.revenue, k.revenue, nan, nan, nan, nan),
            ("spend_per_customer", c.spend_per_customer, k.spend_per_customer,
             self.spend_lift, *self.spend_lift_ci, self.spend_p_value),
            ("incremental_revenue", nan, nan, self.incremental_revenue,
             *self.incremental_revenue_ci, nan),
            ("cost", self.cost, nan, nan, nan, nan, nan),
            ("net_return", nan, nan, self.net_return,
             *self.net_return_ci, nan),
            ("roi", nan, nan, self.roi, nan, nan, nan),
        ]
        return pd.DataFrame(
            [(texts.label("campaign_figure", key, language), *values) for key, *values in rows],
            columns=["metric", "contacted", "control", "difference", "ci_low", "ci_high", "p_value"])


def campaign_results(record: CampaignRecord, lines: pd.DataFrame, start: Any = None,
                     end: Any = None, cost_per_contact: float | None = None,
                     margin: float = 1.0) -> CampaignResult:
    """Return contacted vs control over `start`..`end` (inclusive; a date without a time includes
    that whole day) from order lines with customer_id, date, amount (and is_return when known).
    `start` defaults to the campaign's day, `end` to the last line in `lines`; `cost_per_contact`
    defaults to the record's."""
    # scipy.special, not scipy.stats: the same t distribution at a tenth of the import time.
    from scipy import special

    missing = [c for c in ("customer_id", "date", "amount") if c not in lines.columns]
    if missing:
        raise InputError("campaigns_sales_data_column_so", missing=missing[0])
    if not 0.0 < margin <= 1.0:
        raise InputError("campaigns_profit_margin_must_above")
    cost_each = check_cost_per_contact(record.cost_per_contact if cost_per_contact is None
                                       else cost_per_contact)

    dates = pd.to_datetime(lines["date"], errors="coerce")
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    start_ts = record.start if start is None else pd.Timestamp(start)
    if end is None:
        end_ts = dates.max() if dates.notna().any() else start_ts
        end_excl = end_ts + pd.Timedelta(microseconds=1)
    else:
        end_ts = pd.Timestamp(end)
        whole_day = end_ts == end_ts.normalize()
        end_excl = end_ts + (pd.Timedelta(days=1) if whole_day else pd.Timedelta(microseconds=1))
    if pd.isna(end_ts) or end_ts < start_ts:
        raise InputError("campaigns_end_results_period_before")

    ids = pd.Series(lines["customer_id"]).astype(str)
    amount = pd.to_numeric(lines["amount"], errors="coerce").fillna(0.0)
    is_return = (lines["is_return"].fillna(False).astype(bool) if "is_return" in lines.columns
                 else amount < 0)
    in_period = (dates >= start_ts) & (dates < end_excl)
    in_campaign = ids.isin(set(record.contacted) | set(record.control))
    keep = (in_period & in_campaign).to_numpy()
    spend_by = amount[keep].groupby(ids[keep].to_numpy()).sum()
    bought = set(ids[keep & (~is_return & (amount > 0)).to_numpy()])

    def outcome(members: list[str]) -> tuple[GroupOutcome, np.ndarray, int]:
        spend = spend_by.reindex(members, fill_value=0.0).to_numpy(dtype=float)
        n = len(members)
        responders = sum(1 for m in members if m in bought)
        return (GroupOutcome(customers=n, responders=responders,
                             response_rate=responders / n if n else math.nan,
                             revenue=float(spend.sum()),
                             spend_per_customer=float(spend.mean()) if n else math.nan,
                             spend_sd=float(spend.std(ddof=1)) if n > 1 else math.nan),
                spend, responders)

    treat, treat_spend, x1 = outcome(record.contacted)
    ctrl, ctrl_spend, x2 = outcome(record.control)
    n1, n2 = treat.customers, ctrl.customers

    notes: list[texts.Message] = []
    nan2 = (math.nan, math.nan)
    if n2 == 0 or n1 == 0:
        notes.append(texts.message("campaign_no_control_group"))
        resp_lift, resp_ci, resp_p = math.nan, nan2, math.nan
        spend_lift, spend_ci, spend_p = math.nan, nan2, math.nan
    else:
        resp_lift = x1 / n1 - x2 / n2
        resp_ci = _newcombe_interval(x1, n1, x2, n2)
        resp_p = _two_proportion_p(x1, n1, x2, n2)
        spend_lift, spend_ci, spend_p = _welch(treat_spend, ctrl_spend, special)
        if n2 < 30:
            notes.append(texts.message("campaign_small_control_group", n=n2))
    if not keep.any():
        notes.append(texts.message("campaign_no_sales_yet"))

    cost = cost_each * n1
    incremental = spend_lift * n1
    incremental_ci = (spend_ci[0] * n1, spend_ci[1] * n1)
    net = incremental * margin - cost
    net_ci = (incremental_ci[0] * margin - cost, incremental_ci[1] * margin - cost)
    roi = net / cost if cost > 0 else math.nan
    return CampaignResult(
        campaign_id=record.campaign_id, start=start_ts, end=end_ts, contacted=treat, control=ctrl,
        response_lift=resp_lift, response_lift_ci=resp_ci, response_p_value=resp_p,
        spend_lift=spend_lift, spend_lift_ci=spend_ci, spend_p_value=spend_p,
        incremental_revenue=incremental, incremental_revenue_ci=incremental_ci, cost=cost,
        margin=margin, net_return=net, net_return_ci=net_ci, roi=roi, messages=notes)


def _wilson(x: int, n: int) -> tuple[float, float]:
    p = x / n
    denom = 1 + Z_95**2 / n
    centre = (p + Z_95**2 / (2 * n)) / denom
    half = Z_95 * math.sqrt(p * (1 - p) / n + Z_95**2 / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def _newcombe_interval(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float]:
    """95% interval for p1 - p2 from the two Wilson score intervals (Newcombe 1998, method 10)."""
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = _wilson(x1, n1)
    l2, u2 = _wilson(x2, n2)
    d = p1 - p2
    return (d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
            d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))


def _two_proportion_p(x1: int, n1: int, x2: int, n2: int) -> float:
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 1.0
    return math.erfc(abs(x1 / n1 - x2 / n2) / se / math.sqrt(2.0))  # two-sided normal p


def _welch(a: np.ndarray, b: np.ndarray, special: Any) -> tuple[float, tuple[float, float], float]:
    diff = float(a.mean() - b.mean())
    if len(a) < 2 or len(b) < 2:
        return diff, (math.nan, math.nan), math.nan
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    se = math.sqrt(va + vb)
    if se == 0:
        return diff, (diff, diff), (1.0 if diff == 0 else 0.0)
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    t = float(special.stdtrit(df, 0.975))
    p = float(2 * special.stdtr(df, -abs(diff) / se))
    return diff, (diff - t * se, diff + t * se), p


def write_campaign_results(result: CampaignResult, path: Path | str,
                           input_paths: Iterable[Path | str] = (), language: str = "en",
                           record: CampaignRecord | None = None) -> Path:
    """Write the results table as a small .xlsx (with period, offer and notes) or .csv, atomically,
    and return its path."""

    target = check_target(path, list(input_paths))
    language = "zh" if language.lower().startswith("zh") else language
    frame = result.to_frame(language)
    words = texts.labels("campaign_sheet", language)
    headers = [words[k] for k in ("figure", "contacted", "control", "difference", "ci_low", "ci_high", "p_value")]
    info = [(words["campaign"], result.campaign_id),
            (words["period"],
             f"{result.start:%Y-%m-%d} – {result.end:%Y-%m-%d}")]
    if record is not None and record.offer:
        info.append((words["offer"], record.offer))
    notes = [m.text(language) for m in result.messages]
    percent_rows = {2, 8}  # response rate and return on cost

    if target.suffix.lower() == ".csv":
        rows: list[list[object]] = [[label, str(value)] for label, value in info]
        rows += [[], [*headers]]
        rows += [[row[0], *(None if _missing(v) else float(v) for v in row[1:])]
                 for row in frame.itertuples(index=False)]
        rows += [[note] for note in notes]
        return write_csv_rows(target, rows)

    def write_xlsx(tmp: Path) -> None:

        wb = new_workbook(tmp)
        try:
            ws = wb.add_worksheet(words["sheet"])
            bold = wb.add_format({"bold": True})
            header = wb.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF"})
            text_fmt = wb.add_format({})
            quoted = wb.add_format({"quote_prefix": True})
            money = wb.add_format({"num_format": "#,##0.00"})
            pct = wb.add_format({"num_format": "0.0%"})
            count = wb.add_format({"num_format": "#,##0"})
            p_fmt = wb.add_format({"num_format": "0.000"})
            ws.set_column(0, 0, 30)
            ws.set_column(1, 6, 14)

            def text(r: int, c: int, s: str, fmt: Any = None) -> None:
                write_text_cell(ws, r, c, s, fmt or text_fmt, quoted)

            r = 0
            for label, value in info:
                text(r, 0, label, bold)
                text(r, 1, str(value))
                r += 1
            r += 1
            for j, h in enumerate(headers):
                write_text_cell(ws, r, j, h, header)
            ws.freeze_panes(r + 1, 1)
            r += 1
            for i, row in enumerate(frame.itertuples(index=False)):
                text(r, 0, row[0])
                for j, v in enumerate(row[1:6], start=1):
                    if _missing(v):
                        continue
                    fmt = count if i in (0, 1) and j in (1, 2) else (pct if i in percent_rows else money)
                    ws.write_number(r, j, float(v), fmt)
                if not _missing(row[6]):
                    ws.write_number(r, 6, float(row[6]), p_fmt)
                r += 1
            r += 1
            for note in notes:
                text(r, 0, note)
                r += 1
        except BaseException:
            wb.discard()
            raise
        wb.close()

    return atomic_write(target, write_xlsx)


def _missing(value: Any) -> bool:
    try:
        return value is None or not math.isfinite(float(value))
    except (TypeError, ValueError):
        return True
