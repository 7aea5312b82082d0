"""pandas imported on first use, for the modules the app imports before its window shows.

Importing pandas costs ~0.55 s of CPU (about 300 modules): a third of the time from `clientele` to
the window. The views and the jobs they name only need it once data arrives, so they write

    if TYPE_CHECKING:
        import pandas as pd
    else:
        from desktop.lazy import pandas as pd

and `pd.DataFrame(...)` imports pandas the first time it runs (on whichever thread: importlib's
module locks make the others wait until the import is complete). Type checkers see the real module.
tests/ui/test_startup_imports.py checks that the window shows without it.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands for the module `name` and imports it when an attribute is first read."""

    __slots__ = ("_name", "_module")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:  # only called for what the slots do not hold
        module = self._module
        if module is None:
            # not sys.modules: a module another thread is still importing is there half-built
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attr)

    def __repr__(self) -> str:
        state = "imported" if self._module is not None else "not imported yet"
        return f"<lazy module {self._name!r} ({state})>"


pandas: Any = LazyModule("pandas")
