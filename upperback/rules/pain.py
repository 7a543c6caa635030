"""Pain: the warnings a session calls for, and what counts as real change."""

from __future__ import annotations

import math
from enum import StrEnum

HIGH_PAIN = 7  # pain at or above this deserves a visible warning
PAIN_RISE = 2  # so does a rise of this much over one session
IMPORTANT_POINTS = 2  # Farrar 2001: a drop of about 2 points ...
IMPORTANT_FRACTION = 0.30  # ... or about 30% from baseline is clinically important,
IMPORTANT_LEAST = 1  # ... but 30% only with at least 1 point: single readings vary by 2 to 4
# Below this baseline a fall is too small to tell from the noise of single readings, so
# the words say pain was already low rather than that it improved.
ALREADY_LOW = 2
ROLLING_SESSIONS = 5  # single readings are noisy: the trend is a mean of the last five
BASELINE_DAYS = 14  # the baseline is the mean pain of the first two weeks
RECENT_DAYS = 14  # "now" is the mean pain of the last two weeks
WARNING_LABEL = f"pain {HIGH_PAIN}+ or rise {PAIN_RISE}+"
# Scores closer together than this would put the same sessions in the baseline and in "now":
# any change shown before then would be noise, not a trend.
TREND_DAYS = BASELINE_DAYS + RECENT_DAYS


def trend_wait(span_days: float) -> str:
    """What to do before pain scores spanning ``span_days`` can show a trend; empty once they can.

    Examples
    --------
    >>> trend_wait(2)
    'Log sessions for 4 weeks to see your trend (2 days so far).'
    >>> trend_wait(0), trend_wait(28)
    ('Log sessions for 4 weeks to see your trend.', '')
    """
    if span_days >= TREND_DAYS:
        return ""
    days = int(span_days)
    so_far = f" ({days} day{'s' if days != 1 else ''} so far)" if days else ""
    return f"Log sessions for {TREND_DAYS // 7} weeks to see your trend{so_far}."


def pain_warning(pain_before: float | None, pain_after: float | None) -> bool:
    """Whether a session's scores call for a warning: pain of 7+ or a rise of 2+.

    Examples
    --------
    >>> pain_warning(3, 5), pain_warning(3, 4), pain_warning(7, None)
    (True, False, True)
    """
    scores = [p for p in (pain_before, pain_after) if known(p)]
    high = any(p >= HIGH_PAIN for p in scores)
    rise = len(scores) == 2 and pain_after - pain_before >= PAIN_RISE
    return high or rise


def pain_warnings(pain_before: int | None, pain_after: int | None) -> list[str]:
    """The warnings a session's pain scores call for, in words; empty when all is well.

    Examples
    --------
    >>> pain_warnings(3, 6)
    ['Your pain rose by 3 points during the session. Stop for today, and if it does not \
settle, see a professional before the next session.']
    """
    warnings = []
    high = [p for p in (pain_before, pain_after) if known(p) and p >= HIGH_PAIN]
    if high:
        warnings.append(
            f"Pain of {max(high)} out of 10 is high. Do not push through it: rest, and see a "
            "professional if it stays this high or keeps coming back."
        )
    if known(pain_before) and known(pain_after) and pain_after - pain_before >= PAIN_RISE:
        warnings.append(
            f"Your pain rose by {pain_after - pain_before} points during the session. Stop for "
            "today, and if it does not settle, see a professional before the next session."
        )
    return warnings


class PainChange(StrEnum):
    """How the fall from baseline to now reads, by the one rule of :func:`pain_change`."""

    IMPORTANT = "yes"
    ALREADY_LOW = "pain was already low"
    NOT_YET = "not yet"
    UNKNOWN = "not enough scores"


def pain_change(baseline: float | None, now: float | None) -> PainChange:
    """Whether the fall from ``baseline`` to ``now`` (two-week means) is clinically important.

    It is when pain fell by 2 points or more, or by 30% or more *and* at least 1 point
    (Farrar 2001, with a floor: single readings vary by 2 to 4 points). Below a baseline of
    2 there was too little pain to tell a fall from noise: pain was already low.

    Examples
    --------
    >>> pain_change(10, 8), pain_change(3.0, 2.0), pain_change(3.0, 2.1)
    (<PainChange.IMPORTANT: 'yes'>, <PainChange.IMPORTANT: 'yes'>, <PainChange.NOT_YET: 'not yet'>)
    >>> pain_change(1.5, 1.0), pain_change(None, 2.0)
    (<PainChange.ALREADY_LOW: 'pain was already low'>, <PainChange.UNKNOWN: 'not enough scores'>)
    """
    if not (known(baseline) and known(now)):
        return PainChange.UNKNOWN
    if baseline < ALREADY_LOW:
        return PainChange.ALREADY_LOW
    fall = baseline - now + 1e-9  # means of whole scores: 3.0 - 2.0 is a fall of 1
    share = fall >= IMPORTANT_FRACTION * baseline and fall >= IMPORTANT_LEAST
    return PainChange.IMPORTANT if fall >= IMPORTANT_POINTS or share else PainChange.NOT_YET


def important_drop(change: float, baseline: float) -> bool:
    """Whether a change from baseline is a clinically important drop (see :func:`pain_change`).

    Examples
    --------
    >>> important_drop(-2.0, 8.0), important_drop(-1.0, 3.0), important_drop(-0.5, 1.5)
    (True, True, False)
    """
    if not (known(change) and known(baseline)):
        return False
    return pain_change(baseline, baseline + change) == PainChange.IMPORTANT


def important_drop_target(baseline: float) -> float | None:
    """The pain level at or below which a fall from ``baseline`` is clinically important;
    None when pain was already low (or not known), so no fall would count.

    Whichever rule is met first: 2 points below, or 30% and at least 1 point below.

    Examples
    --------
    >>> important_drop_target(8.0), important_drop_target(5.0), important_drop_target(3.0)
    (6.0, 3.5, 2.0)
    >>> important_drop_target(1.5) is None
    True
    """
    if not known(baseline) or baseline < ALREADY_LOW:
        return None
    share = min(baseline * (1 - IMPORTANT_FRACTION), baseline - IMPORTANT_LEAST)
    return max(baseline - IMPORTANT_POINTS, share)


def known(value) -> bool:
    """Whether a score was given: neither None nor NaN."""
    return value is not None and not (isinstance(value, float) and math.isnan(value))
