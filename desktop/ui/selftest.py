"""`clientele --self-test`: prove that this copy of Clientele works, from source or frozen.

Offscreen, it analyses the demo shop with every analysis this version offers, opens the main
window on it and renders each view, writes marketing lists to a temporary folder and reads them
back, and prints versions and a line per step with its time. Exit code 0 when every step passed,
1 otherwise (the failing steps are named).

Steps are discovered: a step whose module is not in this version is printed as "skip" (from a
source tree where that part is still being written). In a frozen build a missing module means the
bundle is broken, so there a skip fails the self-test too.

Options (after --self-test): --report FILE (also write the output to FILE: a Windows app built
without a console has no stdout), --keep DIR (keep the exports and screenshots in DIR),
--timeout SECONDS (abort the whole run, default 600).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import platform
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO, TypeVar
from collections.abc import Callable

RFM_11_KEYS = {"champions", "loyal", "potential_loyalist", "new", "promising", "need_attention",
               "about_to_sleep", "at_risk", "cant_lose", "hibernating", "lost"}
RFM_8_KEYS = {"important_value", "important_develop", "important_keep", "important_retain",
              "general_value", "general_develop", "general_keep", "general_retain"}
WINDOW_TIMEOUT_MS = 120_000


class StepFailed(Exception):
    """A check inside a step did not hold; the message says which."""


@dataclass
class Context:
    """What the steps share: a scratch folder and the results of earlier steps."""

    folder: Path
    results: dict[str, Any] = field(default_factory=dict)
    app: Any = None
    window: Any = None
    slot_errors: list[str] = field(default_factory=list)

    def need(self, key: str) -> Any:
        """Return the result `key` of an earlier step, or fail saying that step did not run."""
        if key not in self.results:
            raise StepFailed(f"needs the result '{key}' of an earlier step that failed or did not run")
        return self.results[key]


@dataclass
class Step:
    """One check: `run(ctx)` returns a short line describing what it saw, or raises."""

    name: str
    run: Callable[[Context], str]
    needs: tuple[str, ...] = ()  # modules that make this step part of the version


@dataclass
class StepOutcome:
    name: str
    status: str  # "ok", "FAIL" or "skip"
    seconds: float
    detail: str


def check(condition: bool, message: str) -> None:
    """Fail the current step with `message` unless `condition` holds."""
    if not condition:
        raise StepFailed(message)


T = TypeVar("T")


def present(value: T | None, message: str) -> T:
    """Return `value`; fail the current step with `message` when it is None."""
    if value is None:
        raise StepFailed(message)
    return value


def module_exists(name: str) -> bool:
    """Return True when `name` can be imported (without importing it)."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


# -- steps: engine ----------------------------------------------------------------------------------
def step_versions(ctx: Context) -> str:
    from desktop import __version__

    parts = [f"Clientele {__version__}", f"Python {platform.python_version()}"]
    for label, module in (("PySide6", "PySide6"), ("pandas", "pandas"), ("numpy", "numpy"),
                          ("scipy", "scipy"), ("scikit-learn", "sklearn"), ("pyqtgraph", "pyqtgraph"),
                          ("openpyxl", "openpyxl"), ("XlsxWriter", "xlsxwriter"),
                          ("python-calamine", "python_calamine")):
        try:
            mod = importlib.import_module(module)
        except ImportError as exc:
            raise StepFailed(f"{label} cannot be imported: {exc}") from exc
        version = getattr(mod, "__version__", None)
        if version is None:
            from importlib.metadata import PackageNotFoundError, version as dist_version

            try:
                version = dist_version(label)
            except PackageNotFoundError:
                version = "?"
        parts.append(f"{label} {version}")
    from PySide6.QtCore import qVersion

    parts.append(f"Qt {qVersion()}")
    parts.append(f"{platform.system()} {platform.release()} {platform.machine()}")
    ctx.results["versions"] = parts
    return ", ".join(parts)


