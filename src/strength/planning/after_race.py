"""How a race plan ends: a few days to recover with no strength work, then the next block.

Once a week keeps the strength that two sessions a week built through a competitive
season (Ronnestad 2010), so the usual next block is maintenance; a runner with another
goal starts a new build instead. Both start on a Monday once the recovery days are over.
"""

from __future__ import annotations

import datetime as dt

from ..plan import AfterRace
from ..profile import Profile
from ..words import date_words

NEXT_BLOCK_WEEKS = 12  # the length the next block is offered at; the runner changes it


def next_block_start(profile: Profile) -> dt.date | None:
    """The first Monday after the race's recovery days, or None for a plan without a race."""
    if profile.race is None:
        return None
    back = profile.race + dt.timedelta(days=profile.rules.recovery_days_after_race + 1)
    return back + dt.timedelta(days=(7 - back.weekday()) % 7)


def after_race(profile: Profile) -> AfterRace | None:
    """The plan's ending: how long to recover, and what the next block may be."""
    start = next_block_start(profile)
    if profile.race is None or start is None:
        return None
    days = profile.rules.recovery_days_after_race
    until = profile.race + dt.timedelta(days=days)
    if days:
        recovery = (
            f"{days} day{'s' if days != 1 else ''} with no strength work after the race "
            f"(until {date_words(until)}): easy running or rest, whatever your legs ask for."
        )
    else:
        recovery = "Strength work may go on after the race as soon as your legs feel ready."
    return AfterRace(
        race=profile.race,
        recover_until=until,
        next_block=start,
        recovery=recovery,
        then=f"From {date_words(start)}, keep what you built with one session a week (once "
        "a week holds the gains of twice a week through a season), or start a new build "
        "toward your next goal.",
    )


__all__ = ["NEXT_BLOCK_WEEKS", "after_race", "next_block_start"]
