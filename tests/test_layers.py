"""The package's layout stays what the README says: layers that only look down.

Read from the source with ``ast``, so nothing is imported. A module may import only from
the layers below its own; the views in ``widgets`` import none of each other (only
``widgets.common``), so each can be tested alone. Modules and functions stay short enough
to read in one sitting.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "upperback"

# Alembic's revisions, one module each; a new one needs no entry here.
MIGRATION_SCRIPTS = [
    f"store.migrations.versions.{path.stem}"
    for path in sorted((PACKAGE / "store" / "migrations" / "versions").glob("*.py"))
]
# Bottom first. The README's layout section describes the same floors.
LAYERS = [
    ["rules.scales", "rules.safety", "rules.doses", "rules.pain", "rules.function", "names", "workbook", "sound",
     "lazy",
     "palette"],
    ["rules.limits", "rules.steps", "rules.window"],
    ["rules.progressing", "person_names"],
    ["rules"],
    ["table_schema", "identity"],
    ["tables"],
    ["queries", "ladders"],
    ["schedule", "cues"],
    ["routines", "runs"],
    ["routine_files", "text", "timer"],
    ["sessions", "html", "routine_history", "reminders", "function_checks"],
    ["store.migrations", "store.sqlite", "store.columns", "store.owner_sql", "store.catalogue",
     *MIGRATION_SCRIPTS],
    ["store.schema"],
    ["store.changes", "store.opening", "store.client_names", "store.csvlines"],
    ["store.csvcodec", "store.bulk", "store.checks", "store.function_scores", "store.function_csv",
     "store.routines", "store.rows", "store.scoped",
     "store.migrations.env"],
    ["store.frames"],  # the log read as DataFrames, for the Store
    ["store.log"],
    ["store", "store.access"],
    ["analysis", "quiz", "demo", "handout", "suggestions"],
    ["attention_facts"],  # what the attention list reads: the analysis, next week's advice
    ["attention"],  # the coach's attention list
    ["progress_words", "function_words"],
    ["progress"],
    ["chart_text"],  # the charts in words, from a Progress
    ["muscle_charts", "function_charts"],  # below plots, which offers its chart as well
    ["plots", "musclemap"],
    ["widgets.common"],
    ["widgets.timer_display"],  # a part of the timer's view, not a view of its own
    ["widgets.clearance", "widgets.attention"],  # parts of the dashboard's view
    ["widgets.builder", "widgets.reminders", "widgets.dashboard", "widgets.explorer",
     "widgets.first_visit", "widgets.function_scale",
     "widgets.history",
     "widgets.musclemap", "widgets.picker", "widgets.progress", "widgets.quiz",
     "widgets.red_flags", "widgets.session_form", "widgets.suggestions", "widgets.timer"],
    ["widgets"],
    ["pages"],
    ["app", "coach", "report"],
    ["cli"],
    ["__main__"],
]  # fmt: skip
FLOOR = {module: floor for floor, modules in enumerate(LAYERS) for module in modules}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources() -> dict[str, ast.Module]:
    return {
        module_name(path): ast.parse(path.read_text(), filename=str(path))
        for path in sorted(PACKAGE.rglob("*.py"))
        if module_name(path)  # the package's own __init__ only loads names lazily
    }


def imports(tree: ast.Module) -> set[str]:
    """The package's modules this one imports, type-checking-only imports left out."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("upperback."):
            found.add(node.module.removeprefix("upperback."))
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("upperback.") for a in node.names
                      if a.name.startswith("upperback.")}  # fmt: skip
    return found


SOURCES = sources()


def test_every_module_has_a_floor():
    assert sorted(set(SOURCES) - set(FLOOR)) == []
    assert sorted(set(FLOOR) - set(SOURCES)) == []


@pytest.mark.parametrize("module", sorted(SOURCES))
def test_imports_only_look_down(module):
    upward = {other for other in imports(SOURCES[module]) if FLOOR.get(other, -1) >= FLOOR[module]}
    assert not upward, f"{module} (floor {FLOOR[module]}) imports {sorted(upward)}"


@pytest.mark.parametrize("module", sorted(m for m in SOURCES if m.startswith("widgets.")))
def test_views_do_not_import_views(module):
    others = {m for m in imports(SOURCES[module]) if m.startswith("widgets")}
    parts = PARTS.get(module, set())
    assert others <= {"widgets.common"} | parts, f"{module} imports {sorted(others)}"


# A view may hold a part of its own view, made only for it.
PARTS = {
    "widgets.timer": {"widgets.timer_display"},
    "widgets.dashboard": {"widgets.clearance", "widgets.attention"},
}


def import_floors() -> tuple[int, list[str]]:
    """How many floors the import graph stands on, and its longest chain."""
    graph = {m: imports(tree) & set(SOURCES) for m, tree in SOURCES.items()}
    longest: dict[str, list[str]] = {}

    def chain(module: str) -> list[str]:
        if module not in longest:
            below = [chain(other) for other in graph[module]]
            longest[module] = [module, *max(below, key=len, default=[])]
        return longest[module]

    tallest = max((chain(m) for m in graph), key=len)
    return len(tallest), tallest


def test_the_import_graph_stays_low():
    floors, tallest = import_floors()
    print(f"import graph: {floors} floors; longest chain: {' -> '.join(tallest)}")
    assert floors <= 11, tallest


@pytest.mark.parametrize("module", sorted(SOURCES))
def test_modules_and_functions_stay_short(module):
    tree = SOURCES[module]
    lines = max((getattr(node, "end_lineno", 0) for node in ast.walk(tree)), default=0)
    assert lines <= 400, f"{module} has {lines} lines"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > 60
    ]
    assert not long, f"{module}: {', '.join(long)}"