def step_analysis(ctx: Context) -> str:
    from desktop.engine.pipeline import AnalysisOptions, analyze
    from desktop.paths import demo_files

    orders, customers = demo_files()
    check(orders.is_file(), f"the demo shop is missing: {orders}")
    analysis = analyze(AnalysisOptions(paths=[orders], customers_file=customers, rfm_model=11))
    n = len(analysis.customers)
    check(n > 100, f"only {n} customers in the demo shop")
    keys = set(analysis.customers["segment"].astype(str))
    check(keys <= RFM_11_KEYS, f"unknown segment keys: {sorted(keys - RFM_11_KEYS)}")
    check(len(keys) >= 5, f"only {len(keys)} RFM segments used")
    check(int(analysis.segments["customers"].sum()) == n, "the segment summary does not add up")
    ctx.results["analysis"] = analysis
    return f"{analysis.report.rows_used:,} order lines, {n:,} customers, {len(keys)} RFM segments"


def step_analysis_8(ctx: Context) -> str:
    from desktop.engine.pipeline import AnalysisOptions, analyze
    from desktop.paths import demo_files

    orders, customers = demo_files()
    analysis = analyze(AnalysisOptions(paths=[orders], customers_file=customers, rfm_model=8))
    keys = set(analysis.customers["segment"].astype(str))
    check(keys <= RFM_8_KEYS, f"unknown segment keys: {sorted(keys - RFM_8_KEYS)}")
    names = analysis.segments["name_zh"].astype(str)
    check(all(any("\u4e00" <= ch <= "\u9fff" for ch in name) for name in names),
          "a segment has no Chinese name")
    return f"{len(keys)} segments, e.g. {names.iloc[0]}"


def step_clustering(ctx: Context) -> str:
    from desktop.engine.segments.clustering import segment

    analysis = ctx.need("analysis")
    seg = segment(analysis.customers, analysis.lines, method="kmeans")
    labels = seg.assign(analysis.customers, analysis.lines)
    check(len(labels) == len(analysis.customers), "not every customer got a segment")
    used = labels.astype(str).nunique()
    check(used >= 2, f"k-means made {used} segment(s)")
    ctx.results["segmentation"] = seg
    return f"k-means: {used} segments, e.g. {seg.name(str(labels.iloc[0]))}"


def step_predictions(ctx: Context) -> str:
    import numpy as np

    from desktop.engine.predictions import predict_customers

    analysis = ctx.need("analysis")
    result = predict_customers(analysis.lines, analysis.as_of)
    table = result.table
    check(len(table) > 0, "no predictions")
    numeric = table.select_dtypes("number")
    check(numeric.shape[1] > 0, "the prediction table has no figures")
    values = numeric.to_numpy(dtype=float)
    check(bool(np.isfinite(values[~np.isnan(values)]).all()), "a prediction is infinite")
    ctx.results["predictions"] = result
    return f"{len(table):,} customers, purchase model {result.method}, spend model {result.spend_method}"


def step_suggestions(ctx: Context) -> str:
    from desktop.engine.suggestions import fit_models, recommend

    analysis = ctx.need("analysis")
    sm = fit_models(analysis.lines, customers=analysis.customers, as_of=analysis.as_of)
    some = [str(c) for c in list(analysis.customers.index[:50])]
    table = recommend(sm, some)
    check(len(table) > 0, "no product suggestions")
    check(set(table["customer_id"].astype(str)) <= set(some), "suggestions for customers not asked for")
    check(bool(table["reason_en"].astype(str).str.len().gt(0).all()), "a suggestion has no reason")
    ctx.results["suggestions"] = table
    return f"{len(sm.models)} models, {len(table):,} suggestions for {len(some)} customers"


