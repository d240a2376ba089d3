"""The method: the principles behind every plan, in plain words, with their sources.

Every number comes from the engine's own defaults (`Rules()`) and every protocol from the
loaded catalog, so the page cannot drift from what the builder does.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import method
from ..browse import exercise_sources, percent, protocol_sources
from ..catalog import Catalog
from ..plan import PHASE_NAMES, PHASE_PURPOSE, Phase
from ..planning.phases import FOUNDATION_SHARE
from ..profile import Profile, Rules, long_run_strategies
from .data import catalog_or_message
from .text import md

# The studies and guidelines the rules lean on, as our reference notes cite them.
# "(secondary)": we read the finding in reviews or clinic pages, not the paper itself.
REFERENCES: tuple[str, ...] = (
    "ACSM position stand, Med Sci Sports Exerc 2009;41:687",
    "Alfredson et al., Am J Sports Med 1998;26:360",
    "Berryman, Mujika, Bosquet, Sports 2021;9:1",
    "Beyer et al. 2015 (secondary)",
    "Blagrove, Howatson, Hayes, Sports Med 2018;48:1117",
    "Bosquet et al., Med Sci Sports Exerc 2007;39:1358",
    "Doma & Deakin, Appl Physiol Nutr Metab 2013;38:651",
    "FIFA 11+ manual (secondary)",
    "Lauersen, Bertelsen, Andersen, Br J Sports Med 2014;48:871",
    "Methenitis, Sports 2018;6:127",
    "Nielsen et al., JOSPT 2014 (secondary)",
    "Petersen et al., Am J Sports Med 2011;39:2296",
    "Rogerson et al., Sports Med Open 2024",
    "Ronnestad, Hansen, Raastad, Eur J Appl Physiol 2010;110:1269",
    "Schumann et al., Sports Med 2022;52",
    "Silbernagel et al. 2007 (secondary)",
)


def _bold(text: str) -> str:
    return f"**{text}**"


def _sentence(clause: str) -> str:
    """A clause of the method as the start of a sentence."""
    return clause[:1].upper() + clause[1:]


def _why_strength() -> None:
    st.subheader("Why strength work helps runners")
    st.markdown(
        "Heart and lungs get fitter within weeks; muscles and tendons take far longer to "
        "catch up. Runners therefore feel ready before their legs are, and doing too much "
        "too soon is the classic road to injury, above all for newer runners. Strength work "
        "builds the legs' side of that bargain, without taking anything from the running.\n\n"
        "- **Economy.** Two or three strength sessions a week over 6 to 20 weeks made runners "
        "2-8% more economical; their VO2max and body composition stayed the same "
        "(Blagrove, Howatson, Hayes 2018).\n"
        "- **Fewer injuries.** Pooled trials found strength training cut sports injuries to "
        "about a third and overuse injuries to about half, while stretching made no "
        "difference (Lauersen, Bertelsen, Andersen 2014).\n"
        "- **Your weak links.** No routine fits everyone. The plan works the areas you name, "
        "the most important in the most sessions, and gives a weaker side one extra set."
    )


def _form_first(rules: Rules) -> None:
    st.subheader("Form first, then load")
    phases = "\n".join(
        f"- **{PHASE_NAMES[phase]}:** {PHASE_PURPOSE[phase]}."
        for phase in (Phase.foundation, Phase.build, Phase.strength_power, Phase.taper)
    )
    st.markdown(
        "Every weakness has a ladder of exercises from easiest to hardest. You start on the "
        "rung for your level, with bodyweight, and learn the movement before anything gets "
        "heavier. Slow lowering (eccentric work) comes early because it strengthens tendons "
        "as well as muscle. "
        f"{method.progression(rules, _bold)} That is the spirit of the FIFA 11+ rule: move on "
        "once the current level is done without difficulty. Each exercise also says when to "
        "step back down.\n\n"
        f"A plan runs through phases (the foundation is about {percent(FOUNDATION_SHARE)} of "
        f"the weeks before the taper):\n\n{phases}\n\n"
        f"Hops and jumps come only in the {PHASE_NAMES[Phase.strength_power].lower()} phase, "
        "and only "
        f"for runners at the {rules.plyometrics_from.value} level or above; newer runners "
        "build the calves and feet that hopping needs instead."
    )


def _small_steps(rules: Rules) -> None:
    st.subheader("Small steps, and never stuck")
    st.markdown(
        "Each loading week moves every exercise one small step. When the session's minutes "
        "are full, the plan makes the work harder rather than longer (a rung, load, a "
        "slower lowering); where nothing harder fits, it says so and what would make room.\n\n"
        f"{_sentence(method.weekly_cap(rules, _bold))} (one rep or second more is always "
        "allowed). A harder rung starts at the bottom of its range; where even that is more "
        "work than the rung below reached, it starts with fewer sets. The cap is a cautious "
        "coaching setting: the American College of Sports Medicine suggests load steps of "
        "2-10% once the target reps are beaten (ACSM 2009), and novice runners whose weekly "
        "mileage rose by more than 30% over two weeks were hurt more often (Nielsen et al. 2014)."
    )


def _rest(rules: Rules) -> None:
    st.subheader("Deloads and heavy legs")
    deload = _sentence(method.deload(rules, _bold)) + "."
    st.markdown(
        f"{deload} Surveyed athletes deload about every 5 to 6 weeks, for about a week, "
        "by cutting sets and reps and keeping the exercises (Rogerson et al. 2024); a deload "
        "every 3rd or 4th week is a coaching habit with no study behind the exact number, "
        "which is why it is a setting a coach can change.\n\n"
        f"Heavy, tired legs are normal in a build. {method.heavy_legs()}"
    )


def _where_sessions_go(rules: Rules) -> None:
    st.subheader("Where sessions go in your week")
    hard, apart, rest, after = method.where_sessions_go(rules)
    if rules.no_strength_before_hard:
        hard += (
            " Intervals, tempo and races: running economy and endurance suffer the day after "
            "strength work (Doma & Deakin 2013)."
        )
    after += (
        " When running comes first, leave hours between (Methenitis 2018); explosive gains "
        "suffer most when the two share a session and hold up when they are 3 h or more apart "
        "(Schumann et al. 2022)."
    )
    st.markdown("\n".join(f"- {line}" for line in (hard, apart, rest, after)))


def _long_run(rules: Rules) -> None:
    st.subheader("Around the long run")
    default = Profile.model_fields["long_run_strategy"].default
    strategies = "\n".join(
        f"- **{strategy.value.replace('_', ' ').capitalize()}"
        f"{' (default)' if strategy is default else ''}:** {text}"
        for strategy, text in long_run_strategies(rules).items()
    )
    st.markdown(
        "If you cannot run much more mileage, strength work can give you the tired legs of "
        "a race's late miles: a longer session the day before the long run, or a shorter "
        "one after it. You choose how strength meets the long run:\n\n"
        f"{strategies}\n\n"
        "A new eccentric or plyometric exercise (Nordic curls, heel drops, Copenhagen "
        "planks, hops) leaves the muscles sore for the first weeks (Petersen et al. 2011; "
        f"Alfredson et al. 1998). {method.new_eccentric(rules)}"
    )


def _taper(rules: Rules) -> None:
    st.subheader("Taper and race week")
    taper = method.taper(rules, strong=_bold)
    if rules.taper_weeks:
        taper += (
            " The best-supported taper lasts about two weeks and cuts volume by 41-60% step by "
            "step while keeping intensity and frequency (Bosquet et al. 2007)."
        )
    st.markdown(
        f"{taper}\n\n{method.race_week(rules, _bold)} Easing off costs little: runners who stopped "
        "strength work for 4 weeks after an 8-week block kept their gain in economy "
        "(Berryman, Mujika, Bosquet 2021, a small study).\n\n"
        "**In season**, one session a week keeps what two a week built (Ronnestad, Hansen, "
        "Raastad 2010): that is the plan's maintenance option."
    )


def _protocols() -> None:
    st.subheader("Published protocols")
    st.markdown(
        "Where a study published a week-by-week programme, the exercise follows it exactly, "
        "and its dose stands outside the weekly cap. If your minutes cannot hold the "
        "protocol's longest session, the exercise progresses step by step instead and the "
        "plan says so.\n\n"
        "- **Nordic hamstring curls** (Petersen et al. 2011): 27 sessions over 10 weeks, "
        "from one session of 2 x 5 to three sessions a week of 3 sets (12, 10, 8), then "
        "once a week to keep the gains.\n"
        "- **Eccentric heel drops** for the Achilles (Alfredson et al. 1998): straight and "
        "bent knee, 3 x 15 each, twice a day, every day for 12 weeks. A rehabilitation dose: "
        "when you ask for it, it appears as a daily entry, rest days included.\n"
        "- **Heavy slow calf raises** (after Beyer et al. 2015): three sessions a week, 3 s "
        "down and 3 s up, heavier and fewer reps over 12 weeks.\n\n"
        "With tendon work, pain up to 5 out of 10 during the exercise is acceptable if it has "
        "settled by the next morning (Silbernagel et al. 2007)."
    )


def _in_this_catalog(catalog: Catalog) -> None:
    st.subheader("In this catalog")
    found = protocol_sources(catalog)
    carriers = sum(len(source.exercises) for source in found)
    if found:
        lines = []
        for source in found:
            how = "a daily dose" if source.daily else "in strength sessions"
            lines.append(
                f"- **{md(' / '.join(source.names))}**: "
                f"{md(', '.join(source.exercises))}; {source.weeks} weeks, {how}."
                f"  \n  :small[{md(source.source)}]"
            )
        st.markdown(
            f"**{carriers} of {len(catalog)} exercises** follow a published protocol, from "
            f"**{len(found)} {'source' if len(found) == 1 else 'sources'}**:\n\n" + "\n".join(lines)
        )
    else:
        st.markdown(f"None of the {len(catalog)} exercises follows a published protocol.")
    sources = exercise_sources(catalog)
    st.markdown(
        f"The others start from a dose by level. Across the catalog the exercises cite "
        f"**{len(sources)} distinct sources**. Where a source says coaching convention, the "
        "dose is a sensible starting point, not a tested protocol."
    )
    with st.expander(f"Every source the exercises cite ({len(sources)})"):
        st.table(
            pd.DataFrame(
                {
                    "Source": [md(source) for source, _ in sources],  # cells are Markdown
                    "Exercises": [count for _, count in sources],
                }
            ),
            hide_index=True,
        )


def render() -> None:
    st.title("The method")
    st.caption(
        "How every plan is built, and why. The numbers are the engine's defaults; a coach "
        "can change each one. Findings are in our own words; the studies are listed below."
    )
    rules = Rules()
    _why_strength()
    _form_first(rules)
    _small_steps(rules)
    _rest(rules)
    _where_sessions_go(rules)
    _long_run(rules)
    _taper(rules)
    _protocols()
    catalog = catalog_or_message(", so its protocols and sources cannot be listed")
    if catalog is not None:
        _in_this_catalog(catalog)
    st.subheader("Studies cited on this page")
    st.markdown("\n".join(f"- {md(reference)}" for reference in REFERENCES))
    st.caption(
        "(secondary): we read the finding in reviews or clinic pages that cite it, not in the "
        "publication itself."
    )
