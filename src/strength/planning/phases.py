"""The shape of each week: its phase, and whether it loads, deloads or tapers."""

from __future__ import annotations

from dataclasses import dataclass

from ..plan import Phase
from ..profile import Profile

FOUNDATION_SHARE = BUILD_SHARE = 0.35  # of the weeks before the taper; the rest is strength

FOUNDATION, BUILD, STRENGTH, TAPER, MAINTENANCE = (
    Phase.foundation,
    Phase.build,
    Phase.strength_power,
    Phase.taper,
    Phase.maintenance,
)


@dataclass(frozen=True)
class WeekShape:
    number: int
    phase: Phase
    deload: bool
    taper: bool
    race_week: bool
    heavy_legs: bool
    cut: float  # share of volume removed this week (0 = a normal loading week)

    @property
    def loading(self) -> bool:
        """A week in which the dose may step up."""
        return self.cut == 0.0


def week_shapes(profile: Profile) -> tuple[WeekShape, ...]:
    """Each week's phase and whether it deloads or tapers."""
    rules = profile.rules
    total = profile.length_weeks
    taper = min(rules.taper_weeks, max(total - 2, 0)) if profile.race else 0
    body = total - taper
    foundation = max(1, round(body * FOUNDATION_SHARE)) if body else 0
    build = max(0, round(body * BUILD_SHARE)) if body > 2 else 0
    shapes = []
    for number in range(1, total + 1):
        in_taper = number > body
        if profile.maintenance:
            phase = TAPER if in_taper else MAINTENANCE
        elif in_taper:
            phase = TAPER
        elif number <= foundation:
            phase = FOUNDATION
        elif number <= foundation + build:
            phase = BUILD
        else:
            phase = STRENGTH
        heavy = number in profile.heavy_legs
        # In season the dose holds, so there is nothing to deload from; the first week is
        # already the gentlest, so heavy legs there change nothing.
        deload = (
            not in_taper
            and not profile.maintenance
            and rules.deload_every > 0
            and number % rules.deload_every == 0
            and number < body
        ) or (heavy and not in_taper and number > 1)
        if in_taper:
            # Progressive taper: a smaller cut first, the full cut in race week.
            step = number - body
            cut = rules.taper_cut * (0.7 + 0.3 * step / taper) if taper else rules.taper_cut
        elif deload:
            cut = rules.deload_cut
        else:
            cut = 0.0
        shapes.append(
            WeekShape(
                number=number,
                phase=phase,
                deload=deload,
                taper=in_taper,
                race_week=profile.race is not None and number == total,
                heavy_legs=heavy,
                cut=round(cut, 3),
            )
        )
    return tuple(shapes)
