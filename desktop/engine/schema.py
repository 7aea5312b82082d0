"""The tables that flow between engine steps, with their documented columns.

files -> RawTable (reading.py) -> column roles (roles.py) -> order lines (cleaning.py)
      -> customers (customers.py) -> segments / predictions / suggestions -> views and exports

Order lines (`CleanResult.lines`, one row per kept line of the source file):
    customer_id   str             the customer's id exactly as written (Excel floats 17850.0 -> "17850")
    order_id      str             order / invoice / receipt number; when the file has none, one order
                                  per customer per day ("<customer>|<YYYY-MM-DD>")
    date          datetime64[ns]  when the line was bought (time kept when the file has it)
    product_id    str | NA        product code; falls back to the product name when absent
    product_name  str | NA
    category      str | NA
    quantity      float64         negative for returns
    unit_price    float64 | NaN
    amount        float64         line amount, negative for returns and cancellations
    is_return     bool            True for returns / cancellations (netted out of spend, not orders)
    source_file   str             file name the line came from
    source_sheet  str             sheet name ('' for CSV)
    source_row    int64           1-based row number in that file/sheet, as a spreadsheet shows it

Customers (`customers.build_customers`, index `customer_id`, one row per customer):
    recency_days        int       days from the last purchase to as_of
    frequency           int       distinct orders (returns are not orders)
    monetary            float     net spend (purchases minus returns)
    first_purchase      datetime64
    last_purchase       datetime64
    tenure_days         int       days from first purchase to as_of
    avg_order_value     float     monetary / frequency
    avg_days_between    float     mean days between distinct purchase days (NaN for one purchase day)
    n_products          int       distinct products bought
    favourite_product   str | NA  product with the highest spend
    favourite_category  str | NA
    customer_name, phone, email, city, gender, birthday (str | NA), age, income (float)  when known
    consent             bool | None  marketing consent (consent.py): False refused, None unknown;
                                  present only when a file had a consent column
RFM columns added by segments.rfm.apply_rfm: r_score, f_score, m_score (1..5), segment (key),
segment_name (English), segment_name_zh.
"""

from __future__ import annotations

LINE_COLUMNS = [
    "customer_id",
    "order_id",
    "date",
    "product_id",
    "product_name",
    "category",
    "quantity",
    "unit_price",
    "amount",
    "is_return",
    "source_file",
    "source_sheet",
    "source_row",
]

CUSTOMER_FEATURE_COLUMNS = [
    "recency_days",
    "frequency",
    "monetary",
    "first_purchase",
    "last_purchase",
    "tenure_days",
    "avg_order_value",
    "avg_days_between",
    "n_products",
    "favourite_product",
    "favourite_category",
]

PROFILE_COLUMNS = ["customer_name", "phone", "email", "city", "gender", "birthday", "age", "income", "consent"]
