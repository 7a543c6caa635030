"""The colours every chart and map shares, chosen to read in greyscale print too.

Roles are dark, middle and light shades of one blue with a letter each, so they stay
distinct for colour-blind readers; warnings are the one red.
"""

__all__ = ["INK", "LIGHT", "ROLE_STYLE", "WARN"]

# role: (fill, letter, ink for the letter)
ROLE_STYLE = {
    "primary": ("#1d4e89", "P", "white"),
    "secondary": ("#6fa8dc", "S", "black"),
    "stabiliser": ("#d9e6f2", "s", "black"),
}
INK, LIGHT, WARN = "#1d4e89", "#9ec5e8", "#b91c1c"
