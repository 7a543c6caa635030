"""The per-client progress report: a standalone page, made by running a notebook."""

import re

import pytest

from upperback import Library
from upperback.cli import main
from upperback.demo import make_demo
from upperback.report import ReportError, write_report
from upperback.store import Store


@pytest.fixture(scope="module")
def clinic_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('clinic') / 'log.db'}"
    make_demo(Store(url), Library.load(user=False))
    return url


def test_the_report_holds_charts_summary_and_safety_note_and_no_code(clinic_url, tmp_path):
    path = write_report("Demo: Ana (improving)", tmp_path / "ana.html", database=clinic_url)
    page = path.read_text()
    assert "Progress report: Demo: Ana (improving)" in page
    assert "Safety first" in page and "chest pain" in page
    assert "clinically important improvement" in page
    assert len(re.findall(r'src="data:image/png;base64,', page)) >= 2  # charts and map, inline
    assert "import upperback" not in page and "plain_summary(" not in page
    assert "<Figure size" not in page  # every chart drawn, none left as text


def test_the_default_place_is_the_workbook_reports_folder(clinic_url, workbook_home):
    path = write_report("Demo: Ben (plateau)", database=clinic_url)
    assert path.parent == workbook_home / "reports" and path.name.startswith("demo-ben-plateau-")


def test_an_unknown_client_is_named(clinic_url):
    with pytest.raises(ReportError, match="No sessions logged for 'Nobody'"):
        write_report("Nobody", database=clinic_url)


def test_the_report_command(clinic_url, tmp_path, capsys):
    out = tmp_path / "dev.html"
    assert main(["report", "--client", "Demo: Dev (pain warnings)", "--database", clinic_url,
                 "--output", str(out)]) == 0  # fmt: skip
    assert out.is_file() and "Wrote" in capsys.readouterr().out
    assert main(["report", "--client", "Nobody", "--database", clinic_url]) == 1
    assert "No sessions logged" in capsys.readouterr().err
