"""The colours every chart and map shares, chosen to read in greyscale print too.

Roles are dark, middle and light shades of one blue with a letter each, so they stay
distinct for colour-blind readers; warnings are the one red. ``MEANING_PAIRS`` lists every
pair of colours a chart asks a reader to tell apart, with what tells them apart besides
colour; ``INK_PAIRS`` every text colour a chart or view writes on its background. The
tests hold both: distinct under simulated colour blindness, readable at WCAG AA.
"""

__all__ = [
    "BUTTON_INK",
    "CALENDAR_SHADES",
    "EMPTY_CELL",
    "HUB_ACCENT",
    "HUB_ACCENT_DARK",
    "INK",
    "INK_PAIRS",
    "LIGHT",
    "MEANING_PAIRS",
    "NOTE_INK",
    "NO_PLAN",
    "QUIET",
    "ROLE_STYLE",
    "SUCCESS_BUTTON",
    "SUCCESS_BUTTON_HOVER",
    "TAB_BACKGROUND",
    "TAB_INK",
    "WARN",
]

# role: (fill, letter, ink for the letter)
ROLE_STYLE = {
    "primary": ("#1d4e89", "P", "white"),
    "secondary": ("#6fa8dc", "S", "black"),
    "stabiliser": ("#d9e6f2", "s", "black"),
}
INK, LIGHT, WARN = "#1d4e89", "#9ec5e8", "#b91c1c"
EMPTY_CELL, NO_PLAN, QUIET, NOTE_INK = "#f3f4f6", "white", "#6b7280", "#374151"
CALENDAR_SHADES = {"none": EMPTY_CELL, "1": LIGHT, "2": INK, "3+": "#0b2545"}
# The controls on a page: ipywidgets' green button (#388e3c, 4.1:1 under white) and
# JupyterLab's grey for a tab not open (#6d6d6d on #eeeeee, 4.45:1) fall just short of AA;
# these keep their look, a shade darker.
BUTTON_INK, SUCCESS_BUTTON, SUCCESS_BUTTON_HOVER = "white", "#2e7d32", "#1b5e20"
TAB_INK, TAB_BACKGROUND = "#4b5563", "#eeeeee"  # the background is JupyterLab's own
# The hub's login page: JupyterHub's orange (#f37524, 2.9:1 under white), darker
# (hub/templates/page.html writes these two).
HUB_ACCENT, HUB_ACCENT_DARK = "#b34d0e", "#8a3b0b"

# (chart, what the two colours mean, colour, colour, what else tells them apart: a marker,
# a hatch, a line style or a label; "" where the shade alone must do it, in greyscale too)
MEANING_PAIRS = [
    ("pain", "a score against its rolling mean", LIGHT, INK, "dots against a line"),
    ("pain", "a score against a safety warning", LIGHT, WARN, "dots against triangles"),
    ("pain", "the rolling mean against a safety warning", INK, WARN, "a line against triangles"),
    ("before and after", "pain before against after", LIGHT, INK, "dots against squares"),
    ("weekly", "target met against below it", INK, LIGHT, ""),
    ("weekly", "below target against no plan set", LIGHT, NO_PLAN, "a hatch"),
    ("weekly", "a week's bar against the prescribed line", INK, WARN, "a dashed line"),
    ("weekly", "below target against the prescribed line", LIGHT, WARN, "a dashed line"),
    ("calendar", "no session against one", EMPTY_CELL, LIGHT, ""),
    ("calendar", "one session against two", LIGHT, INK, ""),
    ("calendar", "two sessions against three or more", INK, CALENDAR_SHADES["3+"], ""),
    (
        "muscles",
        "primary against secondary work",
        *(ROLE_STYLE[r][0] for r in ("primary", "secondary")),
        "a hatch",
    ),
    ("sides", "left against right", INK, LIGHT, "a hatch"),
    ("function", "an activity against the average", LIGHT, INK, "thin lines against a thick one"),
    (
        "muscle table",
        "primary against secondary",
        ROLE_STYLE["primary"][0],
        ROLE_STYLE["secondary"][0],
        "a letter",
    ),
    (
        "muscle table",
        "secondary against stabiliser",
        ROLE_STYLE["secondary"][0],
        ROLE_STYLE["stabiliser"][0],
        "a letter",
    ),
]

# (where, text colour, background, large text?) for every text a chart or view writes.
INK_PAIRS = [
    ("a chart's note or empty state", NOTE_INK, "white", False),
    ("a chart's note in its band", NOTE_INK, EMPTY_CELL, False),
    ("a zero week in the weekly chart", QUIET, "white", False),
    (
        "the primary letter in the muscle table",
        ROLE_STYLE["primary"][2],
        ROLE_STYLE["primary"][0],
        False,
    ),
    ("the secondary letter", ROLE_STYLE["secondary"][2], ROLE_STYLE["secondary"][0], False),
    ("the stabiliser letter", ROLE_STYLE["stabiliser"][2], ROLE_STYLE["stabiliser"][0], False),
    ("the timer's next step", "#555555", "white", False),
    ("the timer's clock", "black", "#f3f4f6", True),
    ("the timer's clock at work", "black", "#e0f2fe", True),
    ("the timer's clock in a flash", "black", "#fde68a", True),
    ("the safety note's fold", "#92400e", "white", False),
    ("the safety note", "#1f2937", "#fff7ed", False),
    ("a green button's label", BUTTON_INK, SUCCESS_BUTTON, False),
    ("a green button's label under the pointer", BUTTON_INK, SUCCESS_BUTTON_HOVER, False),
    ("a tab not open", TAB_INK, TAB_BACKGROUND, False),
    ("the hub's sign-in heading and button", "white", HUB_ACCENT, False),
    ("the hub's sign-in button under the pointer", "white", HUB_ACCENT_DARK, False),
]
