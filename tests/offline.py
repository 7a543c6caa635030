"""What a page would fetch from the network as it opens: for tests that want nothing."""

import re
from html.parser import HTMLParser

# Links a person clicks are fine; everything else a page names is fetched as it opens.
CLICKED = {("a", "href")}
CSS_URL = re.compile(r"""url\(\s*['"]?(https?:)?//""", re.IGNORECASE)


class _Fetches(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            fetched = name in ("src", "href", "data", "poster") and (tag, name) not in CLICKED
            if fetched and re.match(r"\s*(https?:)?//", value or ""):
                self.found.append(f"<{tag} {name}={value}>")
            if name == "style" and CSS_URL.search(value or ""):
                self.found.append(f"<{tag} style=...url(...)>")

    def handle_data(self, data):
        if CSS_URL.search(data) or re.search(r"@import\s+['\"]?(https?:)?//", data):
            self.found.append("a style sheet that imports from the network")


def network_fetches(page: str) -> list[str]:
    """Every address ``page`` would load from the network as it opens (clicked links aside).

    Examples
    --------
    >>> network_fetches('<a href="https://x.org">more</a><script src="https://cdn/x.js">')
    ['<script src=https://cdn/x.js>']
    """
    parser = _Fetches()
    parser.feed(page)
    return parser.found
