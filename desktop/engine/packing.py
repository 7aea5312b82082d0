"""Sending big pandas and NumPy results between processes in short pieces.

A packed object is a stream of messages, so that the receiving side never holds Python's GIL long
(the receiver is the GUI process: a long hold is a stall of the window):
  ("chunk", id, object array)  at most CHUNK Python objects (unpickling 32k strings takes ~3 ms)
  ("part", id, recipe)         one big DataFrame / Series / Index / object array, from chunks
  ("done", pickle bytes)       the object itself, big parts referenced by persistent id
With `dedupe`, text columns travel as distinct values + integer codes: the receiver then creates
each distinct string once instead of unpickling a million of them in one call.
Used by desktop.engine.processes (the child-process runner); no Qt here."""

from __future__ import annotations

import io
import itertools
import pickle
import sys
from collections.abc import Callable, Iterator
from typing import Any


CHUNK = 32_768  # Python objects per chunk message
PACK_MIN = 4_096  # smaller arrays and frames travel as plain pickles
# NumPy arrays of numbers at least this big travel in slices of about NUMERIC_CHUNK_BYTES: one
# pickle holding them all (e.g. suggestion models, 50 MB) held the GIL for ~40 ms to unpickle,
# then as long again to rebuild, each time a stall of the window
NUMERIC_MIN_BYTES = 1 << 20
NUMERIC_CHUNK_BYTES = 2 << 20
_TAKE_SLICE = 262_144  # rows rebuilt per numpy call when expanding codes


def _is_text_array(values: Any) -> bool:
    import numpy as np
    import pandas as pd

    if isinstance(values, np.ndarray):
        return values.dtype == object and values.ndim == 1
    dtype = getattr(values, "dtype", None)
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "python"


def _packable(obj: Any) -> str | None:
    """Return the kind of `obj` when it is big enough to travel in parts, else None."""
    pd = sys.modules.get("pandas")
    np = sys.modules.get("numpy")
    if np is not None and type(obj) is np.ndarray:
        if obj.dtype.kind in "biufcmM" and obj.nbytes >= NUMERIC_MIN_BYTES:
            return "numeric"
        return "array" if obj.dtype == object and obj.ndim == 1 and len(obj) >= PACK_MIN else None
    if pd is None:  # no pandas object can exist before pandas is imported
        return None
    kind = type(obj)
    if kind is pd.DataFrame:
        return "frame" if len(obj) >= PACK_MIN else None
    if kind is pd.Series:
        return "series" if len(obj) >= PACK_MIN else None
    if kind is pd.Index:  # exact type: RangeIndex, MultiIndex, DatetimeIndex pickle cheaply as they are
        return "index" if len(obj) >= PACK_MIN and _is_text_array(_index_values(obj)) else None
    return None


