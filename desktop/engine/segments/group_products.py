"""Each group's own products and message (issue 21, item 8).

For every group of a segmentation (RFM or data-driven): its best sellers (products by the group's
spend on them, with how many of its customers bought each), the categories it buys more of than
the shop as a whole (lift = the category's share of the group's spend / its share of the shop's,
at least OVER_LIFT, and at least MIN_CATEGORY_SHARE of the group's spend), and a message template
built on them ("customers like you love our Tea, especially Longjing ...") for marketing lists.
Groups with a ready-made template of their own (the RFM groups) keep it; the owner's own template
always comes first (`template_for`).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from desktop.engine import messages
from desktop.texts import message

from .words import pair

TOP_PRODUCTS = 3
TOP_CATEGORIES = 3
OVER_LIFT = 1.2
MIN_CATEGORY_SHARE = 0.05


def describe(lines: pd.DataFrame | None, labels: pd.Series) -> dict[str, dict]:
    """Return {group key: {"top_products", "top_categories", "message_template",
    "message_template_zh"}} for the groups of `labels` (customer_id -> key)."""
    keys = [str(k) for k in pd.unique(labels.astype(str))]
    bought = _purchases(lines, labels)
    out: dict[str, dict] = {}
    shop_cat = None
    if bought is not None and "category" in bought:
        shop_cat = bought.groupby("category")["amount"].sum()
        shop_cat = shop_cat / shop_cat.sum() if shop_cat.sum() > 0 else None
    for key in keys:
        part = bought[bought["group"] == key] if bought is not None else None
        products = _best_sellers(part) if part is not None else []
        categories = _over_represented(part, shop_cat) if part is not None and shop_cat is not None else []
        # The message names the over-represented category with its own best seller in the group.
        in_category = (_best_sellers(part[part["category"] == categories[0]["category"]])
                       if categories and part is not None else [])
        en, zh = _template(key, in_category or products, categories)
        out[key] = {"top_products": products, "top_categories": categories,
                    "message_template": en, "message_template_zh": zh}
    return out


def template_for(key: str, language: str, owner: Mapping[str, str] | None,
                 group_template: str | None) -> str:
    """Return the template a marketing list uses for group `key`: the owner's own (for the key, or
    their generic one for groups without a ready-made template), else the group's own template,
    else the ready-made or generic one."""
    lang = "zh" if language.lower().startswith("zh") else "en"
    ready = messages.DEFAULT_TEMPLATES[lang]
    owner_wrote = owner is not None and bool(owner) and (key in owner or (messages.GENERIC_KEY in owner
                                                                          and key not in ready))
    if group_template and not owner_wrote:
        return group_template
    return messages.template_for(key, lang, owner)


# --- internals ---------------------------------------------------------------------------------

def _purchases(lines: pd.DataFrame | None, labels: pd.Series) -> pd.DataFrame | None:
    if lines is None or "customer_id" not in lines or "amount" not in lines:
        return None
    ok = lines
    if "is_return" in ok:
        ok = ok[~ok["is_return"].astype(bool)]
    amount = pd.to_numeric(ok["amount"], errors="coerce")
    ok = ok[amount > 0]
    group = ok["customer_id"].map(labels.astype(str))
    frame = pd.DataFrame({"customer_id": ok["customer_id"], "group": group,
                          "amount": pd.to_numeric(ok["amount"], errors="coerce")})
    product = _text(ok, "product_name")
    if product is not None:
        pid = _text(ok, "product_id")
        frame["product"] = product if pid is None else product.fillna(pid)
    elif _text(ok, "product_id") is not None:
        frame["product"] = _text(ok, "product_id")
    category = _text(ok, "category")
    if category is not None:
        frame["category"] = category
    frame = frame[frame["group"].notna()]
    if "product" not in frame and "category" not in frame:
        return None
    return frame


def _text(frame: pd.DataFrame, col: str) -> pd.Series | None:
    if col not in frame.columns:
        return None
    s = frame[col].astype("string").str.strip()
    s = s.where(s != "")
    # Braces would read as placeholders in a message template.
    s = s.str.replace("{", "(", regex=False).str.replace("}", ")", regex=False)
    return s if s.notna().any() else None


def _best_sellers(part: pd.DataFrame) -> list[dict]:
    if "product" not in part or part["product"].isna().all():
        return []
    by = part.dropna(subset=["product"]).groupby("product")
    table = pd.DataFrame({"revenue": by["amount"].sum(), "customers": by["customer_id"].nunique()})
    total = float(part["amount"].sum())
    table = table.sort_values(["revenue", "customers"], ascending=False).head(TOP_PRODUCTS)
    return [{"product": str(p), "revenue": round(float(r.revenue), 2), "customers": int(r.customers),
             "share": round(float(r.revenue) / total, 4) if total else 0.0}
            for p, r in table.iterrows()]


def _over_represented(part: pd.DataFrame, shop: pd.Series) -> list[dict]:
    if "category" not in part or part["category"].isna().all():
        return []
    mine = part.groupby("category")["amount"].sum()
    total = float(mine.sum())
    if total <= 0:
        return []
    share = mine / total
    lift = share / shop.reindex(share.index)
    keep = (lift >= OVER_LIFT) & (share >= MIN_CATEGORY_SHARE)
    ranked = lift[keep].sort_values(ascending=False).head(TOP_CATEGORIES)
    return [{"category": str(c), "share": round(float(share[c]), 4), "shop_share": round(float(shop[c]), 4),
             "lift": round(float(v), 2)} for c, v in ranked.items()]


def _template(key: str, products: list[dict], categories: list[dict]) -> tuple[str | None, str | None]:
    """The group's message template in English and Chinese: its ready-made one when it has one
    (RFM groups), else one naming its top product and over-represented category, else None."""
    if key in messages.DEFAULT_TEMPLATES["en"] and key != messages.GENERIC_KEY:
        return messages.DEFAULT_TEMPLATES["en"][key], messages.DEFAULT_TEMPLATES["zh"][key]
    top = products[0]["product"] if products else None
    category = categories[0]["category"] if categories else None
    if top and category:
        msg = message("group_message_category_product", top_product=top, category=category)
    elif top:
        msg = message("group_message_product", top_product=top)
    elif category:
        msg = message("group_message_category", category=category)
    else:
        return None, None
    return pair(msg.text)
