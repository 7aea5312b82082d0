"""Marketing lists and tables to Excel and CSV, written safely.

Modules: labels (headings, colours, column kinds), cells (the one text-cell writer, CSV escaping),
privacy (pseudonymised ids, masked contacts), listing (which customers and columns), files (targets,
atomic writes), xlsx and csvfile (the writers), tables (any table). The list, its control group and
its campaign record are written as one unit by desktop.engine.marketing.export_marketing_list.

    with_extras(customers, predictions, suggestions, k)            -> customers + prediction and
                                                                      suggested_products columns
    build_marketing_list(customers, segments, options)            -> list DataFrame
    write_marketing_workbook(list_df, summary, path, options, ...) -> Path  (.xlsx)
    write_csv(list_df, path, options, ...)                          -> Path  (.csv, UTF-8 with BOM)

Safety, whatever the input:
- Every workbook Clientele writes (lists, suggestions, campaign results) comes from new_workbook,
  whose worksheets take text only as XML-escaped inline strings made by text_cell_xml (the one
  text-cell writer; XlsxWriter's own string path is routed there and its formula, link and
  rich-text writers refuse), so no text can become a formula, a link or rich-text XML. Text that
  Excel would read as a formula when edited (first character, after NFKC normalisation and
  leading spaces, one of = + - @ tab CR LF) gets Excel's quote-prefix style and reads back exactly
  as written. Every CSV cell goes through csv_cell: OWASP's escaping, a leading apostrophe for
  such text (phone numbers such as +86 138... included) and for ids of 16 digits or more.
- Characters an xlsx file cannot hold (C0 controls other than tab and line feed, U+FFFE, U+FFFF,
  lone surrogates) are removed; CR LF and lone CR become LF (Excel's line break in a cell). The same
  cleaning applies to CSV so both files hold the same text.
- Amounts stay numbers; integers of 16 digits or more (which Excel would round) are written as text.
- Files are written to a temporary file in the target folder and moved into place with os.replace,
  so a failed export leaves the old file byte-identical. The input files are never a valid target.
"""


from .cells import clean_text, csv_cell, is_formula_like, text_cell_xml, write_text_cell
from .csvfile import write_csv, write_csv_rows
from .files import atomic_write, atomic_write_all, check_target
from .labels import (
    BASE_COLUMNS,
    CHURN_BAND_LABELS,
    CLUSTER_COLOURS,
    COLUMN_LABELS,
    CONSTANT_MEMORY_ROWS,
    CURRENCY_COLUMNS,
    DATE_COLUMNS,
    DEFAULT_CONTROL_SHARE,
    EXCEL_MAX_ROWS,
    HIDDEN_COLUMNS,
    INTEGER_COLUMNS,
    KNOWN_EXTRA_COLUMNS,
    PERCENT_COLUMNS,
    SEGMENT_COLOURS,
    TEXT_COLUMNS,
)
from .listing import ExportOptions, build_marketing_list, with_extras
from .privacy import mask_email, mask_name, mask_phone, pseudonymise_id
from .tables import write_table
from .xlsx import new_workbook, tint, write_marketing_workbook

__all__ = [
    "DEFAULT_CONTROL_SHARE",
    "SEGMENT_COLOURS",
    "CLUSTER_COLOURS",
    "COLUMN_LABELS",
    "BASE_COLUMNS",
    "KNOWN_EXTRA_COLUMNS",
    "CHURN_BAND_LABELS",
    "TEXT_COLUMNS",
    "CURRENCY_COLUMNS",
    "INTEGER_COLUMNS",
    "DATE_COLUMNS",
    "PERCENT_COLUMNS",
    "HIDDEN_COLUMNS",
    "EXCEL_MAX_ROWS",
    "CONSTANT_MEMORY_ROWS",
    "clean_text",
    "is_formula_like",
    "csv_cell",
    "text_cell_xml",
    "write_text_cell",
    "pseudonymise_id",
    "mask_phone",
    "mask_email",
    "mask_name",
    "ExportOptions",
    "build_marketing_list",
    "with_extras",
    "check_target",
    "atomic_write",
    "atomic_write_all",
    "write_marketing_workbook",
    "tint",
    "new_workbook",
    "write_csv",
    "write_csv_rows",
    "write_table",
]
