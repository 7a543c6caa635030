"""The package installs from a wheel, its dependency lists agree, and its import is light."""

import re
import sqlite3
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

import upperback
from upperback.store.migrations import head

ROOT = Path(__file__).resolve().parents[1]


CORE = {"pandas", "matplotlib", "ipywidgets", "sqlalchemy", "alembic", "jinja2", "anywidget"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, ROOT],
        check=True,
        cwd=dist,
    )
    [built] = dist.glob("upperback-*.whl")
    return built


def test_the_wheel_needs_only_the_core(wheel):
    """Servers and report tools are extras: installing the package for its tables, a script
    or another app pulls in no JupyterLab, Voila or papermill."""
    with zipfile.ZipFile(wheel) as archive:
        [metadata] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        lines = archive.read(metadata).decode().splitlines()
    required = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Requires-Dist")]
    core = {
        re.split(r"[<>=!~ \[;]", spec)[0].lower() for spec in required if "extra ==" not in spec
    }
    assert core == CORE
    extras = {line.split(":", 1)[1].strip() for line in lines if line.startswith("Provides-Extra")}
    assert {"lab", "app", "report", "postgres", "all"} <= extras


def test_the_wheel_carries_the_timer_face(wheel):
    """The timer's face is drawn by a script shipped beside the package, not built."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"upperback/widgets/static/timer_display.js",
            "upperback/widgets/static/timer_display.css"} <= names  # fmt: skip


def test_a_feature_without_its_extra_names_the_extra(monkeypatch, tmp_path):
    from upperback.report import ReportError, write_report
    from upperback.store import Store, StoreError

    monkeypatch.setitem(sys.modules, "papermill", None)  # as if not installed
    with pytest.raises(ReportError, match=r"upperback\[report\]"):
        write_report("Sam", tmp_path / "r.html", database=f"sqlite:///{tmp_path / 'log.db'}")
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreError, match=r"upperback\[postgres\]"):
        Store("postgresql+psycopg://nobody@127.0.0.1:1/none")


def test_the_wheel_carries_every_module(wheel):
    """A subpackage left out of the wheel breaks every installed copy (a hub's servers)."""
    with zipfile.ZipFile(wheel) as archive:
        packed = {n for n in archive.namelist() if n.endswith(".py")}
    source = {p.relative_to(ROOT).as_posix() for p in (ROOT / "upperback").rglob("*.py")}
    assert source - packed == set()


def test_the_wheel_carries_the_log_migrations(wheel):
    """Alembic reads its template and every revision as files: a log made by a newer
    revision than the wheel holds would be refused, and an older one left behind."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    folder = ROOT / "upperback" / "store" / "migrations"
    shipped = [folder / "script.py.mako", folder / "env.py", *(folder / "versions").glob("*.py")]
    assert len(shipped) >= 4  # the template, env.py and at least the first two revisions
    assert {p.relative_to(ROOT).as_posix() for p in shipped} <= names


def test_the_tables_load_from_an_installed_wheel(tmp_path, wheel):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", target, wheel],
        check=True,
    )
    script = (
        "import upperback, sys\n"
        "print(upperback.__file__)\n"
        "library = upperback.Library.load(user=False)\n"
        "print(len(library.exercises), len(library.muscles), len(upperback.load_benefits()))\n"
        # The log is made by the wheel's own migrations, found as package data.
        f"upperback.Store('sqlite:///{tmp_path / 'log.db'}').close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    where, counts = result.stdout.splitlines()
    assert where.startswith(str(target))  # the wheel's copy, not the checkout
    library = upperback.Library.load(user=False)
    expected = [len(library.exercises), len(library.muscles), len(upperback.load_benefits())]
    assert [int(n) for n in counts.split()] == expected
    with sqlite3.connect(tmp_path / "log.db") as log:
        assert log.execute("SELECT version_num FROM alembic_version").fetchall() == [(head(),)]


def _requirement_names(specs):
    # conda has no extras: "psycopg[binary]>=3.1" on PyPI is "psycopg>=3.1" there.
    specs = [re.sub(r"\[.*?\]", "", spec) for spec in specs]

    # Names compare as PyPI does: case and "-" against "_" do not matter.
    def name(spec):
        return re.sub(r"[-_.]+", "-", re.split(r"[<>=!~ ]", spec, maxsplit=1)[0]).lower()

    return {name(spec): re.sub(r"^[\w.-]+", "", spec.replace(" ", "")) for spec in specs}


def test_conda_and_pip_ask_for_the_same_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    # "upperback[...]" names the project's own extras; conda lists what they hold.
    pip_specs = [*project["dependencies"]]
    pip_specs += [
        spec for group in extras.values() for spec in group if not spec.startswith("upperback")
    ]
    pip_specs.append(f"python{project['requires-python']}")
    conda = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    conda_specs = [d for d in conda if isinstance(d, str) and d != "pip"]
    assert _requirement_names(conda_specs) == _requirement_names(pip_specs)


def test_import_upperback_does_not_pull_in_heavy_libraries():
    script = "import sys, upperback; print(sorted(m for m in sys.modules if m in HEAVY))"
    heavy = "{'matplotlib', 'ipywidgets', 'IPython', 'sqlalchemy'}"
    result = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {heavy}\n{script}"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]"


def test_the_code_passes_the_linter():
    ruff = Path(sys.executable).with_name("ruff")
    check = subprocess.run([ruff, "check", ROOT], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    style = subprocess.run([ruff, "format", "--check", ROOT], capture_output=True, text=True)
    assert style.returncode == 0, style.stdout
