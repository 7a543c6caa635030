"""The palette stays readable: every pair of colours a chart asks people to tell apart stays
apart for the three common kinds of colour blindness and in greyscale, and every text meets
WCAG 2.2 AA contrast against its background.

Colour blindness is simulated with the matrices of Machado, Oliveira and Fernandes (2009),
"A physiologically-based model for simulation of color vision deficiency", IEEE TVCG 15(6),
severity 1.0, applied to linear RGB. Distance is CIEDE2000 in CIELAB (D65).
"""

from pathlib import Path

import numpy as np
import pytest
from matplotlib.colors import to_rgb

from upperback.html import STATUS_COLOURS
from upperback.palette import HUB_ACCENT, HUB_ACCENT_DARK, INK_PAIRS, MEANING_PAIRS

MACHADO_2009 = {
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
}
# Colours this far apart (CIEDE2000) read as different at a glance, not only side by side:
# about 2 is the smallest difference people notice; 10 is a clear step.
DISTINCT = 10.0
# In greyscale only lightness is left: a pair told apart by shade alone needs this much.
GREY_STEP = 15.0
AA, AA_LARGE = 4.5, 3.0  # WCAG 2.2 text contrast, normal and large text


def linear(colour) -> np.ndarray:
    c = np.array(to_rgb(colour))
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(rgb_linear: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of a linear sRGB colour."""
    xyz = np.array(
        [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
    ) @ np.clip(rgb_linear, 0, 1)
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def ciede2000(lab1: np.ndarray, lab2: np.ndarray) -> float:
    """The CIEDE2000 colour difference (Sharma, Wu and Dalal 2005's formulae)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p, h2p = (np.degrees(np.arctan2(b, a)) % 360 for a, b in ((a1p, b1), (a2p, b2)))
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0 if c1p * c2p == 0 else (h2p - h1p + 180) % 360 - 180
    dH = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 % 360
    t = (
        1
        - 0.17 * np.cos(np.radians(h_mean - 30))
        + 0.24 * np.cos(np.radians(2 * h_mean))
        + 0.32 * np.cos(np.radians(3 * h_mean + 6))
        - 0.20 * np.cos(np.radians(4 * h_mean - 63))
    )
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / np.sqrt(20 + (l_mean - 50) ** 2)
    sc, sh = 1 + 0.045 * cp_mean, 1 + 0.015 * cp_mean * t
    rt = (
        -2
        * np.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
        * np.sin(np.radians(60 * np.exp(-(((h_mean - 275) / 25) ** 2))))
    )
    return float(
        np.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dH / sh) ** 2 + rt * (dc / sc) * (dH / sh))
    )


def seen(colour, vision: str) -> np.ndarray:
    """A colour as a person with ``vision`` sees it, in CIELAB."""
    shown = linear(colour)
    return lab(shown if vision == "normal" else np.array(MACHADO_2009[vision]) @ shown)


def contrast(ink, background) -> float:
    def luminance(colour):
        return float(np.array([0.2126, 0.7152, 0.0722]) @ linear(colour))

    high, low = sorted((luminance(ink), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_colour_difference_matches_published_values():
    # Sharma, Wu and Dalal (2005), table 1, pairs 1 and 17; and a colour against itself.
    assert ciede2000(np.array([50, 2.6772, -79.7751]), np.array([50, 0, -82.7485])) == (
        pytest.approx(2.0425, abs=1e-4)
    )
    assert ciede2000(np.array([50, 2.5, 0]), np.array([73, 25, -18])) == pytest.approx(
        27.1492, abs=1e-4
    )
    assert ciede2000(seen("#1d4e89", "normal"), seen("#1d4e89", "normal")) == 0
    # Simulated deuteranopia makes pure red and green hard to tell apart, as it should.
    assert ciede2000(seen("#d62728", "deuteranopia"), seen("#2ca02c", "deuteranopia")) < DISTINCT


@pytest.mark.parametrize("vision", ["normal", "protanopia", "deuteranopia", "tritanopia"])
@pytest.mark.parametrize(("chart", "meaning", "one", "other", "cue"), MEANING_PAIRS)
def test_colours_that_mean_something_stay_apart(chart, meaning, one, other, cue, vision):
    distance = ciede2000(seen(one, vision), seen(other, vision))
    assert distance >= DISTINCT, f"{chart}: {meaning} only {distance:.1f} apart in {vision}"


@pytest.mark.parametrize(("chart", "meaning", "one", "other", "cue"), MEANING_PAIRS)
def test_in_greyscale_a_shade_or_a_second_cue_tells_them_apart(chart, meaning, one, other, cue):
    lightness = abs(seen(one, "normal")[0] - seen(other, "normal")[0])
    assert cue or lightness >= GREY_STEP, f"{chart}: {meaning} only {lightness:.1f} apart in grey"


@pytest.mark.parametrize(
    ("where", "ink", "background", "large"),
    [
        *INK_PAIRS,
        *((f"a {kind} message", colour, "white", False) for kind, colour in STATUS_COLOURS.items()),
    ],
)
def test_text_meets_contrast_aa(where, ink, background, large):
    ratio = contrast(ink, background)
    assert ratio >= (AA_LARGE if large else AA), f"{where}: {ratio:.2f}:1"


def test_the_hubs_pages_use_the_palettes_accent():
    """hub/templates/page.html cannot import the palette: it writes the same colours."""
    page = (Path(__file__).resolve().parents[1] / "hub" / "templates" / "page.html").read_text()
    assert HUB_ACCENT in page and HUB_ACCENT_DARK in page


def test_contrast_is_wcags_ratio():
    assert contrast("black", "white") == pytest.approx(21)
    assert contrast("white", "white") == 1
    assert contrast("#767676", "white") == pytest.approx(4.54, abs=0.01)  # the AA grey


def test_the_charts_draw_the_second_cues_the_palette_names(clinic, library):
    import matplotlib.pyplot as plt
    import pandas as pd

    from upperback.plots import plot_adherence, progress_figure
    from upperback.progress import load_progress

    drawn = progress_figure(load_progress(clinic, "Demo: Dev (pain warnings)", library), library)
    markers = {
        name: {line.get_label(): line.get_marker() for line in drawn.axes[name].get_lines()}
        for name in ("pain", "before_after")
    }
    assert markers["pain"]["pain before session"] == "o"
    assert {m for label, m in markers["pain"].items() if label.startswith("safety")} == {"^"}
    assert (markers["before_after"]["before"], markers["before_after"]["after"]) == ("o", "s")

    def hatches(ax):
        return {bars.get_label(): bars.patches[0].get_hatch() for bars in ax.containers}

    assert hatches(drawn.axes["sides"]) == {"left": None, "right": ".."}
    assert hatches(drawn.axes["muscles"]) == {"primary": None, "secondary": "///"}
    weekly = pd.DataFrame(
        {
            "week": pd.date_range("2026-11-02", periods=2, freq="7D"),
            "sessions": [2, 1],
            "target": pd.array([3, None], dtype="Int64"),
        }
    )
    ax = plot_adherence(weekly, ax=plt.figure().subplots())
    assert hatches(ax) == {"below target": None, "no plan set": "//"}
    prescribed = [line for line in ax.get_lines() if line.get_label() == "prescribed"]
    assert prescribed[0].get_linestyle() == "--"
