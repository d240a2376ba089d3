"""The planning engine: a runner's profile and the catalog in, a week-by-week plan out.

`schedule` finds the days strength may go, `phases` shapes the weeks (loading, deload,
taper, race week), `selection` picks an exercise ladder per weak link and the sessions
it goes in, `progression` moves each dose week by week, `warmup` opens each session,
`after_race` says how a race plan ends, and `builder` puts it together (placing each
exercise within the caps, with every why and warning in words taken from `Rules`).
"""

from __future__ import annotations

from .builder import build_plan

__all__ = ["build_plan"]
