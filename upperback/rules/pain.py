"""Pain: the warnings a session calls for, and what counts as real change."""

from __future__ import annotations

import math

HIGH_PAIN = 7  # pain at or above this deserves a visible warning
PAIN_RISE = 2  # so does a rise of this much over one session
IMPORTANT_POINTS = 2  # Farrar 2001: a drop of about 2 points ...
IMPORTANT_FRACTION = 0.30  # ... or about 30% from baseline is clinically important
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


def important_drop(change: float, baseline: float) -> bool:
    """Whether a change from baseline is a clinically important drop (2 points or 30%).

    Examples
    --------
    >>> important_drop(-2.0, 8.0), important_drop(-1.0, 3.0), important_drop(-1.0, 5.0)
    (True, True, False)
    """
    if not known(change):
        return False
    share = change / baseline if known(baseline) and baseline > 0 else math.nan
    return change <= -IMPORTANT_POINTS or (known(share) and share <= -IMPORTANT_FRACTION)


def important_drop_target(baseline: float) -> float:
    """The pain level at which a drop from ``baseline`` becomes clinically important.

    Whichever of the two rules is met first: 2 points below a high baseline, 30% below a
    low one.

    Examples
    --------
    >>> important_drop_target(8.0), important_drop_target(5.0)
    (6.0, 3.5)
    """
    return max(baseline - IMPORTANT_POINTS, baseline * (1 - IMPORTANT_FRACTION))


def known(value) -> bool:
    """Whether a score was given: neither None nor NaN."""
    return value is not None and not (isinstance(value, float) and math.isnan(value))
