"""The engine writes no sentence in any language of its own: its words live in desktop/texts (one module
per language). What may hold Chinese in the engine is vocabulary it needs to RECOGNISE input (header
names, placeholder ids, date words), named below constant by constant."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "desktop" / "engine"
CJK = re.compile(r"[\u4e00-\u9fff]")

# module -> top-level names (constants or functions) that may hold Chinese, and why.
RECOGNITION = {
    # header synonyms of each role, and words that tell what a column is (money that is not a line
    # amount, paid/unpaid statuses, staff ids, non-person names, line numbers, yes/no flags, 年/月 dates)
    # (_platform_roles passes a platform's own Chinese name, a proper name read from platforms.json, as
    # the `platform_zh` parameter that the CLI's JSON has always carried)
    "roles.py": {"SYNONYMS", "_NOT_LINE_MONEY", "_PAID_WORDS", "_STAFF_WORDS", "_NOT_A_PERSON", "_LINE_NUMBER_NAME",
                 "_FLAG_VALUES", "_TEXT_DATE", "_guess_customer", "_platform_roles"},
    # currency signs, 年/月/日 dates, 时/分/秒 and 上午/下午 times, 星期 weekdays in the cells
    "parsing.py": {"_CURRENCY", "_DATE_SPLIT", "_TIME", "_WEEKDAY", "_AM", "_PM", "_parse_loose", "parse_dates"},
    # a 合计/总计 totals row at the bottom of a sheet
    "reading.py": {"TOTALS_PATTERN"},
    # ids that stand for no customer (散客, 非会员 …)
    "cleaning.py": {"WALK_IN_WORDS", "is_placeholder_id"},
    # product names of charges that are not merchandise (运费, 礼品袋 …)
    "charges.py": {"SERVICE_NAMES", "_SERVICE_PART"},
    # birthdays written as 8月6日
    "todo.py": {"_month_day"},
    # a 唯一 (unique) person-id column among several id columns
    "combining.py": {"_prefer_person_id", "_names_customer"},
    # consent/refusal header names and cell words (同意, 退订, 是/否 …); the module docstring quotes them
    "consent.py": {"AGREE_HEADERS", "REFUSE_HEADERS", "_REFUSE_WORDS", "_AGREED", "_REFUSED", "_YES", "_NO",
                   "refusing_header", "Expr"},
    # gender words in a filter's values (女, 男); the module docstring quotes a filter on city = 上海
    "filters.py": {"_GENDER", "Expr"},
    # gender words in the cells of a gender column (女, 男性 …)
    "segments/features.py": {"GENDER_WORDS"},
}
# Modules whose comments quote recognised input (e.g. the placeholder id '散客').
COMMENT_EXAMPLES = {"pipeline.py"}
# Whole data files of recognition vocabulary: the Chinese platforms' export headers and their names.
RECOGNITION_FILES = {"platforms.json"}

# Modules whose words have not moved to desktop/texts yet (issue #16 item 5). The test below fails when
# one of them no longer holds Chinese, so that this list only shrinks.
NOT_YET_MOVED = {
    "export/xlsx.py", "export/listing.py", "export/privacy.py",
    "festivals.py", "predictions/propensity.py",
    "suggestions/models.py", "suggestions/reasons.py", "suggestions/suggest.py",
}


def _owners(path: Path) -> set[str]:
    """The top-level names whose code holds Chinese text or a `zh=` keyword ('<comment>' for comments)."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    owners = set()
    for top in tree.body:
        name = (top.targets[0].id if isinstance(top, ast.Assign) and isinstance(top.targets[0], ast.Name) else
                top.target.id if isinstance(top, ast.AnnAssign) and isinstance(top.target, ast.Name) else
                getattr(top, "name", type(top).__name__))
        for node in ast.walk(top):
            if ((isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value))
                    or (isinstance(node, ast.keyword) and node.arg and node.arg.endswith("zh"))):
                owners.add(name)
    if any(CJK.search(line.split("#", 1)[1]) for line in source.splitlines() if "#" in line):
        owners.add("<comment>")
    return owners


def _modules() -> dict[str, Path]:
    return {p.relative_to(ENGINE).as_posix(): p for p in sorted(ENGINE.rglob("*.py"))}


def test_the_engine_holds_no_inline_language_but_recognition_vocabulary() -> None:
    problems = []
    for name, path in _modules().items():
        if name in NOT_YET_MOVED:
            continue
        quoted = {"<comment>"} if name in RECOGNITION or name in COMMENT_EXAMPLES else set()
        extra = _owners(path) - RECOGNITION.get(name, set()) - quoted
        if extra:
            problems.append(f"{name}: Chinese or zh= in {sorted(extra)}; put the words in desktop/texts")
    other_files = {p.name for p in ENGINE.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")
                   and CJK.search(p.read_text(encoding="utf-8", errors="ignore"))}
    problems += [f"{f}: Chinese in a data file" for f in sorted(other_files - RECOGNITION_FILES)]
    assert not problems, "\n".join(problems)


def test_the_allow_lists_are_current() -> None:
    modules = _modules()
    for name, allowed in RECOGNITION.items():
        owners = _owners(modules[name]) - {"<comment>"}
        assert owners <= allowed, (name, owners - allowed)
        assert allowed & owners, f"{name} no longer holds recognition vocabulary: drop it from the list"
    for name in NOT_YET_MOVED:
        assert name in modules and _owners(modules[name]), f"{name} is done: drop it from NOT_YET_MOVED"
