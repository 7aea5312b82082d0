"""Any table (suggestions, campaign results) to .xlsx or .csv through the same safe writers."""

from __future__ import annotations

from pathlib import Path
from collections.abc import Iterable

import pandas as pd

from ..errors import InputError
from ..progress import Progress, no_progress
from . import labels
from .csvfile import write_csv
from .files import atomic_write, check_target
from .labels import EXCEL_MAX_ROWS
from .listing import ExportOptions
from .xlsx import (
    _column_kind,
    _Formats,
    _sheet_name,
    _SheetWriter,
    _values,
    _widths,
    _xlsx_classes,
    new_workbook,
)

# Any other table (suggestions, products, ...): the same cells as the marketing list


def write_table(table: pd.DataFrame, path: Path | str, input_paths: Iterable[Path | str] = (),
                sheet: str = "Sheet1", progress: Progress | None = None) -> Path:
    """Write `table` (its columns, not its index) to .xlsx or .csv (by the extension) with the
    marketing list's cell rules, atomically, and return the path: text as text cells (quote
    prefix in xlsx, apostrophe in CSV for formula-like text), numbers as numbers, headers as
    the column names."""
    input_paths = list(input_paths)
    target = check_target(path, input_paths)
    frame = table.reset_index(drop=True)
    frame.columns = [str(c) for c in frame.columns]
    if target.suffix.lower() == ".csv":
        return write_csv(frame, target, ExportOptions(), input_paths, progress=progress,
                         headers=list(frame.columns))
    if len(frame) >= EXCEL_MAX_ROWS:
        raise InputError("export_table_rows_more_excel", n_frame=len(frame))
    report = progress or no_progress

    def write(tmp: Path) -> None:
        workbook = new_workbook(tmp, constant_memory=len(frame) > labels.CONSTANT_MEMORY_ROWS)
        try:
            formats = _Formats(workbook, ExportOptions())
            ws = workbook.add_worksheet(_sheet_name(sheet, set()), worksheet_class=_xlsx_classes()[1])
            columns = list(frame.columns)
            kinds = [_column_kind(c, frame[c]) for c in columns]
            data = [_values(frame[c]) for c in columns]
            writer = _SheetWriter(ws, formats, kinds, columns, {}, None, workbook.body_file)
            writer.setup(_widths(columns, columns, data), len(frame))
            writer.write_rows(data, None, report, 0, len(frame))
        except BaseException:
            workbook.discard()
            raise
        workbook.close()

    atomic_write(target, write)
    report(1.0, "")
    return target