class _Packer(pickle.Pickler):
    """Pickles one object, sending its big pandas/NumPy parts ahead as separate messages."""

    def __init__(self, file: io.BytesIO, send: Callable[[tuple], None], dedupe: bool, ids: Iterator[int]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._send = send
        self._dedupe = dedupe
        self._ids = ids
        self._seen: dict[int, int] = {}
        self._keep: list[Any] = []  # objects whose id() is in _seen must stay alive meanwhile

    def persistent_id(self, obj: Any) -> int | None:  # noqa: D102 - pickle API
        kind = _packable(obj)
        if kind is None:
            return None
        key = id(obj)
        if key not in self._seen:
            recipe = self._recipe(obj, kind)
            pid = next(self._ids)
            self._send(("part", pid, recipe))
            self._seen[key] = pid
            self._keep.append(obj)
        return self._seen[key]

    def _numbers(self, values: Any) -> tuple:
        """Return the recipe of a NumPy array of numbers or dates: in slices when it is big."""
        import numpy as np

        if not (type(values) is np.ndarray and values.dtype.kind in "biufcmM" and values.nbytes >= NUMERIC_MIN_BYTES):
            return ("plain", values)
        flat = np.ascontiguousarray(values).reshape(-1)
        step = max(1, NUMERIC_CHUNK_BYTES // max(1, values.itemsize))
        return ("numeric", values.dtype, values.shape, self._chunks(flat, step))

    def _recipe(self, obj: Any, kind: str) -> tuple:
        if kind == "numeric":
            return self._numbers(obj)
        if kind == "array":
            return ("array", self._column(obj))
        if kind == "index":
            return ("index", self._index(obj))
        if kind == "series":
            return ("series", self._column(_values(obj)), self._index(obj.index), obj.name, dict(obj.attrs))
        columns = [self._column(_values(obj.iloc[:, i])) for i in range(obj.shape[1])]
        return ("frame", obj.columns, columns, self._index(obj.index), dict(obj.attrs))

    def _index(self, index: Any) -> tuple:
        import pandas as pd

        if type(index) is pd.Index and len(index) >= PACK_MIN:
            return ("index", self._column(_index_values(index)), index.name)
        return ("plain", index)

    def _chunks(self, values: Any, size: int = CHUNK) -> list[int]:
        ids = []
        for start in range(0, len(values), size):
            cid = next(self._ids)
            self._send(("chunk", cid, values[start:start + size]))
            ids.append(cid)
        return ids

    def _column(self, values: Any) -> tuple:
        import numpy as np
        import pandas as pd

        if len(values) < PACK_MIN or not _is_text_array(values):
            if isinstance(values, pd.arrays.DatetimeArray) and values.tz is None:
                values = np.asarray(values)  # datetime64 (no copy): rebuilt as the same dtype
            return self._numbers(values)
        dtype = values.dtype
        objects = values if isinstance(values, np.ndarray) else values.to_numpy(dtype=object)
        if self._dedupe:
            na = _single_missing_value(objects)
            if na is not _MIXED and pd.api.types.infer_dtype(objects, skipna=True) in ("string", "empty"):
                codes, uniques = pd.factorize(objects, use_na_sentinel=True)
                if len(uniques) <= len(objects) // 2:  # nearly distinct values gain nothing
                    codes = codes.astype(np.int32 if len(uniques) < 2**31 - 1 else np.int64)
                    return ("codes", dtype, self._chunks(np.asarray(uniques, dtype=object)),
                            self._numbers(codes), na)
                return ("objects", dtype, self._chunks(objects), na)  # strings and one missing value
        return ("objects", dtype, self._chunks(objects))


_MIXED = object()


def _is_missing_value_of(na: Any, dtype: Any) -> bool:
    """Return True when `na` (a column's one kind of missing value, None: nothing missing) is
    how a pandas string dtype stores missing values (pd.NA or NaN)."""
    if na is None:
        return True
    expected = getattr(dtype, "na_value", _MIXED)
    if expected is _MIXED:
        return False
    if isinstance(expected, float):  # NaN: any float NaN object will do
        return isinstance(na, float) and na != na
    return na is expected


def _single_missing_value(objects: Any) -> Any:
    """Return the one kind of missing value in `objects` (None, nan, pd.NA...), None when nothing
    is missing, or _MIXED when several kinds are (then values travel as they are)."""
    import pandas as pd

    missing = pd.isna(objects)
    if not missing.any():
        return None
    values = objects[missing]
    first = values[0]
    kind = type(first)
    if all(type(v) is kind for v in values):
        return first
    return _MIXED


def _values(series: Any) -> Any:
    """Return a Series' values as a NumPy array, or its ExtensionArray for extension dtypes."""
    import pandas as pd

    values = series.array
    if type(values) is pd.arrays.NumpyExtensionArray:  # exact type: StringArray derives from it
        return values.to_numpy()
    return values


def _index_values(index: Any) -> Any:
    """Return an Index's values: a NumPy array for object dtype, else its ExtensionArray."""
    return index.to_numpy() if index.dtype == object else index.array


def pack(obj: Any, send: Callable[[tuple], None], dedupe: bool = False, ids: Iterator[int] | None = None) -> None:
    """Send `obj` through `send` as a stream of messages that `Unpacker` turns back into it.
    `dedupe` sends text columns as distinct values plus codes (costly to compute, cheap to receive)."""
    buffer = io.BytesIO()
    _Packer(buffer, send, dedupe, ids or itertools.count()).dump(obj)
    send(("done", buffer.getvalue()))


class _PartsUnpickler(pickle.Unpickler):
    """Unpickles `pack`'s last message, taking the big parts sent ahead from `parts`."""

    def __init__(self, file: io.BytesIO, parts: dict[int, Any]) -> None:
        super().__init__(file)
        self._parts = parts

    def persistent_load(self, pid: Any) -> Any:  # noqa: D102 - pickle API
        return self._parts[pid]


class Unpacker:
    """Rebuilds an object from `pack`'s messages; each step holds the GIL only briefly."""

    def __init__(self) -> None:
        self._chunks: dict[int, Any] = {}
        self._parts: dict[int, Any] = {}

    def feed(self, message: tuple) -> tuple[bool, Any]:
        """Take one message; return (True, the object) after the last one, else (False, None)."""
        kind = message[0]
        if kind == "chunk":
            self._chunks[message[1]] = message[2]
        elif kind == "part":
            self._parts[message[1]] = self._build(message[2])
        elif kind == "done":
            value = _PartsUnpickler(io.BytesIO(message[1]), self._parts).load()
            self._parts.clear()
            return True, value
        else:
            raise ValueError(f"unexpected message {kind!r}")
        return False, None

    def _build(self, recipe: tuple) -> Any:
        import pandas as pd

        kind = recipe[0]
        if kind == "numeric":
            return self._numbers(recipe)
        if kind == "array":
            return self._column(recipe[1])
        if kind == "index":
            return self._index(recipe[1])
        if kind == "series":
            _, column, index, name, attrs = recipe
            values = self._column(column)
            out = pd.Series(values, index=self._index(index), name=name, dtype=values.dtype, copy=False)
            out.attrs.update(attrs)
            return out
        _, columns, column_recipes, index, attrs = recipe
        index = self._index(index)
        columns_in = {}
        for i, column in enumerate(column_recipes):
            values = self._column(column)
            # with the dtype given, pandas does not scan object columns to infer "str"
            columns_in[i] = pd.Series(values, index=index, dtype=values.dtype, copy=False)
        # positions as keys: duplicate column names survive; the real labels are set afterwards
        out = pd.DataFrame(columns_in, copy=False)
        out.columns = columns
        out.attrs.update(attrs)
        return out

    def _index(self, recipe: tuple) -> Any:
        import pandas as pd

        if recipe[0] == "plain":
            return recipe[1]
        values = self._column(recipe[1])
        return pd.Index(values, name=recipe[2], dtype=values.dtype, copy=False)

    def _numbers(self, recipe: tuple) -> Any:
        import numpy as np

        if recipe[0] == "plain":
            return recipe[1]
        _, dtype, shape, chunk_ids = recipe
        out = np.empty(int(np.prod(shape, dtype=np.int64)), dtype=dtype)
        at = 0
        for i in chunk_ids:  # one short copy per slice
            part = self._chunks.pop(i)
            out[at:at + len(part)] = part
            at += len(part)
        return out.reshape(shape)

    def _column(self, recipe: tuple) -> Any:
        import numpy as np
        import pandas as pd

        kind = recipe[0]
        if kind in ("plain", "numeric"):
            return self._numbers(recipe)
        dtype, chunk_ids = recipe[1], recipe[2]
        parts = [self._chunks.pop(i) for i in chunk_ids]
        values = np.concatenate(parts) if parts else np.empty(0, dtype=object)
        if kind == "codes":
            codes, na = self._numbers(recipe[3]), recipe[4]
            uniques = np.empty(len(values) + 1, dtype=object)
            uniques[:-1] = values
            uniques[-1] = na  # code -1 (missing) picks the last entry
            values = np.empty(len(codes), dtype=object)
            for start in range(0, len(codes), _TAKE_SLICE):  # short GIL holds
                values[start:start + _TAKE_SLICE] = uniques.take(codes[start:start + _TAKE_SLICE])
        if dtype != np.dtype(object) and kind in ("codes", "objects") and len(recipe) > 3 \
                and _is_missing_value_of(recipe[-1], dtype):
            # every value is one of the sender's strings (checked there) or the dtype's own
            # missing value: skip pandas' check of each element (one ~20-60 ms hold of the GIL
            # per million rows, a stall of the window)
            from pandas.arrays import StringArray

            if isinstance(dtype, pd.StringDtype) and dtype.storage == "python" and hasattr(StringArray, "_simple_new"):
                try:
                    return StringArray._simple_new(values, dtype)
                except (TypeError, ValueError):  # a pandas whose private constructor differs
                    pass
        if dtype == np.dtype(object):
            return values
        return pd.array(values, dtype=dtype)