def step_export(ctx: Context) -> str:
    import pandas as pd

    from desktop.engine.export import ExportOptions
    from desktop.engine.marketing import export_marketing_list

    analysis = ctx.need("analysis")
    segments = [str(k) for k in analysis.segments["key"].iloc[:3]]
    expected = set(analysis.customers.index[analysis.customers["segment"].astype(str).isin(segments)].astype(str))
    written = []
    for name, language in (("marketing list.xlsx", "zh"), ("marketing list.csv", "en")):
        options = ExportOptions(segments=segments, language=language, control_share=0.1, seed=7)
        result = export_marketing_list(analysis.customers, analysis.segments, ctx.folder / name, options,
                                       as_of=analysis.as_of)
        check(result.path.is_file(), f"{name} was not written")
        if name.endswith(".xlsx"):
            back = _read_list_sheets(result.path)
        else:
            back = pd.read_csv(result.path, dtype=str, encoding="utf-8-sig")
        check(len(back) == result.rows, f"{name}: wrote {result.rows} rows, read back {len(back)}")
        check(result.rows + result.control == len(expected),
              f"{name}: {result.rows} + {result.control} customers, expected {len(expected)}")
        listed = present(result.list_frame, f"{name}: no list was kept").index.astype(str)
        found = back.apply(lambda column, listed=listed: column.isin(listed).sum()).max()
        check(found == len(listed), f"{name}: the customer ids did not survive the round trip")
        written.append(f"{name} {result.rows} rows")
    return ", ".join(written)


def step_password(ctx: Context) -> str:
    import shutil

    from desktop.engine.errors import InputError
    from desktop.engine.reading import read_file
    from desktop.paths import resources_dir

    # A workbook encrypted with msoffcrypto-tool at development time (password "self-test"); the
    # frozen app leaves that library out and must still recognise such a file.
    locked = ctx.folder / "locked.xlsx"
    shutil.copyfile(resources_dir() / "selftest" / "password-protected.xlsx", locked)
    try:
        read_file(locked)
    except InputError as exc:
        check("password" in str(exc), f"unexpected message: {exc}")
        return f"told the user: {exc}"
    raise StepFailed("a password-protected workbook was read without complaint")


PLANTED_MODULES = ("zipfile.py", "pickle.py", "numpy/__init__.py")


def step_planted_modules(ctx: Context) -> str:
    """Start the workbook-parsing child and a task's child from a folder holding modules named like
    ones Clientele imports (as a download folder could): none of them may run, and both children
    must still read the workbook."""
    import pandas as pd

    from desktop.engine import guard
    from desktop.engine.export import write_table
    from desktop.jobs.analysis import PreviewRequest, preview
    from desktop.ui.background.process import run_in_process

    folder = ctx.folder / "planted modules"
    marker = folder / "PLANTED-CODE-RAN.txt"
    for rel in PLANTED_MODULES:
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"open({str(marker)!r}, 'a').write(__name__ + '\\n')\n", encoding="utf-8")
    header = ["Customer ID", "Order ID", "Date", "Amount"]
    write_table(pd.DataFrame([["C1", "S1", "2024-01-05", 10.0]], columns=header), folder / "orders.xlsx")
    previous = os.getcwd()
    os.chdir(folder)
    try:
        cells = guard._parse_in_child(Path("orders.xlsx"), None, False)
        previewed = run_in_process(preview, (PreviewRequest(("orders.xlsx",)),), {}, lambda *a: None,
                                   lambda: False)
    finally:
        os.chdir(previous)
    ran = marker.read_text(encoding="utf-8").split() if marker.exists() else []
    check(not ran, f"code planted in the current folder ran in a child process: {', '.join(ran)}")
    rows = next(iter(cells.sheets.values())).rows
    check(bool(rows) and rows[0] == header, "the parsing child did not read the workbook")
    check(previewed.columns == header, "the task's child did not read the workbook")
    return f"{len(PLANTED_MODULES)} planted modules ignored by the parsing child and a task's child"


