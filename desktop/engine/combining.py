"""Several files of one shop read as one set of order lines.

- A folder stands for the spreadsheet files in it.
- Files with the same header (monthly exports) are read as one table; a line found in an earlier file
  too (exports covering the same days) is counted once and reported.
- Files with different headers are linked by their values, never by their names: a column of one file
  whose values are (nearly all) found in a column that identifies the rows of another file (an order
  number, a customer id, a product code) is a link. Order lines are the files nobody links to; each is
  joined with what it links to (order lines <- orders <- customers) and takes the order's date,
  customer and status, and the customer's profile. A person id (one per person, e.g. Olist's
  customer_unique_id) is preferred over a customer id that changes with each order.
- Sets of order lines that are not linked (a till and a web shop) are each mapped on their own and
  stacked.

Nothing here converts cells (cleaning.py) or reads bytes (reading.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..texts import Message, message
from .errors import InputError
from .parsing import date_parse_rate, to_text
from .reading import RawTable, combine_same_header, header_key, read_file
from .roles import PROFILE_ROLES, ROLE_LABELS, RoleMatch, detect_roles, normalise_header

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".txt", ".tsv"}
# Roles an orders file decides for its lines; a customer list decides the profile.
ORDER_ROLES = ("date", "customer_id", "order_status", "paid_date", "store")
MONEY_ROLES = ("amount", "unit_price")
PRODUCT_ROLES = ("product_id", "product_name")
LINK_MIN_SHARE = 0.9  # of a column's distinct values found in the other file's key column
LINK_MIN_COVERAGE = 0.3  # of the key's values used, when the two columns have different names
PERSON_MIN_SHARE = 0.3  # a person id has at least this many distinct values per row of its file


@dataclass
class Link:
    """Column `column` of the file(s) `source` names values of the key column `key` of `target`."""

    source: int  # index of the referencing group
    column: str
    target: int  # index of the referenced group
    key: str
    share: float  # of the column's distinct values found in the key
    coverage: float  # of the key's values referenced
    kind: str = "other"  # what the target holds: 'orders', 'customers', 'products' or 'other'


@dataclass
class Group:
    """Tables sharing one header (one file, its sheets, or monthly files)."""

    tables: list[RawTable]
    roles: dict[str, RoleMatch] = field(default_factory=dict)
    _frame: pd.DataFrame | None = None
    _text: dict[str, pd.Series] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        return list(self.tables[0].columns)

    @property
    def files(self) -> list[str]:
        return list(dict.fromkeys(t.file.name for t in self.tables))

    @property
    def label(self) -> str:
        return self.tables[0].label

    @property
    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            frames = [t.data for t in self.tables]
            self._frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].reset_index(drop=True)
        return self._frame

    def text(self, column: str) -> pd.Series:
        if column not in self._text:
            self._text[column] = to_text(self.frame[column])
        return self._text[column]

    def is_lines(self) -> bool:
        """Order lines of their own: customer, date and money (a till or web-shop export)."""
        return {"customer_id", "date"} <= set(self.roles) and any(r in self.roles for r in MONEY_ROLES)


@dataclass
class Part:
    """One set of order lines mapped on its own: tables (the same header) and their roles."""

    tables: list[RawTable]
    roles: dict[str, RoleMatch]
    _summary: tuple[list[str], int] | None = None  # files and rows, kept when the tables are let go

    @property
    def files(self) -> list[str]:
        if self._summary is not None:
            return list(self._summary[0])
        return list(dict.fromkeys(t.file.name for t in self.tables))

    @property
    def rows(self) -> int:
        if self._summary is not None:
            return self._summary[1]
        return int(sum(len(t.data) for t in self.tables))

    def release(self) -> None:
        """Let go of the raw tables (cleaned lines hold what is needed), keeping files and rows."""
        self._summary = (self.files, self.rows)
        self.tables = []


@dataclass
class Combination:
    """How the files were read as one set of order lines (the JSON field `files_combined`)."""

    how: str  # 'one_file', 'same_header', 'stacked', 'joined' or 'joined_and_stacked'
    files: list[str]
    parts: list[Part]
    joins: list[dict] = field(default_factory=list)
    overlap_lines: int = 0
    overlap_rows: list[tuple[str, str, int, str]] = field(default_factory=list)  # file, sheet, row, text
    left_out: list[dict] = field(default_factory=list)  # {file, reason}
    notes: list[Message] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)  # every file read

    def release(self) -> None:
        """Let go of the raw tables once the lines are cleaned (an analysis keeps only the summary)."""
        for part in self.parts:
            part.release()

    def used_paths(self) -> list[Path]:
        """The files whose lines or columns are in the result (not those left out)."""
        out = {x["file"] for x in self.left_out}
        return [p for p in self.paths if p.name not in out]

    def to_dict(self) -> dict:
        from .roles import describe_roles

        return {
            "how": self.how,
            "files": list(self.files),
            "parts": [{"files": p.files, "rows": p.rows, "column_roles": describe_roles(p.roles)}
                      for p in self.parts],
            "joins": [dict(j) for j in self.joins],
            "overlap_lines": int(self.overlap_lines),
            "left_out": [dict(x) for x in self.left_out],
            "notes": [m.to_dict() for m in self.notes],
        }


# ---------------------------------------------------------------- which files


def expand_paths(paths: list[Path], exclude: list[Path] | None = None) -> tuple[list[Path], set[Path]]:
    """Return (the files to read, those of them found in folders). A folder stands for its spreadsheet
    files (not its subfolders, hidden files or Excel's lock files), in name order; a file named twice
    is read once; `exclude` (the customer list) is never read as orders."""
    skip = {_identity(p) for p in exclude or [] if p is not None}
    files: list[Path] = []
    from_folders: set[Path] = set()
    seen: set[Path] = set()
    for p in paths:
        p = Path(p)
        if p.is_dir():
            inside = sorted((f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SPREADSHEET_SUFFIXES
                             and not f.name.startswith((".", "~$"))), key=lambda f: f.name.lower())
            inside = [f for f in inside if _identity(f) not in skip]
            if not inside:
                raise InputError(f"{p} has no spreadsheet files (.xlsx .xls .ods .csv .txt .tsv); choose the folder "
                                 "that holds your exports, or the files themselves.",
                                 zh=f"文件夹“{p}”中没有电子表格文件（.xlsx .xls .ods .csv .txt .tsv）；"
                                    "请选择存放导出文件的文件夹，或直接选择这些文件。")
            from_folders.update(inside)
        else:
            inside = [p]
        for f in inside:
            key = _identity(f)
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files, from_folders


def _identity(p: Path) -> Path:
    try:
        return Path(p).resolve()
    except OSError:
        return Path(p).absolute()


# ---------------------------------------------------------------- reading and combining


def combine(paths: list[Path], sheet: str | None = None, overrides: dict[str, str] | None = None,
            customers_file: Path | None = None) -> Combination:
    """Read the files (and folders) and decide how they form one set of order lines."""
    files, from_folders = expand_paths(list(paths), [customers_file] if customers_file else None)
    tables: list[RawTable] = []
    left_out: list[dict] = []
    warnings: list[Message] = []
    for f in files:
        try:
            read = read_file(f, sheet)
        except InputError:
            if f not in from_folders or len(files) == 1:
                raise
            left_out.append({"file": f.name, "reason": "unreadable"})
            warnings.append(message("file_left_out_unreadable", file=f.name))
            continue
        if f in from_folders and len(read[0].columns) < 2:
            left_out.append({"file": f.name, "reason": "not_table"})
            warnings.append(message("file_left_out_not_table", file=f.name))
            continue
        tables.extend(read)
    if not tables:
        raise InputError("None of the files in the folder could be read as a table of order lines.",
                         zh="文件夹中没有一个文件能作为订单明细表读取。")
    names = list(dict.fromkeys(t.file.name for t in tables))
    read_paths = list(dict.fromkeys(t.file for t in tables))
    groups = _group(tables)
    if len(groups) == 1:
        part = _single_part(groups[0].tables, overrides)
        how = "one_file" if len(names) == 1 else "same_header"
        combination = Combination(how, names, [part], left_out=left_out, warnings=warnings, paths=read_paths)
        if how == "same_header":
            combination.notes.append(message("files_same_header", n=len(names), files=", ".join(names)))
        _drop_overlaps(groups[0].tables, combination)
        return combination
    combination = Combination("stacked", names, [], left_out=left_out, warnings=warnings, paths=read_paths)
    for g in groups:
        if len(g.files) > 1:
            _drop_overlaps(g.tables, combination)
        g.roles = detect_roles(g.frame.head(2000), None, label=g.label, label_zh=g.tables[0].label_zh,
                               file=g.tables[0].file.name, sheet=g.tables[0].sheet)
    links = find_links(groups)
    _plan(groups, links, overrides or {}, combination, explicit={f.name for f in files if f not in from_folders})
    return combination


def _group(tables: list[RawTable]) -> list[Group]:
    """Tables by header, largest group first; each group's tables named with its first one's columns."""
    by_key: dict[tuple[str, ...], list[RawTable]] = {}
    for t in tables:
        by_key.setdefault(header_key(t.columns), []).append(t)
    groups = [Group(combine_same_header(ts)) for ts in by_key.values()]
    return sorted(groups, key=lambda g: -sum(len(t.data) for t in g.tables))


def _single_part(tables: list[RawTable], overrides: dict[str, str] | None) -> Part:
    first = tables[0]
    roles = detect_roles(first.data.head(2000), overrides, label=first.label, label_zh=first.label_zh,
                         file=first.file.name, sheet=first.sheet)
    return Part(tables, roles)


def _drop_overlaps(tables: list[RawTable], combination: Combination) -> None:
    """Drop, from each file, the lines an earlier file of the same header already holds (as many times
    as it holds them: a line bought twice in one export stays twice). Tables of one file (its sheets)
    are not compared with each other."""
    if len({t.file for t in tables}) < 2:
        return
    seen: dict[int, int] = {}  # row hash -> times kept so far
    by_file: dict[Path, list[RawTable]] = {}
    for t in tables:
        by_file.setdefault(t.file, []).append(t)
    earlier: list[str] = []
    for file, ts in by_file.items():
        counts_here: dict[int, int] = {}
        dropped_in_file = 0
        for t in ts:
            hashes = pd.util.hash_pandas_object(_comparable(t.data), index=False).to_numpy()
            keep = np.ones(len(hashes), dtype=bool)
            for i, h in enumerate(hashes.tolist()):
                n = counts_here.get(h, 0) + 1
                counts_here[h] = n
                if n <= seen.get(h, 0):
                    keep[i] = False
            if not keep.all():
                drop = np.flatnonzero(~keep)
                for i in drop[:5]:
                    text = " | ".join(str(v) for v in t.data.iloc[i].tolist()
                                      if v is not None and str(v) not in ("", "nan"))
                    combination.overlap_rows.append((t.file.name, t.sheet, int(t.row_numbers[i]), text[:120]))
                combination.overlap_rows.extend((t.file.name, t.sheet, int(t.row_numbers[i]), "")
                                                for i in drop[5:])
                t.data = t.data[keep].reset_index(drop=True)
                t.row_numbers = t.row_numbers[keep]
                dropped_in_file += len(drop)
        for h, n in counts_here.items():
            if n > seen.get(h, 0):
                seen[h] = n
        if dropped_in_file:
            combination.overlap_lines += dropped_in_file
            combination.warnings.append(message("files_overlap", file=file.name, n=dropped_in_file,
                                                others=", ".join(earlier)))
        earlier.append(file.name)


def _comparable(data: pd.DataFrame) -> pd.DataFrame:
    """Cells as text, so that 17850 in one workbook and 17850.0 in another compare equal."""
    return pd.DataFrame({j: to_text(data[c]).fillna("") for j, c in enumerate(data.columns)})


# ---------------------------------------------------------------- links between files


def _distinct(g: Group, column: str) -> set:
    values = g.text(column)
    return set(values.dropna().unique().tolist())


def _key_columns(g: Group) -> list[str]:
    """Columns that identify the rows of the group: filled, unique, not numbers with fractions or money."""
    keys = []
    for c in g.columns:
        role = next((r for r, m in g.roles.items() if m.column == c), None)
        if role in ("date", "paid_date", "birthday", "quantity", "amount", "unit_price", "age", "income"):
            continue
        if not g.frame[c].dropna().is_unique:  # cells that repeat repeat as text too: no need to convert
            continue
        values = g.text(c)
        filled = values.dropna()
        if len(filled) < 2 or len(filled) < 0.95 * len(values) or not filled.is_unique:
            continue
        if filled.str.fullmatch(r"-?\d+\.\d+").mean() > 0.5:
            continue
        keys.append(c)
    return keys


def find_links(groups: list[Group]) -> list[Link]:
    """Every link between groups: for each pair, the referencing column whose distinct values are
    found (90% or more) in a key column of the other, best covering the key. Two files that are each
    order lines of their own (customer, date and money) are not linked: they are two channels."""
    keys = {i: _key_columns(g) for i, g in enumerate(groups)}
    key_values = {(i, k): _distinct(groups[i], k) for i in keys for k in keys[i]}
    links: list[Link] = []
    for s, src in enumerate(groups):
        skip_roles = {"date", "paid_date", "birthday", "quantity", "amount", "unit_price", "age", "income"}
        skip = {m.column for r, m in src.roles.items() if r in skip_roles}
        for t, dst in enumerate(groups):
            if s == t or not keys[t]:
                continue
            both_lines = src.is_lines() and dst.is_lines()
            best: tuple[float, Link] | None = None
            for c in src.columns:
                if c in skip:
                    continue
                values = _distinct(src, c)
                if len(values) < 2:
                    continue
                for k in keys[t]:
                    kv = key_values[(t, k)]
                    inter = len(values & kv)
                    if inter < 2:
                        continue
                    share, coverage = inter / len(values), inter / len(kv)
                    same_name = normalise_header(c) == normalise_header(k)
                    if share < LINK_MIN_SHARE or (not same_name and coverage < LINK_MIN_COVERAGE):
                        continue
                    score = share + coverage + (0.5 if same_name else 0.0)
                    # Two files with customer, date and money of their own are two channels unless
                    # the linked rows agree on the customer or the day (a till's receipt 1001 is not
                    # the web shop's order 1001).
                    if both_lines and (best is None or score > best[0]) and _agreement(src, c, dst, k) < 0.9:
                        continue
                    if best is None or score > best[0]:
                        best = (score, Link(s, c, t, k, share, coverage))
            if best is not None:
                links.append(best[1])
    for link in links:
        link.kind = _kind(groups, link)
    return links


def _positions(keys: pd.Series, values: pd.Series) -> np.ndarray:
    """The row of `keys` holding each of `values` (NaN where none does); empty keys match nothing."""
    filled = keys.dropna()
    position = pd.Series(filled.index.to_numpy(dtype=np.float64), index=filled.to_numpy())
    return position.reindex(values.to_numpy()).to_numpy(dtype=np.float64)


def _column_of(g: Group, role: str) -> str | None:
    match = g.roles.get(role)
    return match.column if match is not None else None


def _agreement(src: Group, column: str, dst: Group, key: str, sample: int = 5_000) -> float:
    """Share of the linked rows (a sample) whose customer, or else whose day, is the same in both files."""
    from .parsing import parse_dates

    if column == _column_of(src, "customer_id") or key == _column_of(dst, "customer_id"):
        return 0.0  # the same customers buying in both channels do not make one file of the other
    values = src.text(column).head(sample)
    rows = _positions(dst.text(key), values)
    found = ~np.isnan(rows)
    if not found.any():
        return 0.0
    take = rows[found].astype(np.int64)
    best = 0.0
    if "customer_id" in src.roles and "customer_id" in dst.roles:
        mine = src.text(src.roles["customer_id"].column).head(sample).to_numpy()[found]
        theirs = dst.text(dst.roles["customer_id"].column).to_numpy()[take]
        best = float(np.mean(mine == theirs))
    if best < 0.9 and "date" in src.roles and "date" in dst.roles:
        mine = parse_dates(src.frame[src.roles["date"].column].head(sample)).values.dt.normalize().to_numpy()[found]
        theirs = parse_dates(dst.frame[dst.roles["date"].column]).values.dt.normalize().to_numpy()[take]
        best = max(best, float(np.mean(mine == theirs)))
    return best


def _kind(groups: list[Group], link: Link) -> str:
    """What the linked file holds, from the role of the linking columns, else from its roles."""
    for g, column in ((groups[link.source], link.column), (groups[link.target], link.key)):
        # a role guessed from the cells alone (below 0.5) says too little about what the file holds
        role = next((r for r, m in g.roles.items() if m.column == column and m.confidence >= 0.5), None)
        if role in ("order_id", "customer_id", "product_id"):
            return {"order_id": "orders", "customer_id": "customers", "product_id": "products"}[role]
    roles = groups[link.target].roles
    if "date" in roles:
        return "orders"
    if any(r in roles for r in PROFILE_ROLES):
        return "customers"
    if any(r in roles for r in ("product_name", "category")):
        return "products"
    return "other"


# ---------------------------------------------------------------- planning the parts


def _plan(groups: list[Group], links: list[Link], overrides: dict[str, str], combination: Combination,
          explicit: set[str]) -> None:
    referenced = {link.target for link in links}
    facts = [i for i in range(len(groups)) if i not in referenced]
    if not facts:  # every file is linked to by another (a cycle): the largest holds the lines
        facts = [0]
    outgoing: dict[int, list[Link]] = {}
    for link in links:
        outgoing.setdefault(link.source, []).append(link)
    # Files linked to the same orders as a file of order lines with products, without products
    # themselves (payments, reviews), are not order lines.
    with_products = {i for i in facts if any(r in groups[i].roles for r in PRODUCT_ROLES)}
    reached: dict[int, set[int]] = {i: _reach(i, outgoing) for i in facts}
    used: set[int] = set()
    for i in facts:
        g = groups[i]
        shares_target = any(reached[i] & reached[j] for j in with_products if j != i)
        if i not in with_products and shares_target and reached[i]:
            _leave_out(g, "not_lines_linked", combination)
            continue
        if not reached[i] and not g.is_lines() and len(facts) > 1 and not (set(g.files) & explicit):
            _leave_out(g, "not_linked", combination)  # found in a folder: not order lines, not linked
            continue
        if reached[i]:
            combination.parts.append(_joined_part(groups, i, outgoing, overrides, combination))
            used |= reached[i]
        else:
            roles = _with_overrides(g.roles, g.columns, overrides, g)
            combination.parts.append(Part(g.tables, roles))
        used.add(i)
    for j in range(len(groups)):
        if j not in used and j not in facts:
            _leave_out(groups[j], "not_linked", combination)
    if not combination.parts:
        raise InputError(f"{groups[0].label}: no file holds order lines (customer, date and amount) or links "
                         "to one; choose the files your till or web shop exported.",
                         zh=f"{groups[0].tables[0].label_zh}：没有一个文件含订单明细（客户、日期和金额），也没有"
                            "文件与之关联；请选择收银系统或网店导出的文件。")
    _check_overrides(overrides, combination.parts)
    joined = bool(combination.joins)
    stacked = len(combination.parts) > 1
    combination.how = "joined_and_stacked" if joined and stacked else "joined" if joined else "stacked"
    if not joined and not stacked:  # the other files were left out
        combination.how = "one_file" if len(combination.parts[0].files) == 1 else "same_header"
    for part in combination.parts:
        if len(part.files) > 1:
            combination.notes.insert(0, message("files_same_header", n=len(part.files), files=", ".join(part.files)))
    if stacked:
        combination.notes.append(message("files_stacked", n=len(combination.parts),
                                         files=", ".join(f for p in combination.parts for f in p.files)))


def _by_kind(links: list[Link]) -> list[Link]:
    """Orders first: the file that names each order's customer is joined before any other list."""
    rank = {"orders": 0, "customers": 1, "products": 2}
    return sorted(links, key=lambda link: rank.get(link.kind, 3))


def _check_overrides(overrides: dict[str, str], parts: list[Part]) -> None:
    """A column chosen for a role must be in at least one of the files read (as one file's must be)."""
    columns = [c for p in parts for c in p.tables[0].columns]
    known = {normalise_header(c) for c in columns}
    for role, column in overrides.items():
        if column and column not in columns and normalise_header(column) not in known:
            names, names_zh = ", ".join(dict.fromkeys(columns)), "、".join(dict.fromkeys(columns))
            role_zh = f"{ROLE_LABELS.get(role, (role, role))[1]}（{role}）"
            raise InputError(f"None of the files has a column {column!r} for {role}; their columns are: {names}.",
                             zh=f"这些文件中都没有用作{role_zh}的列“{column}”；它们的列有：{names_zh}。")


def _reach(i: int, outgoing: dict[int, list[Link]]) -> set[int]:
    seen: set[int] = set()
    stack = [link.target for link in outgoing.get(i, [])]
    while stack:
        j = stack.pop()
        if j in seen or j == i:
            continue
        seen.add(j)
        stack.extend(link.target for link in outgoing.get(j, []))
    return seen


def _leave_out(g: Group, reason: str, combination: Combination) -> None:
    for name in g.files:
        combination.left_out.append({"file": name, "reason": reason})
        combination.warnings.append(message(f"file_left_out_{reason}", file=name))


def _with_overrides(roles: dict[str, RoleMatch], columns: list[str], overrides: dict[str, str],
                    g: Group | None = None, strict: bool = False) -> dict[str, RoleMatch]:
    """Apply the user's role -> column choices to `roles`. A column the table does not have is ignored
    (it belongs to another file), unless `strict` (then it is an InputError listing the columns)."""
    roles = dict(roles)
    for role, column in overrides.items():
        if not column:
            roles.pop(role, None)
            continue
        found = column if column in columns else next(
            (c for c in columns if normalise_header(c) == normalise_header(column)), None)
        if found is None:
            if strict and g is not None:
                label, label_zh = g.label, g.tables[0].label_zh
                names, names_zh = ", ".join(columns), "、".join(columns)
                role_zh = f"{ROLE_LABELS.get(role, (role, role))[1]}（{role}）"
                raise InputError(f"{label} has no column {column!r} for {role}; its columns are: {names}.",
                                 zh=f"{label_zh}中没有用作{role_zh}的列“{column}”；它的列有：{names_zh}。")
            continue
        for other in [r for r, m in roles.items() if m.column == found]:
            del roles[other]
        roles[role] = RoleMatch(found, 1.0, "chosen by you")
    return roles


# ---------------------------------------------------------------- joining


def _joined_part(groups: list[Group], fact: int, outgoing: dict[int, list[Link]], overrides: dict[str, str],
                 combination: Combination) -> Part:
    """The fact group's tables with the columns of every file they link to, and the roles taken from
    the file that decides each (the orders file: date, customer, status; the customer list: profile)."""
    g = groups[fact]
    # Walk the links breadth first: (link, the column holding the referencing values in the joined frame)
    order: list[tuple[Link, str]] = []
    names: dict[tuple[int, str], str] = {(fact, c): c for c in g.columns}
    taken = set(g.columns)
    queue = [(link, link.column) for link in _by_kind(outgoing.get(fact, []))]
    visited = {fact}
    while queue:
        link, via = queue.pop(0)
        if link.target in visited:
            continue
        visited.add(link.target)
        order.append((link, via))
        target = groups[link.target]
        stem = Path(target.files[0]).stem
        names[(link.target, link.key)] = via  # the key holds the same values as the column linking to it
        for c in target.columns:
            if c == link.key:
                continue
            name = c
            if name in taken:
                name = f"{c} ({stem})"
            k = 2
            while name in taken:
                name = f"{c} ({stem} {k})"
                k += 1
            taken.add(name)
            names[(link.target, c)] = name
        queue.extend((nxt, names[(link.target, nxt.column)]) for nxt in _by_kind(outgoing.get(link.target, [])))

    tables = []
    for t in g.tables:
        frame = t.data.copy()
        texts: dict[str, pd.Series] = {c: to_text(frame[c]) for c in {via for _l, via in order if via in frame.columns}}
        for link, via in order:
            target = groups[link.target]
            values = texts[via] if via in texts else to_text(frame[via])
            rows = _positions(target.text(link.key), values)
            found = ~np.isnan(rows)
            take = np.where(found, rows, 0).astype(np.int64)
            for c in target.columns:
                if c == link.key:
                    continue
                col = target.frame[c].to_numpy(dtype=object)[take] if len(target.frame) else np.full(len(frame), None)
                col = np.where(found, col, np.array(None, dtype=object))
                frame[names[(link.target, c)]] = col
                texts.pop(names[(link.target, c)], None)
            missing = int((~found & values.notna().to_numpy()).sum())
            if missing and link.source == fact and link.kind == "orders":
                # the order's customer and date come from the orders file: these lines have none
                combination.warnings.append(message("files_join_unmatched", file=t.file.name, n=missing,
                                                    column=link.column, other=target.files[0]))
            elif missing and link.kind == "customers":
                combination.notes.append(message("files_join_unlisted", file=t.file.name, n=missing,
                                                 column=via, other=target.files[0]))
        tables.append(RawTable(t.file, t.sheet, list(frame.columns), frame, t.row_numbers, t.header_row,
                               t.decimal, list(t.totals_rows), list(t.duplicate_columns), list(t.notes)))

    roles = dict(g.roles)

    def put(role: str, column: str, match: RoleMatch) -> None:
        for other in [r for r, m in roles.items() if m.column == column and r != role]:
            del roles[other]
        roles[role] = match

    for link, via in order:
        target = groups[link.target]
        source_name = groups[link.source].files[0]
        mine = roles.get("customer_id")
        if link.kind == "customers" and mine is not None and mine.column != via and mine.confidence >= 0.5:
            link.kind = "other"  # another file already names the customer (this one lists sellers, say)
        combination.joins.append({
            "lines": source_name, "column": link.column, "to": target.files[0], "key": link.key,
            "kind": link.kind, "matched": round(link.share, 4),
        })
        combination.notes.append(message(f"files_joined_{link.kind}", file=source_name, column=link.column,
                                         other=target.files[0], key=link.key, share=round(link.share, 4)))
        # the target's roles on its columns as named in the joined table (any other field kept)
        renamed = {r: replace(m, column=names[(link.target, m.column)]) for r, m in target.roles.items()}
        if link.kind == "orders":
            for r in ORDER_ROLES:
                if r in renamed:
                    # the orders file decides, unless it only guesses where the lines' own name is clear
                    mine = roles.get(r)
                    if mine is None or not (mine.confidence >= 0.9 and renamed[r].confidence < 0.5):
                        put(r, renamed[r].column, renamed[r])
            for r in PROFILE_ROLES:
                if r in renamed and r not in roles:
                    put(r, renamed[r].column, renamed[r])
        elif link.kind == "customers":
            # the linking column names the customer (in the lines, or in the orders joined before)
            put("customer_id", via, RoleMatch(via, 0.9, f"its values are the customer ids of {target.files[0]}"))
            for r in PROFILE_ROLES:
                if r in renamed:
                    put(r, renamed[r].column, renamed[r])
        elif link.kind == "products":
            for r in ("product_name", "category"):
                if r in renamed and r not in roles:
                    put(r, renamed[r].column, renamed[r])
        _prefer_person_id(target, link, names, roles, put, combination)
    roles = _with_overrides(roles, tables[0].columns, overrides, g, strict=True)
    return Part(tables, roles)


def _prefer_person_id(target: Group, link: Link, names: dict, roles: dict, put, combination: Combination) -> None:
    """A customer id that changes with each order (Olist's customer_id) is replaced by the person id
    beside it: a column named like a customer id, coarser than the key but still one value per person
    for most rows, and no profile field."""
    current = roles.get("customer_id")
    if current is None:
        return
    own = [c for (gi, c), name in names.items() if gi == link.target and name == current.column]
    if link.kind == "customers":
        own = [link.key]  # the lines' (or orders') customer column holds this file's key
    if not own:
        return
    id_column = own[0]
    profile_columns = {m.column for r, m in target.roles.items() if r in (*PROFILE_ROLES, "date", "paid_date")}
    ids = target.text(id_column)
    n_ids = ids.nunique()
    best: tuple[tuple[bool, int], str] | None = None
    for c in target.columns:
        if c == id_column or c in profile_columns or not _names_customer(c):
            continue
        values = target.text(c)
        filled = values.dropna()
        if len(filled) < 0.95 * len(values):
            continue
        distinct = filled.nunique()
        if not (PERSON_MIN_SHARE * n_ids <= distinct < n_ids):
            continue
        if filled.str.fullmatch(r"-?\d+\.\d+").mean() > 0.5 or _dates(filled):
            continue
        # one person per id: the pairs are a function of the id column
        pairs = pd.DataFrame({"id": ids, "p": values}).dropna().drop_duplicates()
        if pairs["id"].duplicated().any():
            continue
        # a name saying 'unique' or 'person' first, then the finest grouping
        rank = (bool(re.search(r"unique|person|唯一", normalise_header(c))), distinct)
        if best is None or rank > best[0]:
            best = (rank, c)
    if best is None:
        return
    people = best[0][1]
    column = names[(link.target, best[1])]
    put("customer_id", column, RoleMatch(column, 0.9, f"one id per person ({people:,} people), where "
                                                      f"{id_column!r} changes with each order"))
    combination.notes.append(message("files_person_id", file=target.files[0], column=best[1], instead=id_column,
                                     n=int(people)))


def _dates(values: pd.Series) -> bool:
    """Date-times written as text (plain numbers are ids, even where Excel could read them as dates)."""
    sample = values.head(200)
    return bool(sample.str.contains(r"\D").mean() > 0.5 and date_parse_rate(sample) > 0.8)


def _names_customer(column: str) -> bool:
    from .roles import SYNONYMS

    h = normalise_header(column)
    words = {normalise_header(s) for s in SYNONYMS["customer_id"]}
    return any(w in h for w in words if (len(w) >= 4 if w.isascii() else len(w) >= 2)) or bool(
        re.search(r"person|unique|唯一", h))


# ---------------------------------------------------------------- after cleaning


def stack_results(results: list, combination: Combination):
    """One CleanResult from the cleaned parts: lines stacked (order numbers that two parts share kept
    apart), reports added up, the lines dropped as overlaps set aside as 'overlap', and the
    combination's notes and warnings first in the report."""
    from .cleaning import MAX_EXAMPLES, CleaningReport, CleanResult, SetAsideExample

    report = CleaningReport()
    frames = []
    seen_orders: set = set()
    for i, r in enumerate(results):
        lines = r.lines
        orders = set(lines["order_id"].dropna().unique().tolist())
        if i and orders & seen_orders:
            lines = lines.copy()
            lines["order_id"] = lines["source_file"].astype(str) + ":" + lines["order_id"].astype(str)
            for name in combination.parts[i].files:
                combination.warnings.append(message("files_order_ids_apart", file=name))
            orders = set(lines["order_id"].unique().tolist())
        seen_orders |= orders
        frames.append(lines)
        rep = r.report
        report.rows_read += rep.rows_read
        report.rows_used += rep.rows_used
        report.returns += rep.returns
        for k, n in rep.set_aside.items():
            report.set_aside[k] = report.set_aside.get(k, 0) + n
            report.set_aside_rows.setdefault(k, []).extend(rep.set_aside_rows.get(k, []))
            room = MAX_EXAMPLES - len(report.examples.get(k, []))
            if room > 0:
                report.examples.setdefault(k, []).extend(rep.examples.get(k, [])[:room])
        report.notes.extend(rep.notes)
        report.warnings.extend(rep.warnings)
        report.has_prices = report.has_prices and rep.has_prices  # money figures only when every part has them
        report.walk_in = _merge_walk_in(report.walk_in, rep.walk_in)
    if combination.overlap_lines:
        rows = combination.overlap_rows
        report.rows_read += len(rows)
        report.set_aside["overlap"] = len(rows)
        report.set_aside_rows["overlap"] = [(f, s, n) for f, s, n, _t in rows]
        report.examples["overlap"] = [SetAsideExample(f, s, n, t) for f, s, n, t in rows[:MAX_EXAMPLES]]
    report.notes[:0] = list(combination.notes)
    report.warnings[:0] = list(combination.warnings)
    lines = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    profiles = results[0].profiles
    for r in results[1:]:
        if len(r.profiles):
            profiles = profiles.combine_first(r.profiles) if len(profiles) else r.profiles
    return CleanResult(lines, report, profiles)


def _merge_walk_in(a, b):
    """Walk-in sales of two parts as one record: ids listed once (lines and revenue added), per day added."""
    if a is None or b is None:
        return a if b is None else b
    from .cleaning import WalkIn

    ids: dict[str, dict] = {}
    for x in [*a.ids, *b.ids]:
        if x["id"] in ids:
            known = [r for r in (ids[x["id"]].get("revenue"), x.get("revenue")) if r is not None]
            ids[x["id"]] = {**ids[x["id"]], "lines": ids[x["id"]]["lines"] + x["lines"],
                            "revenue": round(sum(known), 2) if known else None}
        else:
            ids[x["id"]] = dict(x)
    days = sorted(set(a.days) | set(b.days))
    per_day = {d: [0, [], 0] for d in days}
    for w in (a, b):
        for d, n, r, o in zip(w.days, w.lines, w.revenue, w.orders):
            per_day[d][0] += n
            per_day[d][1].append(r)
            per_day[d][2] += o
    revenue = [None if all(r is None for r in v[1]) else round(sum(r for r in v[1] if r is not None), 2)
               for v in per_day.values()]
    return WalkIn(list(ids.values()), days, [v[0] for v in per_day.values()], revenue,
                  [v[2] for v in per_day.values()])


def files_combined(combination: Combination | None, paths: list[Path]) -> dict:
    """The JSON field `files_combined` (a project saved before files were combined has no record)."""
    if combination is not None:
        return combination.to_dict()
    names = [Path(p).name for p in paths]
    return {"how": "one_file" if len(names) == 1 else "same_header", "files": names, "parts": [], "joins": [],
            "overlap_lines": 0, "left_out": [], "notes": []}
