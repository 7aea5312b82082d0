"""Which column holds what: column roles detected from header names (English and Chinese) and from
the cells themselves, each with a confidence and a reason; the user can override any of them."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

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
        "telephone", "contactnumber", "whatsapp", "手机", "手机号", "手机号码", "电话", "联系电话", "电话号码", "联系方式",
        "移动电话", "收货人手机", "会员手机",
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
        "plu", "商品编码", "商品编号", "商品id", "货号", "条码", "条形码", "产品编码", "产品编号", "物料编码", "sku编码",
        "商品条码", "款号",
    ],
    "product_name": [
        "productname", "product", "item", "itemname", "description", "itemdescription", "productdescription",
        "articlename", "article", "goods", "goodsname", "title", "producttitle", "商品名称", "商品", "品名",
        "产品名称", "产品", "商品名", "货品名称", "货品", "宝贝标题", "商品标题", "名称", "菜品", "菜名",
    ],
    "category": [
        "category", "productcategory", "type", "producttype", "group", "productgroup", "department", "class",
        "itemcategory", "categoryname", "类别", "品类", "分类", "商品类别", "商品分类", "类目", "大类", "类型", "商品类型",
        "产品类别", "品类名称",
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


@dataclass
class RoleMatch:
    """A column chosen for a role, how sure we are (0..1), and why."""

    column: str
    confidence: float
    reason: str

    def to_dict(self) -> dict:
        return {"column": self.column, "confidence": round(self.confidence, 2), "reason": self.reason}


def _name_score(role: str, header: str) -> tuple[float, str]:
    syn = _synonyms()[role]
    h = normalise_header(header)
    if not h:
        return 0.0, ""
    if h in syn:
        return 0.95, f"header {header!r} is a usual name for it"
    best = 0
    for s in syn:
        ascii_word = s.isascii()
        if (ascii_word and len(s) >= 4 or not ascii_word and len(s) >= 2) and s in h:
            best = max(best, len(s))
    if best:
        return 0.55 + min(0.2, best / 40), f"header {header!r} contains a usual name for it"
    return 0.0, ""


def _content_check(role: str, values: pd.Series) -> float:
    """Return a multiplier (0..1) saying how well the cells fit the role."""
    nonempty = values[~is_missing_text(values)].head(500)
    if nonempty.empty:
        return 0.3
    # The header already names the role: cells that mostly fit confirm it (a few typos are set
    # aside later, row by row); cells that mostly do not fit mean the name misleads.
    if role in NUMERIC_ROLES:
        rate = float(parse_numbers(nonempty).values.notna().mean())
        return 1.0 if rate >= 0.9 else (0.7 if rate >= 0.5 else 0.1)
    if role in DATE_ROLES:
        rate = float(parse_dates(nonempty).values.notna().mean())
        return 1.0 if rate >= 0.9 else (0.7 if rate >= 0.5 else 0.1)
    text = nonempty.astype(str)
    if role == "email":
        return 1.0 if text.str.contains("@").mean() >= 0.7 else 0.2
    if role == "phone":
        return 1.0 if text.str.count(r"\d").mean() >= 6 else 0.3
    return 1.0


def _content_guess(role: str, values: pd.Series) -> float:
    """Confidence that an unnamed column holds `role`, from its cells alone (0 when it does not)."""
    nonempty = values[~is_missing_text(values)].head(1000)
    if len(nonempty) < 3:
        return 0.0
    text = nonempty.astype(str).str.strip()
    if role == "email":
        return 0.6 if text.str.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+").mean() > 0.8 else 0.0
    if role == "phone":
        return 0.55 if text.str.replace(r"[\s\-()]", "", regex=True).str.fullmatch(r"(\+?86)?1[3-9]\d{9}").mean() > 0.6 else 0.0
    if role == "date":
        is_text_date = text.str.contains(r"\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}").mean() > 0.8
        is_compact = text.str.fullmatch(r"(19|20)\d{6}").mean() > 0.95
        native = pd.api.types.is_datetime64_any_dtype(nonempty) or nonempty.map(lambda v: hasattr(v, "year")).mean() > 0.9
        if native or is_text_date or is_compact:
            rate = float(parse_dates(nonempty).values.notna().mean())
            return 0.6 if rate > 0.9 else 0.0
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
            return 0.4
        if role == "order_id" and unique_ratio < 0.98:
            return 0.3
    return 0.0


def detect_roles(data: pd.DataFrame, overrides: dict[str, str] | None = None,
                 roles: list[str] | None = None, label: str = "the file",
                 label_zh: str | None = None) -> dict[str, RoleMatch]:
    """Return {role: RoleMatch} for the columns of `data`. Each column gets at most one role and each
    role at most one column; overrides (role -> column name) win, and name an unknown column only with
    an InputError that lists the columns. An override with an empty column name (or None) means the
    file has no column for that role. `label` / `label_zh` name the file in messages."""
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
        result[role] = RoleMatch(column, 1.0, "chosen by you")
        used.add(column)

    candidates: list[tuple[float, str, str, str]] = []
    for col in columns:
        if col in used:
            continue
        for role in roles:
            if role in result:
                continue
            score, reason = _name_score(role, col)
            if score > 0:
                score *= _content_check(role, data[col])
                if score >= 0.3:
                    candidates.append((score, role, col, reason))
    for score, role, col, reason in sorted(candidates, key=lambda t: -t[0]):
        if role in result or col in used:
            continue
        result[role] = RoleMatch(col, score, reason)
        used.add(col)

    # Columns without a recognisable name: guess the essential roles from their cells.
    content_roles = [r for r in ("date", "email", "phone", "amount", "quantity", "customer_id", "order_id") if r in roles]
    guesses: list[tuple[float, int, str, str]] = []
    for j, col in enumerate(columns):
        if col in used:
            continue
        for role in content_roles:
            if role in result:
                continue
            if role == "amount" and "unit_price" in result:
                continue
            score = _content_guess(role, data[col])
            if score > 0:
                guesses.append((score, j, role, col))
    for score, _j, role, col in sorted(guesses, key=lambda t: (-t[0], t[1])):
        if role in result or col in used:
            continue
        result[role] = RoleMatch(col, score, f"the cells of {col!r} look like {ROLE_LABELS[role][0].lower()}s")
        used.add(col)
    _drop_implausible_order_id(data, result)
    return result


def _drop_implausible_order_id(data: pd.DataFrame, result: dict[str, RoleMatch]) -> None:
    """An order number guessed from cells must split the rows more finely than the customer id does;
    a second customer number (as in CDNOW's sample file) does not."""
    order, customer = result.get("order_id"), result.get("customer_id")
    if order is None or customer is None or order.confidence >= 0.5:
        return
    pairs = data[[customer.column, order.column]].dropna()
    if pairs[order.column].nunique() <= pairs[customer.column].nunique() * 1.05:
        del result["order_id"]


def describe_roles(roles: dict[str, RoleMatch]) -> dict[str, str]:
    """Return {role: column} in the order of ROLES (the JSON field `column_roles`)."""
    return {r: roles[r].column for r in ROLES if r in roles}