def step_project(ctx: Context) -> str:
    from desktop.engine.project import load_project, save_project

    analysis = ctx.need("analysis")
    target = save_project(ctx.folder / "demo shop.clientele", analysis, settings={"selftest": True})
    opened = load_project(target)
    check(not opened.missing_sources, f"sources reported missing: {opened.missing_sources}")
    again = opened.analysis()
    check(len(again.customers) == len(analysis.customers),
          f"{len(analysis.customers)} customers saved, {len(again.customers)} reopened")
    same = (again.customers["segment"].astype(str).sort_index()
            == analysis.customers["segment"].astype(str).sort_index()).all()
    check(bool(same), "the reopened project puts customers in other segments")
    return f"{target.name}: {target.stat().st_size / 1e6:.1f} MB, {len(again.customers):,} customers reopened"


def _read_list_sheets(path: Path):
    """Return the customer rows of an exported workbook: every sheet after the summary."""
    import pandas as pd

    sheets = pd.read_excel(path, sheet_name=None, dtype=str, engine="openpyxl")
    check(len(sheets) >= 2, f"{path.name} has no customer sheet after the summary")
    return pd.concat(list(sheets.values())[1:], ignore_index=True)


def step_licences(ctx: Context) -> str:
    from desktop.licences import bundled_licences

    items = bundled_licences()
    names = {item.name.lower().replace("_", "-") for item in items}
    for needed in ("pyside6-essentials", "pandas", "scikit-learn"):
        check(needed in names, f"no licence found for {needed}")
    return f"{len(items)} components with their licences"


