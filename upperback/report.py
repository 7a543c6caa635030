"""A client's progress report: a standalone HTML page, made by running a notebook.

The template notebook (templates/report.ipynb) is executed with papermill for one client,
then converted without its code, so the page holds the charts, the summary table and the
safety note, and opens in any browser with nothing else beside it.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from importlib.resources import as_file, files
from pathlib import Path

from upperback.names import did_you_mean
from upperback.person_names import file_stem, matching_key
from upperback.store import Store, StoreError
from upperback.workbook import workbook_folder, write_private

__all__ = ["ReportError", "write_report"]


class ReportError(RuntimeError):
    """The report could not be made; the message says why."""


def write_report(
    client: str, path: str | os.PathLike | None = None, *, database: str | None = None
) -> Path:
    """Run the report notebook for ``client`` and write it as standalone HTML.

    Parameters
    ----------
    client : str
        The client's name as logged.
    path : path, default=None
        Where to write; by default ``reports/<client>-<date>.html`` in the workbook folder.
    database : str, default=None
        A database URL; the workbook's own log by default.
    """
    try:
        import nbformat
        import papermill
        from nbconvert import HTMLExporter
    except ImportError as error:
        raise ReportError(
            f"Reports need the report tools ({error.name} is missing): install upperback[report]"
        ) from None

    try:
        known = Store(database).clients()
    except StoreError as error:
        raise ReportError(str(error)) from None
    found = [name for name in known if matching_key(name) == matching_key(client)]
    if not found:
        raise ReportError(f"No sessions logged for '{client}'{did_you_mean(client, known)}")
    client = found[0]  # as the log spells them
    stem = file_stem(client)  # two people never share a report's name
    path = (
        Path(path)
        if path
        else workbook_folder() / "reports" / f"{stem}-{datetime.now(UTC):%Y-%m-%d}.html"
    )
    with (
        tempfile.TemporaryDirectory() as scratch,
        as_file(files("upperback") / "templates" / "report.ipynb") as template,
    ):
        executed = Path(scratch) / "report.ipynb"
        try:
            papermill.execute_notebook(
                str(template), str(executed), parameters={"client": client, "database": database},
                progress_bar=False, cwd=scratch, kernel_manager_class=_local_kernel_manager(),
            )  # fmt: skip
        except papermill.PapermillExecutionError as error:
            raise ReportError(
                f"The report for '{client}' failed: {error.ename}: {error.evalue}"
            ) from None
        notebook = nbformat.read(executed, as_version=4)
    body, _ = _offline_exporter(HTMLExporter).from_notebook_node(
        notebook, resources={"metadata": {"name": f"Progress report: {client}"}}
    )
    return write_private(path, body)


# JupyterLab's page, less what it would fetch from the internet: require.js, MathJax,
# mermaid and the widget manager. The report has none of those to show: charts are inline
# images, tables plain HTML, and the styles are written into the page.
OFFLINE_PAGE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def _offline_exporter(exporter_class):
    """An HTML exporter whose page opens complete with the network off, code left out."""
    import jinja2

    return exporter_class(
        template_name="lab",
        extra_loaders=[jinja2.DictLoader({"upperback-offline.html.j2": OFFLINE_PAGE})],
        template_file="upperback-offline.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def _local_kernel_manager():
    """A kernel manager that talks to the kernel over local sockets (IPC), not TCP.

    Over TCP ipykernel 7 warns on every run that its traffic is not encrypted; over IPC
    nothing leaves the machine, the cause goes, and with it the warning (and only that one).
    """
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import CaselessStrEnum

    class LocalKernelManager(AsyncKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

    return LocalKernelManager
