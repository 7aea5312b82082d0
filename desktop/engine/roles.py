"""Which column holds what: column roles detected from header names (English and Chinese) and from
the cells themselves, each with a confidence and a reason; the user can override any of them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..texts import Message, message
from .errors import InputError
from .parsing import is_missing_text, parse_dates, parse_numbers

ROLES = [
    "customer_id", "customer_name", "phone", "email", "order_id", "date", "product_id", "product_name",
    "category", "quantity", "unit_price", "amount", "age", "gender", "city", "birthday", "income",
    "store", "order_status", "paid_date",
]
NUMERIC_ROLES = {"quantity", "unit_price", "amount", "age", "income"}
DATE_ROLES = {"date", "birthday"}
PROFILE_ROLES = ["customer_name", "phone", "email", "city", "gender", "birthday", "age", "income"]

ROLE_LABELS = {
    "customer_id": ("Customer ID", "客户编号"),
    "customer_name": ("Customer name", "客户姓名"),
    "phone": ("Phone", "电话"),
    "email": ("Email", "邮箱"),
    "order_id": ("Order / receipt number", "订单号"),
    "date": ("Purchase date", "购买日期"),
    "product_id": ("Product code", "商品编码"),
    "product_name": ("Product name", "商品名称"),
    "category": ("Category", "类别"),
    "quantity": ("Quantity", "数量"),
    "unit_price": ("Unit price", "单价"),
    "amount": ("Line amount", "金额"),
    "age": ("Age", "年龄"),
    "gender": ("Gender", "性别"),
    "city": ("City", "城市"),
    "birthday": ("Birthday", "生日"),
    "income": ("Income", "收入"),
    "store": ("Shop / outlet", "门店"),
    "order_status": ("Order status", "订单状态"),
    "paid_date": ("Payment time", "付款时间"),
}

# Header names per role, compared after normalise_header(). Order within a role does not matter.
SYNONYMS: dict[str, list[str]] = {
    "customer_id": [
        "customerid", "customer", "customerno", "customernumber", "customercode", "custid", "custno",
        "clientid", "client", "clientno", "memberid", "member", "memberno", "membershipno", "membernumber",
        "cardno", "cardnumber", "vipno", "vipid", "userid", "buyerid", "accountid", "accountno", "kundennummer",
        "kundenid", "客户编号", "客户id", "客户号", "客户代码", "客户编码", "会员号", "会员编号", "会员id", "会员卡号",
        "会员卡", "顾客id", "顾客编号", "顾客号", "用户id", "用户编号", "买家id", "卡号", "vip卡号", "会员编码",
    ],
    "customer_name": [
        "customername", "name", "fullname", "clientname", "membername", "buyername", "contactname", "contact",
        "firstname", "姓名", "客户名称", "客户姓名", "客户名", "顾客姓名", "顾客名称", "会员姓名", "会员名称", "收货人",
        "买家昵称", "买家姓名", "联系人", "客户",
    ],
    "phone": [
        "phone", "phonenumber", "phoneno", "mobile", "mobilephone", "mobilenumber", "cell", "cellphone", "tel",
        "telephone", "contactnumber", "whatsapp", "手机", "手机号", "手机号码", "电话", "联系电话", "电话号码",
        "联系方式", "移动电话", "收货人手机", "会员手机",
    ],
    "email": ["email", "emailaddress", "mail", "邮箱", "电子邮箱", "电子邮件", "邮件", "邮箱地址"],
    "order_id": [
        "orderid", "order", "orderno", "ordernumber", "ordercode", "invoice", "invoiceno", "invoicenumber",
        "invoiceid", "receipt", "receiptno", "receiptnumber", "transactionid", "transaction", "transactionno",
        "ticket", "ticketno", "billno", "bill", "salesid", "saleid", "订单号", "订单编号", "订单id", "单号", "小票号",
        "小票编号", "流水号", "交易号", "交易编号", "交易单号", "发票号", "单据号", "单据编号", "销售单号", "订单",
    ],
    "date": [
        "date", "orderdate", "invoicedate", "purchasedate", "transactiondate", "saledate", "salesdate", "datetime",
        "time", "timestamp", "createdat", "orderedat", "ordertime", "purchasetime", "paidat", "day", "datum",
        "日期", "下单时间", "交易时间", "交易日期", "订单日期", "购买日期", "购买时间", "销售日期", "时间", "下单日期",
        "付款时间", "支付时间", "成交时间", "创建时间", "订单时间", "消费时间", "消费日期", "单据日期",
    ],
    "product_id": [
        "productid", "productcode", "productno", "productnumber", "sku", "skuid", "skucode", "itemid", "itemcode",
        "itemno", "itemnumber", "articleno", "articlenumber", "articleid", "stockcode", "barcode", "ean", "upc",
        "plu", "商品编码", "商品编号", "商品id", "货号", "条码", "条形码", "产品编码", "产品编号", "物料编码",
        "sku编码", "商品条码", "款号",
    ],
    "product_name": [
        "productname", "product", "item", "itemname", "description", "itemdescription", "productdescription",
        "articlename", "article", "goods", "goodsname", "title", "producttitle", "dish", "dishname", "dishes",
        "dishesname", "menuitem",
        "菜品名称", "商品名称", "商品", "品名",
        "产品名称", "产品", "商品名", "货品名称", "货品", "宝贝标题", "商品标题", "名称", "菜品", "菜名",
    ],
    "category": [
        "category", "productcategory", "type", "producttype", "group", "productgroup", "department", "class",
        "itemcategory", "categoryname", "类别", "品类", "分类", "商品类别", "商品分类", "类目", "大类", "类型",
        "商品类型", "产品类别", "品类名称",
    ],
    "quantity": [
        "quantity", "qty", "units", "unitssold", "pieces", "pcs", "count", "numberofitems", "numberofcds",
        "menge", "数量", "件数", "购买数量", "销售数量", "商品数量", "销量",
    ],
    "unit_price": [
        "unitprice", "price", "priceeach", "itemprice", "sellingprice", "saleprice", "priceperunit", "unitcost",
        "单价", "价格", "售价", "商品单价", "销售单价", "零售价", "成交单价", "成交价",
    ],
    "amount": [
        "amount", "lineamount", "total", "linetotal", "totalprice", "totalamount", "sales", "revenue", "value",
        "netamount", "paid", "paidamount", "subtotal", "spend", "dollarvalue", "salesamount", "lineprice",
        "betrag", "金额", "实付金额", "销售额", "实付", "支付金额", "成交金额", "总金额", "应付金额", "小计", "总价",
        "合计金额", "实收金额", "销售金额", "商品金额", "消费金额", "实付款", "付款金额", "营业额",
    ],
    "age": ["age", "年龄", "岁数"],
    "gender": ["gender", "sex", "性别"],
    "city": ["city", "town", "城市", "所在城市", "所在地", "收货城市", "市"],
    "birthday": ["birthday", "birthdate", "dateofbirth", "dob", "生日", "出生日期", "出生年月"],
    "income": ["income", "annualincome", "salary", "收入", "年收入", "月收入"],
    # Where the sale was made (a receipt number restarts per outlet and day) and whether an order was
    # paid: cleaning uses them to count receipts and to set unpaid or cancelled orders aside.
    "store": ["store", "storeid", "shop", "shopid", "outlet", "outletid", "salesoutletid", "branch", "location",
              "门店", "门店编号", "门店名称", "店铺", "店铺名称", "分店"],
    "order_status": ["orderstatus", "status", "financialstatus", "paymentstatus", "订单状态", "交易状态", "状态"],
    "paid_date": ["paiddate", "paymentdate", "paymenttime", "付款日期", "订单付款时间"],
}

_NORMALISED_SYNONYMS: dict[str, set[str]] = {}


def normalise_header(name: object) -> str:
    """Lower-case a header and drop spaces, punctuation and units in brackets: 'Unit Price (¥)' -> 'unitprice'."""
    s = str(name).replace("\ufeff", "").strip().lower()
    s = re.sub(r"[（(\[【].*?[）)\]】]", "", s)
    s = re.sub(r"[\s_\-./:：#'\"·]+", "", s)
    return s


def _synonyms() -> dict[str, set[str]]:
    if not _NORMALISED_SYNONYMS:
        for role, names in SYNONYMS.items():
            _NORMALISED_SYNONYMS[role] = {normalise_header(n) for n in names}
    return _NORMALISED_SYNONYMS


def header_match_count(labels: list[str]) -> int:
    """How many of `labels` are known header names of some role (used to find the header row)."""
    syn = _synonyms()
    all_names = set().union(*syn.values())
    return sum(1 for label in labels if normalise_header(label) in all_names)


# --- evidence -------------------------------------------------------------------------------------
# A role is accepted on evidence: its header, its cells, and checks across columns. Every RoleMatch
# says why in a Message (shown in the app's language); one below DOUBT_BELOW, or one whose check
# failed, carries a `doubt` that goes into the cleaning report's warnings.
DOUBT_BELOW = 0.6
PLATFORM_CONFIDENCE = 0.97

# Words of money columns that are not what the customer paid for the line (freight, tax, discount,
# cost, list price, profit, refunds, fees, tips): such a header is a poor amount or unit price.
_NOT_LINE_MONEY = (
    "freight", "shipping", "postage", "delivery", "tax", "vat", "gst", "discount", "coupon", "promo",
    "rebate", "cost", "compare", "original", "msrp", "rrp", "listprice", "profit", "margin", "refund",
    "fee", "commission", "tip", "balance", "points", "deposit",
    "运费", "邮费", "配送费", "快递费", "税", "折扣", "优惠", "成本", "进价", "采购价", "原价", "吊牌价",
    "市场价", "标价", "利润", "毛利", "退款", "手续费", "佣金", "小费", "余额", "积分", "押金",
)
# Words saying the customer paid it: such a column wins over another money column of the same kind.
_PAID_WORDS = ("paid", "actual", "net", "实付", "实际支付", "实收", "成交", "实际成交")
# People who are not the customer: staff, sellers, cashiers.
_STAFF_WORDS = ("seller", "vendor", "staff", "employee", "cashier", "clerk", "operator", "salesperson",
                "salesrep", "salesman", "waiter", "导购", "收银", "营业员", "店员", "员工", "卖家", "商家",
                "操作员", "销售员", "业务员", "经手人", "服务员", "收款人", "职员")
# Short words that usually, not always, mean staff ('emp' is also used for members): such a column
# is taken as the customer only when its ids behave like customers, and with a doubt.
_STAFF_TOKENS = {"emp", "empid", "empno", "agent", "rep"}
# Names of things, not people: a header holding one of these and 'name' is not the customer's name.
_NOT_A_PERSON = ("table", "desk", "seat", "room", "dining", "product", "item", "goods", "dish", "sku", "shop",
                 "store", "outlet", "branch", "brand", "category", "file", "sheet", "menu", "course",
                 "桌", "台号", "座", "包间", "商品", "产品", "菜", "宝贝", "店", "品牌", "类别", "分类")
# A line-number column: 1, 2, 3 within each order.
_LINE_NUMBER_NAME = re.compile(r"^(line|lineitem|orderitem|orderline|row|seq|sequence)(id|no|nr|number|num)$"
                               r"|^(line|lineno|linenumber|seq|seqno|序号|行号|明细号|项次|行次)$")
_FLAG_VALUES = {"0", "1", "y", "n", "yes", "no", "true", "false", "是", "否", "t", "f", "0.0", "1.0"}
_FEW_ROWS = 20  # below this many lines, a column's cells are too few to refuse a named role
_TEXT_DATE = re.compile(r"\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}|^\d{1,2}-[A-Za-z]{3}-\d{2,4}$")


@dataclass
class RoleMatch:
    """A column chosen for a role, how sure we are (0..1), why (`reason`, English; `evidence`, the
    same as a catalogue Message for the app's language) and, when in doubt, the warning to show."""

    column: str
    confidence: float
    reason: str = ""
    evidence: Message | None = None
    doubt: Message | None = None

    def __post_init__(self) -> None:
        if self.evidence is not None and not self.reason:
            self.reason = self.evidence.text("en")

    def text(self, language: str = "en") -> str:
        """Why this column, in `language`."""
        return self.evidence.text(language) if self.evidence is not None else self.reason

    def to_dict(self) -> dict:
        return {"column": self.column, "confidence": round(self.confidence, 2), "reason": self.reason}


def _match(column: str, confidence: float, code: str, **params) -> RoleMatch:
    return RoleMatch(column, confidence, evidence=message(code, column=column, **params))


# --- platforms ------------------------------------------------------------------------------------
_PLATFORM_FILE = Path(__file__).with_name("platforms.json")
_PLATFORM_CACHE: dict = {}


def platform_table() -> dict:
    """The platform export table (platforms.json), read once."""
    if not _PLATFORM_CACHE:
        _PLATFORM_CACHE.update(json.loads(_PLATFORM_FILE.read_text(encoding="utf-8")))
    return _PLATFORM_CACHE


def detect_platform(columns: list[str]) -> dict | None:
    """The platform whose export has this header: most of its identifying names (at least 4 and 60%
    of them, or 8) are columns of the file. None when no platform fits."""
    have = {normalise_header(c) for c in columns}
    best, best_share = None, 0.0
    for p in platform_table()["platforms"]:
        names = {normalise_header(n) for n in p["identify"]}
        found = len(names & have)
        share = found / len(names)
        if found >= 4 and (share >= 0.6 or found >= 8) and share > best_share:
            best, best_share = p, share
    return best


def status_vocabulary() -> dict[str, str]:
    """{status value (lower-case, no spaces): 'unpaid' | 'cancelled' | 'refunded'} from the platform
    table's generic and per-platform status values."""
    vocab: dict[str, str] = {}
    table = platform_table()
    for block in [table["generic_status"]] + [p.get("status", {}) for p in table["platforms"]]:
        for reason, values in block.items():
            for v in values:
                vocab.setdefault(re.sub(r"\s+", "", str(v).lower()), reason)
    return vocab


def _platform_roles(data: pd.DataFrame, platform: dict, roles: list[str], used: set[str],
                    file: str, sheet: str) -> dict[str, RoleMatch]:
    by_name = {normalise_header(c): str(c) for c in data.columns}
    result: dict[str, RoleMatch] = {}
    weak = set(platform.get("weak", []))
    for role, names in platform["roles"].items():
        if role not in roles:
            continue
        for name in names:
            col = by_name.get(normalise_header(name))
            if col is None or col in used or _useless(data[col]):
                continue
            if role in weak:
                m = _match(col, 0.5, "role_by_platform", platform=platform["name"], platform_zh=platform["name_zh"])
                m.doubt = message("role_in_doubt_platform", file=file, sheet=sheet, role=role, column=col,
                                  confidence=0.5, why="platform_has_no_buyer_id", platform=platform["name"],
                                  platform_zh=platform["name_zh"])
            else:
                m = _match(col, PLATFORM_CONFIDENCE, "role_by_platform", platform=platform["name"],
                           platform_zh=platform["name_zh"])
            result[role] = m
            used.add(col)
            break
    return result


# --- cells ----------------------------------------------------------------------------------------
def _nonempty(values: pd.Series, n: int = 2000) -> pd.Series:
    return values[~is_missing_text(values)].head(n)


def _useless(values: pd.Series) -> bool:
    """All empty, all zero, a 0/1 (yes/no) flag, or one text throughout: never a column for a role.
    (One price or one date throughout is a real file: a shop with one price, a day's export.)"""
    cells = _nonempty(values)
    if cells.empty:
        return True
    if len(cells) < _FEW_ROWS:  # too few lines to tell a constant or a flag from chance
        return False
    text = cells.astype(str).str.strip().str.lower()
    distinct = set(text.unique())
    if distinct <= _FLAG_VALUES:
        return True
    if len(distinct) == 1:
        return parse_numbers(cells.head(1)).values.isna().all() and not _looks_like_dates(cells)
    return False


def _looks_like_dates(values: pd.Series) -> bool:
    cells = _nonempty(values, 500)
    if cells.empty:
        return False
    if pd.api.types.is_datetime64_any_dtype(cells) or cells.map(lambda v: hasattr(v, "year")).mean() > 0.9:
        return True
    text = cells.astype(str).str.strip()
    return bool(text.str.contains(_TEXT_DATE).mean() > 0.8)


def _numbers(values: pd.Series) -> pd.Series:
    return parse_numbers(values).values.astype("float64")


def _day_keys(data: pd.DataFrame, date_col: str | None) -> pd.Series | None:
    if date_col is None:
        return None
    return parse_dates(data[date_col]).values.dt.normalize()


def _order_groups(data: pd.DataFrame, order_col: str, date_col: str | None,
                  store_col: str | None = None) -> list[pd.Series]:
    """Keys that make one order: the number, within its day (numbers that restart daily) and outlet."""
    keys = [data[order_col].astype(str)]
    days = _day_keys(data, date_col)
    if days is not None and days.notna().mean() > 0.9:
        keys.append(days)
    if store_col is not None:
        keys.append(data[store_col].astype(str))
    return keys


def _is_line_number(data: pd.DataFrame, col: str, order_keys: list[pd.Series] | None) -> bool:
    """1, 2, 3 … numbering the lines of each order (or named so): never a product, quantity or id."""
    if _LINE_NUMBER_NAME.match(normalise_header(col)):
        return True
    if order_keys is None:
        return False
    nums = _numbers(data[col])
    if nums.notna().mean() < 0.95 or (nums.dropna() % 1 != 0).any() or nums.min() < 0:
        return False
    frame = pd.DataFrame({"n": nums, **{f"k{i}": k for i, k in enumerate(order_keys)}}).dropna()
    groups = frame.groupby([f"k{i}" for i in range(len(order_keys))], sort=False)["n"]
    size, low, high, distinct = groups.size(), groups.min(), groups.max(), groups.nunique()
    multi = size >= 2
    if multi.sum() < max(3, 0.05 * len(size)):
        return False
    numbered = (low[multi] <= 1) & (distinct[multi] == size[multi]) & (high[multi] - low[multi] + 1 == size[multi])
    return bool(numbered.mean() >= 0.9)


# --- header names -----------------------------------------------------------------------------------
def _words_in(header: str, words: tuple[str, ...]) -> bool:
    h = normalise_header(header)
    return any(w in h for w in words)


def _is_staff(header: str) -> bool:
    """Named as staff, seller or cashier: never the customer (see also _maybe_staff)."""
    return _words_in(header, _STAFF_WORDS)


def _maybe_staff(header: str) -> bool:
    tokens = set(_tokens(header))
    return bool(tokens & _STAFF_TOKENS) and not tokens & {"customer", "member", "buyer", "client"}


def _name_score(role: str, header: str) -> tuple[float, str]:
    """(score, evidence code) of a header for a role: a usual name (0.95), or one containing a
    usual name (0.55–0.75); money columns named as freight, tax, discount… and staff ids as the
    customer score low."""
    syn = _synonyms()[role]
    h = normalise_header(header)
    if not h:
        return 0.0, ""
    if h in syn:
        score, code = 0.95, "role_by_header"
    else:
        best = _part_match(header, h, syn)
        if not best:
            return 0.0, ""
        score, code = 0.5 + best, "role_by_header_part"
    if role in ("amount", "unit_price") and _words_in(header, _NOT_LINE_MONEY):
        score *= 0.3
    elif role == "amount" and _words_in(header, _PAID_WORDS):
        score = 0.96  # what the customer actually paid wins over a total or list price
    if role == "customer_id" and (_is_staff(header) or _maybe_staff(header)):
        return 0.0, ""
    if role == "customer_name" and code == "role_by_header_part" and (
            _is_staff(header) or _words_in(header, _NOT_A_PERSON)):
        return 0.0, ""  # 'table name', 'product name', 'staff name' name no customer
    return score, code


def _tokens(header: str) -> list[str]:
    """English words of a header: 'lineItemAmount', 'line_item_amount' -> ['line', 'item', 'amount']."""
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", str(header).replace("\ufeff", ""))
    text = re.sub(r"[（(\[【].*?[）)\]】]", "", text)
    return [t for t in re.split(r"[^0-9a-z]+", text.lower()) if t]


def _part_match(header: str, h: str, synonyms: set[str]) -> float:
    """How well a header contains a usual name (0 when it does not): an English name must be whole
    words of the header (so 'accounts' holds no 'count'), and one at the end of the header (its head
    noun, as in 'dishes_count') counts more; a Chinese name of two or more characters anywhere."""
    tokens = _tokens(header)
    best = 0.0
    for s in synonyms:
        if s.isascii():
            if len(s) < 4:
                continue
            for i in range(len(tokens)):
                joined = ""
                for j in range(i, len(tokens)):
                    joined += tokens[j]
                    if joined in (s, s + "s"):
                        best = max(best, min(0.2, len(s) / 40) + (0.05 if j == len(tokens) - 1 else 0.0))
                    if len(joined) >= len(s):
                        break
        elif len(s) >= 2 and s in h:
            best = max(best, min(0.2, len(s) / 40) + (0.05 if h.endswith(s) else 0.0))
    return best


def _content_check(role: str, values: pd.Series) -> float:
    """Return a multiplier (0..1) saying how well the cells fit the role."""
    nonempty = _nonempty(values, 500)
    if nonempty.empty:
        return 0.3
    # The header already names the role: cells that mostly fit confirm it (a few typos are set
    # aside later, row by row); cells that mostly do not fit mean the name misleads.
    if role in NUMERIC_ROLES:
        rate = float(parse_numbers(nonempty).values.notna().mean())
        return 1.0 if rate >= 0.9 else (0.7 if rate >= 0.5 else 0.1)
    if role in DATE_ROLES or role == "paid_date":
        rate = float(parse_dates(nonempty).values.notna().mean())
        return 1.0 if rate >= 0.9 else (0.7 if rate >= 0.5 else 0.1)
    text = nonempty.astype(str)
    if role == "email":
        return 1.0 if text.str.contains("@").mean() >= 0.7 else 0.2
    if role == "phone":
        return 1.0 if text.str.count(r"\d").mean() >= 6 else 0.3
    if role in ("order_id", "customer_id", "product_id", "product_name") and _looks_like_dates(nonempty):
        return 0.0  # a date-time is never an id or a product
    return 1.0


def _content_guess(role: str, values: pd.Series) -> float:
    """Confidence that an unnamed column holds `role`, from its cells alone (0 when it does not)."""
    nonempty = _nonempty(values, 1000)
    if len(nonempty) < 3:
        return 0.0
    text = nonempty.astype(str).str.strip()
    if role == "email":
        return 0.6 if text.str.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+").mean() > 0.8 else 0.0
    if role == "phone":
        mobile = text.str.replace(r"[\s\-()]", "", regex=True).str.fullmatch(r"(\+?86)?1[3-9]\d{9}")
        return 0.55 if mobile.mean() > 0.6 else 0.0
    if role == "date":
        is_compact = text.str.fullmatch(r"(19|20)\d{6}").mean() > 0.95
        if _looks_like_dates(nonempty) or is_compact:
            rate = float(parse_dates(nonempty).values.notna().mean())
            return 0.6 if rate > 0.9 else 0.0
        return 0.0
    if _looks_like_dates(nonempty):
        return 0.0
    nums = parse_numbers(nonempty).values
    numeric_rate = float(nums.notna().mean())
    if role in ("amount", "unit_price", "quantity"):
        if numeric_rate < 0.95 or text.str.fullmatch(r"0\d+").mean() > 0.2:
            return 0.0
        frac = float((nums.dropna() % 1 != 0).mean())
        if role == "quantity":
            if frac == 0 and nums.abs().median() <= 50 and nums.nunique() <= 200:
                return 0.45
            return 0.0
        return 0.45 if frac > 0.2 else 0.0
    if role in ("customer_id", "order_id"):
        unique_ratio = nonempty.nunique() / len(nonempty)
        if numeric_rate > 0.95 and float((nums.dropna() % 1 != 0).mean()) > 0:
            return 0.0
        if nonempty.nunique() < 2:
            return 0.0
        if role == "customer_id" and unique_ratio < 0.9:
            return 0.45
        if role == "order_id" and unique_ratio < 0.98 and len(nonempty) <= 20 * nonempty.nunique():
            return 0.3
    return 0.0


# --- checks across columns ------------------------------------------------------------------------
def _customer_behaviour(data: pd.DataFrame, col: str, order_keys: list[pd.Series] | None,
                        date_col: str | None, named: bool = False) -> tuple[bool, dict]:
    """Does the column identify people? Many ids (not a category of a few values), one id per order,
    and not a handful of ids serving many orders a day (staff). A column named as the customer needs
    only to be more than a few values. Returns (ok, figures)."""
    ids = data[col].where(~is_missing_text(data[col]))
    n_ids = int(ids.nunique())
    rows = int(ids.notna().sum())
    figures: dict = {"ids": n_ids}
    few = (rows >= 50 and n_ids < 10) if named else \
        (rows >= _FEW_ROWS and n_ids < 3) or (rows >= 50 and n_ids < 10) or (rows >= 200 and n_ids < 20)
    if few:
        figures["why"] = "few_values"
        return False, figures
    if order_keys is not None:
        frame = pd.DataFrame({"id": ids, **{f"k{i}": k for i, k in enumerate(order_keys)}}).dropna()
        keys = [f"k{i}" for i in range(len(order_keys))]
        per_order = frame.groupby(keys, sort=False)["id"].nunique()
        if len(per_order) and (per_order <= 1).mean() < 0.9:
            figures["why"] = "changes_within_order"
            return False, figures
        days = _day_keys(data, date_col)
        if days is not None:
            frame["day"] = days
            per_day = frame.dropna().groupby(["id", "day"], sort=False)[keys[0]].nunique()
            if len(per_day) and per_day.median() > 3:
                figures["why"] = "many_orders_a_day"
                return False, figures
    days = _day_keys(data, date_col)
    if days is not None:
        frame = pd.DataFrame({"id": ids, "day": days}).dropna()
        per_id = frame.groupby("id", sort=False)["day"].agg(["size", "nunique"])
        several = per_id[per_id["size"] >= 2]
        if len(several):
            figures["share"] = float((several["nunique"] >= 2).mean())
    return True, figures


def _matches(a: pd.Series, b: pd.Series) -> pd.Series:
    return (a - b).abs() <= 0.011 + 0.005 * b.abs()


def _money_columns(data: pd.DataFrame, exclude: set[str]) -> list[str]:
    out = []
    for col in data.columns:
        col = str(col)
        if col in exclude or _useless(data[col]) or _looks_like_dates(data[col]):
            continue
        if _numbers(data[col].head(2000)).notna().mean() >= 0.9:
            out.append(col)
    return out


def _check_money(data: pd.DataFrame, result: dict[str, RoleMatch], chosen: set[str],
                 file: str, sheet: str) -> None:
    """Quantity × unit price ≈ line amount decides which money column is the line amount; without a
    price, a column that stays the same when several of a product are bought is the unit price."""
    qty_m, price_m, amount_m = result.get("quantity"), result.get("unit_price"), result.get("amount")
    if qty_m is None:
        return
    qty = _numbers(data[qty_m.column])
    if price_m is not None:
        price = _numbers(data[price_m.column])
        expected = qty * price
        ok = expected.notna()
        if ok.sum() < 3:
            return
        if amount_m is not None and amount_m.confidence < 1.0:
            share = float(_matches(_numbers(data[amount_m.column])[ok], expected[ok]).mean())
            if share >= 0.9:
                _confirm(result, ("quantity", "unit_price", "amount"), "role_qty_price", share)
                return
        if amount_m is not None and amount_m.confidence >= 1.0:
            return
        others = _money_columns(data, chosen - ({amount_m.column} if amount_m else set()))
        best, best_share = None, 0.0
        for col in others:
            if col in (qty_m.column, price_m.column):
                continue
            share = float(_matches(_numbers(data[col])[ok], expected[ok]).mean())
            if share > best_share:
                best, best_share = col, share
        if best is not None and best_share >= 0.9:
            if amount_m is not None:
                chosen.discard(amount_m.column)
            result["amount"] = _match(best, 0.9, "role_qty_price", share=best_share)
            chosen.add(best)
            _confirm(result, ("quantity", "unit_price"), "role_qty_price", best_share)
        elif amount_m is not None:
            share = float(_matches(_numbers(data[amount_m.column])[ok], expected[ok]).mean())
            amount_m.doubt = message("role_in_doubt_check", file=file, sheet=sheet, role="amount",
                                     column=amount_m.column, confidence=round(amount_m.confidence, 2),
                                     why="qty_price_mismatch", share=share)
        return
    if amount_m is None or amount_m.confidence >= 1.0:
        return
    product = result.get("product_id") or result.get("product_name")
    if product is None:
        return
    share, n = _unit_price_share(data[product.column], qty, _numbers(data[amount_m.column]))
    if n >= 5 and share >= 0.8:
        result["unit_price"] = _match(amount_m.column, max(0.7, min(0.9, amount_m.confidence)),
                                      "role_unit_price_constant", share=share)
        del result["amount"]


def _unit_price_share(product: pd.Series, qty: pd.Series, value: pd.Series) -> tuple[float, int]:
    """Of the lines buying several of a product, the share whose value equals the product's value on
    lines buying one (a unit price) rather than quantity times it (a line amount); and their count."""
    frame = pd.DataFrame({"p": product.astype(str), "q": qty, "v": value}).dropna()
    single = frame[frame["q"] == 1].groupby("p")["v"].median()
    several = frame[(frame["q"] > 1) & frame["p"].isin(single.index)]
    if several.empty:
        return 0.0, 0
    base = several["p"].map(single)
    as_price = _matches(several["v"], base)
    as_amount = _matches(several["v"], base * several["q"])
    decided = as_price | as_amount
    if decided.sum() == 0:
        return 0.0, 0
    return float((as_price & ~as_amount)[decided].mean()), int(decided.sum())


def _confirm(result: dict[str, RoleMatch], roles: tuple[str, ...], code: str, share: float) -> None:
    for role in roles:
        m = result.get(role)
        if m is not None and m.confidence < 1.0 and m.evidence is not None and m.evidence.code != "role_by_platform":
            result[role] = RoleMatch(m.column, max(m.confidence, 0.9),
                                     evidence=message(code, column=m.column, share=share))


def _plausible_order(values: pd.Series) -> bool:
    """An order number groups a few lines: a column with hundreds of lines per value (an 'order'
    count) or a date-time is not one."""
    cells = _nonempty(values)
    return not (_looks_like_dates(cells) or (len(cells) >= 200 and len(cells) / max(1, cells.nunique()) > 50))


# --- detection ------------------------------------------------------------------------------------
def detect_roles(data: pd.DataFrame, overrides: dict[str, str] | None = None,
                 roles: list[str] | None = None, label: str = "the file",
                 label_zh: str | None = None, file: str | None = None,
                 sheet: str = "") -> dict[str, RoleMatch]:
    """Return {role: RoleMatch} for the columns of `data`. Each column gets at most one role and each
    role at most one column; overrides (role -> column name) win, and name an unknown column only with
    an InputError that lists the columns. An override with an empty column name (or None) means the
    file has no column for that role. `label` / `label_zh` name the file in errors, `file` / `sheet`
    in the doubts (RoleMatch.doubt) of roles chosen with too little evidence."""
    file = file or label
    roles = list(roles or ROLES)
    overrides = dict(overrides or {})
    # An empty override says "this file has no column for the role": never guess one.
    roles = [r for r in roles if not (r in overrides and not overrides[r])]
    overrides = {r: c for r, c in overrides.items() if c}
    columns = [str(c) for c in data.columns]
    result: dict[str, RoleMatch] = {}
    used: set[str] = set()
    for role, column in overrides.items():
        if role not in roles:
            continue
        if column not in columns:
            wanted = normalise_header(column)
            matches = [c for c in columns if normalise_header(c) == wanted]
            if len(matches) != 1:
                role_zh = ROLE_LABELS.get(role, (role, role))[1]
                raise InputError(
                    f"{label} has no column {column!r} for {role}; its columns are: {', '.join(columns)}.",
                    zh=f"{label_zh or label}中没有用作{role_zh}（{role}）的列"
                       f"“{column}”；它的列有：{'、'.join(columns)}。"
                )
            column = matches[0]
        result[role] = RoleMatch(column, 1.0, evidence=message("role_by_you", column=column))
        used.add(column)

    platform = detect_platform(columns)
    not_customer: set[str] = set()
    if platform is not None:
        found = _platform_roles(data, platform, [r for r in roles if r not in result], used, file, sheet)
        result.update(found)
        by_name = {normalise_header(c): c for c in columns}
        not_customer = {by_name[normalise_header(n)] for n in platform.get("not_customer", [])
                        if normalise_header(n) in by_name}

    useless = {c for c in columns if c not in used and _useless(data[c])}
    named: set[str] = set()
    candidates: list[tuple[float, int, str, str, str]] = []
    for j, col in enumerate(columns):
        if col in used or col in useless:
            continue
        for role in roles:
            score, code = _name_score(role, col)
            if score <= 0:
                continue
            named.add(col)
            if role in result:
                continue
            score *= _content_check(role, data[col])
            if role == "order_id" and not _plausible_order(data[col]):
                continue
            if score >= 0.3:
                candidates.append((score, j, role, col, code))
    candidates.sort(key=lambda t: (-t[0], t[1]))

    # The order and date columns the name points to, for the checks that need orders.
    order_col = next((c for s, _j, r, c, _ in candidates if r == "order_id"), None)
    order_col = result["order_id"].column if "order_id" in result else order_col
    date_col = result["date"].column if "date" in result else next(
        (c for s, _j, r, c, _ in candidates if r == "date"), None)
    store_col = result["store"].column if "store" in result else next(
        (c for s, _j, r, c, _ in candidates if r == "store"), None)
    order_keys = _order_groups(data, order_col, date_col, store_col) if order_col else None
    line_numbers = {c for c in columns if c not in used and c != order_col and c not in useless
                    and _is_line_number(data, c, order_keys)}

    for score, _j, role, col, code in candidates:
        if role in result or col in used:
            continue
        if col in line_numbers and role not in ("order_id",):
            continue
        if role == "customer_id":
            # named as the customer: refused only as a category of a few values (a wrong order
            # column must not unseat it; the order gets the doubt instead)
            ok, fig = _customer_behaviour(data, col, None, date_col, named=True)
            if not ok and not (score >= 0.9 and fig["ids"] >= 5):  # 3-4 values: regions, channels
                continue
            if not ok:  # a usual name for it, but few ids: taken, and said (a shop may have 7 regulars)
                m = _match(col, score, code)
                m.doubt = message("role_in_doubt_few_ids", file=file, sheet=sheet, role=role, column=col,
                                  ids=fig["ids"], rows=int(data[col].notna().sum()))
                result[role] = m
                used.add(col)
                continue
        result[role] = _match(col, score, code)
        used.add(col)
    if "order_id" not in result:
        order_keys = None
    elif result["order_id"].column != order_col:
        order_keys = _order_groups(data, result["order_id"].column, date_col, store_col)

    # Columns without a recognisable name: guess the essential roles from their cells (the customer
    # before the order number: a repeating id is a person before it is an order).
    excluded = useless | line_numbers
    _guess_from_cells(data, result, used, excluded,
                      [r for r in ("date", "email", "phone", "amount", "quantity") if r in roles])
    if "customer_id" in roles and "customer_id" not in result:
        _guess_customer(data, result, used | excluded | not_customer, named, order_keys, file, sheet)
        if "customer_id" in result:
            used.add(result["customer_id"].column)
    _guess_from_cells(data, result, used, excluded, [r for r in ("order_id",) if r in roles])
    _check_money(data, result, used, file, sheet)
    _drop_implausible_order_id(data, result)
    _check_order_customers(data, result, file, sheet)
    _note_customer_evidence(data, result, date_col)
    for role, m in result.items():
        if m.doubt is None and m.confidence < DOUBT_BELOW:
            m.doubt = message("role_in_doubt", file=file, sheet=sheet, role=role, column=m.column,
                              confidence=round(m.confidence, 2), why="cells_only")
    return result


def _check_order_customers(data: pd.DataFrame, result: dict[str, RoleMatch], file: str, sheet: str) -> None:
    """The lines of one order (within its day and outlet) belong to one customer; a number shared by
    several customers on most orders is in doubt."""
    order, customer = result.get("order_id"), result.get("customer_id")
    if order is None or customer is None or order.confidence >= 1.0 or order.doubt is not None:
        return
    keys = _order_groups(data, order.column, result["date"].column if "date" in result else None,
                         result["store"].column if "store" in result else None)
    ids = data[customer.column].where(~is_missing_text(data[customer.column]))
    frame = pd.DataFrame({"id": ids, **{f"k{i}": k for i, k in enumerate(keys)}}).dropna()
    per_order = frame.groupby([f"k{i}" for i in range(len(keys))], sort=False)["id"].nunique()
    if len(per_order) < 3:
        return
    share = float((per_order <= 1).mean())
    if share < 0.8:
        order.doubt = message("role_in_doubt_order", file=file, sheet=sheet, role="order_id", column=order.column,
                              confidence=round(order.confidence, 2), why="several_customers", share=1 - share)


def _guess_from_cells(data: pd.DataFrame, result: dict[str, RoleMatch], used: set[str], excluded: set[str],
                      content_roles: list[str]) -> None:
    """Give the roles still missing to unnamed columns whose cells fit them best."""
    guesses: list[tuple[float, int, str, str]] = []
    for j, col in enumerate(map(str, data.columns)):
        if col in used or col in excluded:
            continue
        for role in content_roles:
            if role in result or (role == "amount" and "unit_price" in result):
                continue
            if role == "order_id" and (_is_staff(col) or _maybe_staff(col)):
                continue
            score = _content_guess(role, data[col])
            if score > 0:
                guesses.append((score, j, role, col))
    for score, _j, role, col in sorted(guesses, key=lambda t: (-t[0], t[1])):
        if role in result or col in used:
            continue
        result[role] = _match(col, score, "role_by_cells")
        used.add(col)


def _guess_customer(data: pd.DataFrame, result: dict[str, RoleMatch], excluded: set[str], named: set[str],
                    order_keys: list[pd.Series] | None, file: str, sheet: str) -> None:
    """No column is named as the customer: take one whose cells behave like people's ids (many ids,
    one per order, each buying on several days), never a column named for another role. A column
    named as staff or seller ids is taken only when it behaves like customers, with a doubt."""
    date_col = result["date"].column if "date" in result else None
    order_col = result["order_id"].column if "order_id" in result else None
    best: tuple[tuple[bool, int], str, dict, bool] | None = None
    for col in map(str, data.columns):
        if col in excluded or col == order_col or any(m.column == col for m in result.values()):
            continue
        if _is_staff(col):
            continue  # a seller, cashier or employee is never the buyer
        staff = _maybe_staff(col)
        if col in named and not staff:
            continue
        if _content_guess("customer_id", data[col]) <= 0:
            continue
        ok, figures = _customer_behaviour(data, col, order_keys, date_col)
        if not ok:
            continue
        if order_col is not None and figures["ids"] >= _nonempty(data[order_col]).nunique():
            continue  # as many ids as orders: a per-order number, not a person
        # an id-like name first (not 'expenditure'); then more ids: people outnumber tables and outlets
        id_named = bool(set(_tokens(col)) & {"id", "no", "nr", "code", "number", "num", "card"}) or \
            any(w in normalise_header(col) for w in ("编号", "号", "卡", "代码"))
        score = (id_named, figures["ids"])
        if best is None or score > best[0]:
            best = (score, col, figures, staff)
    if best is None:
        return
    _score, col, figures, staff = best
    m = _match(col, 0.5, "role_customer_repeat", ids=figures["ids"], share=figures.get("share", 0.0))
    m.doubt = message("role_in_doubt_staff" if staff else "role_in_doubt", file=file, sheet=sheet,
                      role="customer_id", column=col, confidence=0.5,
                      why="staff_name" if staff else "cells_only", ids=figures["ids"])
    result["customer_id"] = m


def _note_customer_evidence(data: pd.DataFrame, result: dict[str, RoleMatch], date_col: str | None) -> None:
    """A named customer column says how many ids it has and how many bought on several days."""
    m = result.get("customer_id")
    if m is None or m.evidence is None or m.evidence.code not in ("role_by_header", "role_by_header_part"):
        return
    dcol = result["date"].column if "date" in result else date_col
    ok, figures = _customer_behaviour(data, m.column, None, dcol, named=True)
    if ok and "share" in figures:
        result["customer_id"] = RoleMatch(m.column, m.confidence, evidence=message(
            "role_customer_repeat", column=m.column, ids=figures["ids"], share=figures["share"]), doubt=m.doubt)


def _drop_implausible_order_id(data: pd.DataFrame, result: dict[str, RoleMatch]) -> None:
    """An order number guessed from cells must split the rows more finely than the customer id does;
    a second customer number (as in CDNOW's sample file) does not."""
    order, customer = result.get("order_id"), result.get("customer_id")
    if order is None or customer is None or order.confidence >= 0.5:
        return
    pairs = data[[customer.column, order.column]].dropna()
    if pairs[order.column].nunique() <= pairs[customer.column].nunique() * 1.05:
        del result["order_id"]


def role_doubts(roles: dict[str, RoleMatch]) -> list[Message]:
    """The warnings of roles chosen with too little evidence, in the order of ROLES."""
    return [d for r in ROLES if r in roles and (d := roles[r].doubt) is not None]


def describe_roles(roles: dict[str, RoleMatch]) -> dict[str, str]:
    """Return {role: column} in the order of ROLES (the JSON field `column_roles`)."""
    return {r: roles[r].column for r in ROLES if r in roles}