# -- steps: the window ------------------------------------------------------------------------------
def _wait(signals: list, timeout_ms: int) -> tuple[int, tuple] | None:
    """Run the event loop until one of `signals` fires; return (its index, its arguments) or None."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    got: list[tuple[int, tuple]] = []
    connections = []
    for i, signal in enumerate(signals):
        def fired(*args, i=i):
            got.append((i, args))
            loop.quit()

        signal.connect(fired)
        connections.append((signal, fired))
    QTimer.singleShot(timeout_ms, loop.quit)
    if not got:
        loop.exec()
    for signal, slot in connections:
        signal.disconnect(slot)
    return got[0] if got else None


def _settle(ms: int = 150) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _check_slot_errors(ctx: Context) -> None:
    if ctx.slot_errors:
        first = ctx.slot_errors[0].strip().splitlines()[-1]
        ctx.slot_errors.clear()
        raise StepFailed(f"an error was raised inside the window: {first}")


def step_qt(ctx: Context) -> str:
    from PySide6.QtGui import QGuiApplication, QIcon

    from desktop.ui.app import application

    ctx.app = application()
    platform_name = QGuiApplication.platformName()
    from desktop.paths import resources_dir

    icon_file = resources_dir() / "icons" / "clientele.png"
    check(icon_file.is_file(), f"the app icon is missing: {icon_file}")
    icon = QIcon(str(icon_file))
    check(not icon.isNull(), "the app icon cannot be loaded")
    return f"platform {platform_name}, icon {icon.availableSizes()[0].width()} px"


def step_fonts(ctx: Context) -> str:
    from desktop.ui.fonts import CHINESE_SAMPLE, LATIN_SAMPLE, can_draw, ensure_ui_font

    check(ctx.app is not None, "needs the Qt application")
    status = ensure_ui_font()
    check(can_draw(LATIN_SAMPLE), "Latin letters would be drawn as boxes")
    check(can_draw(CHINESE_SAMPLE), "Chinese characters would be drawn as boxes")
    how = f"registered the bundled {status.registered}" if status.registered else "system fonts suffice"
    return f"Latin and Chinese can be drawn ({how}; UI font {status.default_family})"


def step_translations(ctx: Context) -> str:
    from desktop.ui.i18n import install_language, tr

    check(install_language("zh_CN"), "the Chinese translation file is missing")
    translated = tr("Ready")
    install_language("en")
    check(translated != "Ready", "the Chinese translation did not translate 'Ready'")
    return f"zh_CN: Ready → {translated}"


def step_window(ctx: Context) -> str:
    from desktop.ui.i18n import install_language
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    check(ctx.app is not None, "needs the Qt application")
    install_language("en")
    settings = Settings(ctx.folder / "settings.ini")  # never the user's own settings
    settings.currency = "$"
    window = MainWindow(settings)
    ctx.window = window
    window.resize(1280, 820)
    window.show()
    window.runner.failed.connect(lambda exc, details, task: ctx.slot_errors.append(details))
    window.open_demo()
    outcome = present(_wait([window.analysisReady, window.analysisFailed], WINDOW_TIMEOUT_MS),
                      f"the demo shop was not analysed within {WINDOW_TIMEOUT_MS // 1000} s")
    check(outcome[0] == 0, f"the window could not analyse the demo shop: {outcome[1][0] if outcome[1] else ''}")
    _check_slot_errors(ctx)
    data: Any = present(window.data, "the window shows no customers")  # MainWindow.data is not typed yet
    check(data.figures.customers > 0, "the window shows no customers")
    return f"{data.figures.customers:,} customers shown, {len(window.views)} views"


def _image_has_content(image) -> bool:
    """Return True when a rendered image is not one flat colour."""
    small = image.scaled(64, 40)
    colours = {small.pixel(x, y) for x in range(0, small.width(), 3) for y in range(0, small.height(), 3)}
    return len(colours) > 3


def step_views(ctx: Context) -> str:
    window = ctx.window
    check(window is not None and window.data is not None, "needs the window with the demo shop")
    shown = []
    for row, key in enumerate(window.views):
        window.nav.setCurrentRow(row)
        _settle()
        _check_slot_errors(ctx)
        image = window.grab().toImage()
        check(not image.isNull(), f"the {key} view did not render")
        check(_image_has_content(image), f"the {key} view rendered as a blank picture")
        image.save(str(ctx.folder / f"view_{row + 1}_{key}.png"))
        shown.append(key)
    best = str(window.data.customers["monetary"].idxmax())
    window.open_customer(best)
    _settle()
    _check_slot_errors(ctx)
    check(window.customer_dock.isVisible(), "the customer panel did not open")
    image = window.grab().toImage()
    image.save(str(ctx.folder / "view_customer.png"))
    shown.append("customer panel")
    window.nav.setCurrentRow(0)
    return ", ".join(shown)


def step_laptop_screen(ctx: Context) -> str:
    from desktop.ui.screen_fit import LAPTOP, fit_problems

    window = ctx.window
    check(window is not None and window.data is not None, "needs the window with the demo shop")
    size = window.size()
    problems = fit_problems(window, LAPTOP)
    window.resize(size)
    _check_slot_errors(ctx)
    check(not problems, "; ".join(problems))
    return f"every view and the customer panel fit a {LAPTOP.width()}×{LAPTOP.height()} screen"


def step_window_export(ctx: Context) -> str:
    from desktop.jobs.export import ExportRequest

    window = ctx.window
    check(window is not None and window.data is not None, "needs the window with the demo shop")
    dialog = window.open_export(None)
    check(dialog is not None, "the export dialog did not open")
    ctx.app.processEvents()
    dialog.reject()
    target = ctx.folder / "from the window.xlsx"
    window.export(ExportRequest(path=str(target), open_folder=False))
    outcome = present(_wait([window.exportFinished, window.exportFailed], WINDOW_TIMEOUT_MS),
                      "the export did not finish")
    check(outcome[0] == 0, f"the export failed: {outcome[1][0] if outcome[1] else ''}")
    _check_slot_errors(ctx)
    result = outcome[1][0]
    back = _read_list_sheets(target)
    check(len(back) == result.rows, f"wrote {result.rows} rows, read back {len(back)}")
    return f"{result.rows:,} customers written and read back"


def step_close(ctx: Context) -> str:
    window = ctx.window
    check(window is not None, "no window to close")
    window.close()
    ok = window.runner.wait(10_000)
    window.deleteLater()
    ctx.app.processEvents()
    ctx.window = None
    check(ok, "a worker was still running 10 s after the window closed")
    _check_slot_errors(ctx)
    return "closed, no worker left running"


def step_window_chinese(ctx: Context) -> str:
    from desktop.ui.i18n import install_language, tr
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    check(ctx.app is not None, "needs the Qt application")
    check(install_language("zh_CN"), "the Chinese translation file is missing")
    try:
        settings = Settings(ctx.folder / "settings-zh.ini")
        settings.currency = "¥"
        window = MainWindow(settings)
        window.resize(1280, 820)
        window.show()
        window.runner.failed.connect(lambda exc, details, task: ctx.slot_errors.append(details))
        window.open_demo()
        outcome = _wait([window.analysisReady, window.analysisFailed], WINDOW_TIMEOUT_MS)
        check(outcome is not None and outcome[0] == 0, "the Chinese window could not analyse the demo shop")
        data: Any = present(window.data, "the Chinese window could not analyse the demo shop")  # not typed yet
        _settle()
        _check_slot_errors(ctx)
        image = window.grab().toImage()
        image.save(str(ctx.folder / "view_zh_overview.png"))
        check(_image_has_content(image), "the Chinese window rendered as a blank picture")
        names = data.segments["label"].astype(str).tolist()
        keys = set(data.customers["segment"].astype(str))
        title = tr("Ready")
        window.close()
        check(window.runner.wait(10_000), "a worker was still running after the Chinese window closed")
        window.deleteLater()
    finally:
        install_language("en")
    check(keys <= RFM_8_KEYS, f"the Chinese window did not use the 8-class model: {sorted(keys)[:3]}")
    return f"{len(names)} segments, e.g. {names[0]}; status text {title}"


STEPS: list[Step] = [
    Step("versions", step_versions),
    Step("demo shop, RFM segments", step_analysis, ("desktop.engine.pipeline",)),
    Step("RFM, 8-class model", step_analysis_8, ("desktop.engine.pipeline",)),
    Step("segments by clustering", step_clustering, ("desktop.engine.segments.clustering",)),
    Step("predictions", step_predictions, ("desktop.engine.predictions",)),
    Step("product suggestions", step_suggestions, ("desktop.engine.suggestions",)),
    Step("marketing list export", step_export, ("desktop.engine.export", "desktop.engine.marketing")),
    Step("project file saved and reopened", step_project, ("desktop.engine.project",)),
    Step("password-protected workbook", step_password, ("desktop.engine.reading",)),
    Step("modules in the current folder never run", step_planted_modules,
         ("desktop.engine.guard", "desktop.ui.background.process")),
    Step("licences", step_licences),
    Step("Qt and the app icon", step_qt, ("desktop.ui.app",)),
    Step("fonts", step_fonts, ("desktop.ui.app",)),
    Step("translations", step_translations, ("desktop.ui.i18n",)),
    Step("main window on the demo shop", step_window, ("desktop.ui.main_window",)),
    Step("views rendered", step_views, ("desktop.ui.main_window",)),
    Step("laptop screen 1366×768", step_laptop_screen, ("desktop.ui.main_window", "desktop.ui.screen_fit")),
    Step("export from the window", step_window_export, ("desktop.ui.main_window", "desktop.ui.background.process")),
    Step("window closed", step_close, ("desktop.ui.main_window",)),
    Step("window in Chinese", step_window_chinese, ("desktop.ui.main_window", "desktop.ui.i18n")),
]


# -- running ------------------------------------------------------------------------------------------
def run_steps(steps: list[Step], ctx: Context, out: Callable[[str], None], strict: bool) -> list[StepOutcome]:
    """Run `steps` in order, printing a line per step through `out`; return their outcomes.
    A step whose module is missing is skipped, or fails when `strict`."""
    outcomes: list[StepOutcome] = []
    for step in steps:
        missing = [m for m in step.needs if not module_exists(m)]
        if missing:
            status = "FAIL" if strict else "skip"
            detail = f"not in this version ({', '.join(missing)} missing)"
            outcomes.append(StepOutcome(step.name, status, 0.0, detail))
            out(f"  {status:<4}         {step.name}: {detail}")
            continue
        start = time.perf_counter()
        try:
            detail = step.run(ctx) or ""
            status = "ok"
        except StepFailed as exc:
            detail, status = str(exc), "FAIL"
        except BaseException as exc:  # noqa: BLE001 - every failure must be reported, not raised
            if isinstance(exc, KeyboardInterrupt):
                raise
            tb = traceback.format_exc().rstrip().splitlines()
            where = next((line.strip() for line in reversed(tb) if line.strip().startswith("File ")), "")
            detail, status = f"{type(exc).__name__}: {exc} ({where})", "FAIL"
        seconds = time.perf_counter() - start
        outcomes.append(StepOutcome(step.name, status, seconds, detail))
        out(f"  {status:<4} {seconds:6.2f} s  {step.name}: {detail}")
    return outcomes


def _parse(argv: list[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    it = iter(argv)
    for arg in it:
        for name in ("--report", "--keep", "--timeout"):
            if arg == name:
                options[name] = next(it, "")
            elif arg.startswith(name + "="):
                options[name] = arg.split("=", 1)[1]
    return options


def run_self_test(argv: list[str], steps: list[Step] | None = None, stream: TextIO | None = None) -> int:
    """Run the self-test (options in `argv`, see the module docstring); return the exit code."""
    options = _parse(list(argv))
    # offscreen unless the caller chose a platform (e.g. xcb under Xvfb, to test that plugin)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    frozen = bool(getattr(sys, "frozen", False))
    report_lines: list[str] = []
    stream = stream if stream is not None else sys.stdout

    def out(line: str) -> None:
        report_lines.append(line)
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):  # no console (a windowed build): the report file has it
                print(line, file=stream, flush=True)

    import faulthandler

    timeout = float(options.get("--timeout") or 600)
    if sys.stderr is not None:
        # a hang (a deadlocked worker, a modal dialog offscreen) must end the run, not block CI
        faulthandler.dump_traceback_later(timeout, exit=True)
    started = time.perf_counter()
    keep = options.get("--keep")
    with tempfile.TemporaryDirectory(prefix="clientele-selftest-") as tmp:
        folder = Path(keep) if keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        previous_settings = os.environ.get("CLIENTELE_SETTINGS")
        os.environ["CLIENTELE_SETTINGS"] = str(folder / "settings.ini")
        ctx = Context(folder=folder)
        previous_hook = sys.excepthook

        def hook(exc_type, exc, tb):  # PySide6 reports exceptions raised in slots here
            ctx.slot_errors.append("".join(traceback.format_exception(exc_type, exc, tb)))

        sys.excepthook = hook
        out(f"Clientele self-test ({'frozen build' if frozen else 'from source'}, "
            f"{sys.executable}, folder {folder})")
        try:
            outcomes = run_steps(STEPS if steps is None else steps, ctx, out, strict=frozen)
        finally:
            sys.excepthook = previous_hook
            if previous_settings is None:
                os.environ.pop("CLIENTELE_SETTINGS", None)
            else:
                os.environ["CLIENTELE_SETTINGS"] = previous_settings
            if ctx.window is not None:
                ctx.window.close()
                ctx.window.runner.wait(5000)
            faulthandler.cancel_dump_traceback_later()
    total = time.perf_counter() - started
    failed = [o.name for o in outcomes if o.status == "FAIL"]
    skipped = [o.name for o in outcomes if o.status == "skip"]
    passed = sum(o.status == "ok" for o in outcomes)
    if failed:
        out(f"Self-test FAILED in {total:.1f} s: {', '.join(failed)}")
    else:
        extra = f", {len(skipped)} skipped ({', '.join(skipped)})" if skipped else ""
        out(f"Self-test passed in {total:.1f} s: {passed} step{'s' if passed != 1 else ''}{extra}")
    report = options.get("--report")
    if report:
        Path(report).write_text("\n".join(report_lines) + "\n", encoding="utf-8")
    return 1 if failed else 0
