"""An accessibility audit of what a page shows: axe-core's WCAG 2.2 A and AA rules.

axe-core is the engine behind the browsers' accessibility checkers; the copy run here ships
inside the PyPI package axe-playwright-python, so the audit needs no network. Every
violation of serious or critical impact fails; a moderate or minor one fails too unless it
is named in ``allowed`` with the reason it stays.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from axe_playwright_python.base import AXE_SCRIPT

# WCAG 2.0, 2.1 and 2.2 at levels A and AA (2.2 added no level-A rule to axe-core).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe files "all content in landmarks" under best practice, not under a WCAG tag; the
# issue's audit counted it, and a page in landmarks is what a screen reader jumps by.
EXTRA_RULES = ["region"]
SERIOUS = ("serious", "critical")


@dataclass(frozen=True)
class Violation:
    page: str
    rule: str
    impact: str
    nodes: tuple[str, ...]  # a CSS selector for each element, as axe names it
    help: str

    def line(self) -> str:
        shown = "; ".join(self.nodes[:6]) + (" ..." if len(self.nodes) > 6 else "")
        return f"{self.page}: {self.rule} ({self.impact}, {len(self.nodes)}): {self.help}: {shown}"


def audit(
    target, page_name: str, *, include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> list[Violation]:
    """Run axe on ``target`` (a Playwright page or frame), within ``include`` if given."""
    if not target.evaluate("typeof window.axe !== 'undefined'"):
        target.evaluate(AXE_SCRIPT)
    context: dict = {}
    if include:
        context["include"] = [[selector] for selector in include]
    if exclude:
        context["exclude"] = [[selector] for selector in exclude]
    options = {
        "runOnly": {"type": "tag", "values": TAGS},
        "rules": {rule: {"enabled": True} for rule in EXTRA_RULES},
        "resultTypes": ["violations"],
    }
    results = target.evaluate(
        "([context, options]) => axe.run(Object.keys(context).length ? context : document,"
        " options)",
        [context, options],
    )
    return [
        Violation(
            page_name,
            found["id"],
            found["impact"] or "minor",
            tuple(" ".join(map(str, node["target"])) for node in found["nodes"]),
            found["help"],
        )
        for found in results["violations"]
    ]


def assert_accessible(
    target,
    page_name: str,
    *,
    allowed: Mapping[str, str] | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> list[Violation]:
    """Fail on any violation of serious or critical impact, and on any other not allowed.

    Parameters
    ----------
    target : playwright Page or Frame
    page_name : str
        What a person opened ("first visit", "notebook 03"), for the failure's list.
    allowed : mapping of rule id to why it stays, default=None
        Moderate or minor rules left as they are; a serious one cannot be allowed.
    include, exclude : sequence of str
        CSS selectors to audit within, and to leave out (say why at the call).

    Returns the violations allowed, so a caller can see what still shows.
    """
    allowed = dict(allowed or {})
    for rule, why in allowed.items():
        assert why.strip(), f"say why {rule} is allowed"
    found = audit(target, page_name, include=include, exclude=exclude)
    failing = [v for v in found if v.impact in SERIOUS or v.rule not in allowed]
    assert not failing, "accessibility violations:\n" + "\n".join(v.line() for v in failing)
    return found
