"""Lines that are charges, not goods: postage, fees, packaging, discounts and corrections."""

from __future__ import annotations

import numpy as np
import pandas as pd

# Lines that are not goods: postage, carriage, fees, discounts, manual corrections. They are never
# something to offer a customer (a web shop's foreign customers "buy" postage on every order, and
# buy-again would put it first), so the suggestion models, the favourite product and
# the messages leave them out. Whole names for words
# that also occur in product names ("Horse and carriage ornament"), parts of names where the word
# only means a charge.
SERVICE_NAMES = frozenset({
    "postage", "dotcom postage", "postage and packing", "postage & packing", "p&p", "shipping and handling",
    "shipping & handling", "carriage", "next day carriage", "shipping", "delivery", "freight",
    "discount", "manual", "adjustment", "adjust bad debt", "samples", "sample", "bank charges", "bank charge",
    "amazon fee", "service charge", "tip", "gratuity", "cruk commission", "commission",
    "gift bag", "gift bags", "gift wrap", "gift wrapping", "packaging", "carrier bag", "plastic bag", "paper bag",
    "bag charge", "邮费", "运费", "快递费", "配送费", "折扣", "优惠", "手续费", "服务费", "打包费", "包装费", "小费",
    "礼品袋", "购物袋", "手提袋", "塑料袋", "环保袋", "包装袋", "礼品包装",
})
_SERVICE_PART = (r"\b(?:shipping|delivery|handling|packing) (?:fee|charge|cost)s?\b|\bsurcharge\b"
                 r"|\bbank charges?\b|\bamazon fee\b|运费|邮费|快递费|配送费|手续费|服务费")


def service_names(names: object) -> np.ndarray:
    """Return a bool per name (distinct product names): True for a charge or correction, not goods."""
    text = pd.Series(names, dtype="string").str.strip().str.casefold().str.replace(r"\s+", " ", regex=True)
    return (text.isin(SERVICE_NAMES) | text.str.contains(_SERVICE_PART, regex=True)).fillna(False).to_numpy(bool)


def service_lines(names: pd.Series) -> np.ndarray:
    """Return a bool per line: True where the product name is a charge or correction, not goods."""
    codes, uniques = pd.factorize(names)  # a shop has far fewer names than lines: test each name once
    return np.append(service_names(uniques), False)[codes]  # code -1 (no name) picks the appended False
