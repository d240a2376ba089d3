"""Guessing the coach password is slowed down, then locked out, per session and for the
whole server; even the right password is refused while locked out; the log tells who tried
how often, never with what. A fake clock: no test sleeps."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

import pytest

from strength.coach import Guesses, GuessLimits, Outcome, session_tag

RIGHT = "a-long-coach-password-nobody-guesses"
WRONG = "guess-number-one"


class Clock:
    def __init__(self) -> None:
        self.now = 1_750_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def guesses(clock: Clock) -> Guesses:
    return Guesses(GuessLimits(), clock=clock)


def _wrong_until_locked_out(guesses: Guesses, clock: Clock, session: str = "s1") -> int:
    """Wrong passwords, each as soon as it is heard, until the session is locked out."""
    for count in range(1, 100):
        verdict = guesses.guess(session, WRONG, RIGHT)
        if verdict.outcome is Outcome.LOCKED_OUT:
            return count
        assert verdict.outcome is Outcome.WRONG
        clock.advance(verdict.retry_in_s)
    raise AssertionError("never locked out")


def test_each_wrong_password_doubles_the_wait_before_the_next_up_to_a_cap(
    guesses: Guesses, clock: Clock
) -> None:
    waits = []
    for _ in range(9):
        verdict = guesses.guess("s1", WRONG, RIGHT)
        assert verdict.outcome is Outcome.WRONG
        waits.append(verdict.retry_in_s)
        clock.advance(verdict.retry_in_s - 0.01)
        assert guesses.guess("s1", WRONG, RIGHT).outcome is Outcome.TOO_SOON
        clock.advance(0.01)
    assert waits == [0.5, 1, 2, 4, 8, 16, 30, 30, 30]
    assert waits == [GuessLimits().delay_after(n) for n in range(1, 10)]


def test_a_guess_too_soon_is_not_checked_even_when_right_and_is_not_counted(
    guesses: Guesses, clock: Clock
) -> None:
    assert guesses.guess("s1", WRONG, RIGHT).failures == 1
    early = guesses.guess("s1", RIGHT, RIGHT)
    assert early.outcome is Outcome.TOO_SOON and not early.unlocked
    assert early.failures == 1 and early.retry_in_s == pytest.approx(0.5)
    clock.advance(0.5)
    assert guesses.guess("s1", RIGHT, RIGHT).unlocked


def test_ten_wrong_passwords_lock_the_session_out_for_15_minutes_even_for_the_right_one(
    guesses: Guesses, clock: Clock
) -> None:
    assert _wrong_until_locked_out(guesses, clock) == 10
    locked_at = clock.now
    for wait in (0, 60, 899):
        clock.now = locked_at + wait
        verdict = guesses.guess("s1", RIGHT, RIGHT)
        assert verdict.outcome is Outcome.LOCKED_OUT and not verdict.unlocked
        assert verdict.until == datetime.fromtimestamp(locked_at + 900, UTC)
        assert verdict.retry_in_s == pytest.approx(900 - wait)
    clock.now = locked_at + 900
    assert guesses.guess("s1", RIGHT, RIGHT).unlocked


def test_a_lockout_served_starts_the_session_afresh(guesses: Guesses, clock: Clock) -> None:
    _wrong_until_locked_out(guesses, clock)
    clock.advance(900)
    verdict = guesses.guess("s1", WRONG, RIGHT)
    assert verdict.outcome is Outcome.WRONG
    assert (verdict.failures, verdict.retry_in_s) == (1, 0.5)


def test_one_session_locked_out_leaves_the_others_alone(guesses: Guesses, clock: Clock) -> None:
    _wrong_until_locked_out(guesses, clock, "attacker")
    assert guesses.guess("coach", RIGHT, RIGHT).unlocked


def test_an_unlock_forgets_the_sessions_wrong_passwords(guesses: Guesses, clock: Clock) -> None:
    for _ in range(5):
        clock.advance(guesses.guess("s1", WRONG, RIGHT).retry_in_s)
    assert guesses.guess("s1", RIGHT, RIGHT).unlocked
    assert guesses.guess("s1", WRONG, RIGHT).failures == 1


def test_fifty_wrong_passwords_on_the_server_within_an_hour_lock_out_every_session(
    guesses: Guesses, clock: Clock
) -> None:
    """One wrong password from each of 50 sessions (a new websocket each time), a minute
    apart: no session waits or is locked out, but the server is."""
    for number in range(1, 50):
        assert guesses.guess(f"socket-{number}", WRONG, RIGHT).outcome is Outcome.WRONG
        clock.advance(60)
    last = guesses.guess("socket-50", WRONG, RIGHT)
    assert last.outcome is Outcome.LOCKED_OUT
    locked_at = clock.now
    assert last.until == datetime.fromtimestamp(locked_at + 900, UTC)
    clock.advance(899)
    refused = guesses.guess("the-coach", RIGHT, RIGHT)
    assert refused.outcome is Outcome.LOCKED_OUT and refused.failures == 0
    clock.advance(1)  # the lockout has expired
    assert guesses.guess("the-coach", RIGHT, RIGHT).unlocked


def test_while_the_last_hour_holds_fifty_wrong_passwords_each_more_locks_again(
    guesses: Guesses, clock: Clock
) -> None:
    for number in range(50):
        guesses.guess(f"socket-{number}", WRONG, RIGHT)
    clock.advance(900)
    again = guesses.guess("socket-50", WRONG, RIGHT)
    assert again.outcome is Outcome.LOCKED_OUT
    assert again.until == datetime.fromtimestamp(clock.now + 900, UTC)
    clock.advance(3600)  # the hour has passed: a fresh count
    assert guesses.guess("socket-51", WRONG, RIGHT).outcome is Outcome.WRONG
    assert guesses.guess("the-coach", RIGHT, RIGHT).unlocked


def test_fifty_wrong_passwords_spread_over_more_than_an_hour_lock_nothing(
    guesses: Guesses, clock: Clock
) -> None:
    for number in range(50):
        assert guesses.guess(f"socket-{number}", WRONG, RIGHT).outcome is Outcome.WRONG
        clock.advance(3600 / 49 + 0.01)
    assert guesses.guess("the-coach", RIGHT, RIGHT).unlocked


def test_guesses_from_many_threads_at_once_are_all_counted(clock: Clock) -> None:
    limits = GuessLimits(first_delay_s=0, session_failures=1000, server_failures=160)
    guesses = Guesses(limits, clock=clock)
    outcomes: list[Outcome] = []

    def attack(thread: int) -> None:
        for number in range(20):
            outcomes.append(guesses.guess(f"socket-{thread}-{number}", WRONG, RIGHT).outcome)

    threads = [threading.Thread(target=attack, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count(Outcome.WRONG) == 159
    assert outcomes.count(Outcome.LOCKED_OUT) == 1  # the 160th, whichever thread made it
    assert guesses.guess("the-coach", RIGHT, RIGHT).outcome is Outcome.LOCKED_OUT


def test_the_log_names_the_session_by_a_hash_and_the_count_but_never_the_password(
    guesses: Guesses, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    session = "0b5d9c1e-7f3a-4c2e-9a51-3d2f8e6b4a10"
    with caplog.at_level(logging.INFO, logger="strength.coach"):
        guesses.guess(session, WRONG, RIGHT)
        guesses.guess(session, RIGHT, RIGHT)  # too soon
        clock.advance(0.5)
        guesses.guess(session, RIGHT, RIGHT)
        _wrong_until_locked_out(guesses, clock, session)
        guesses.guess(session, RIGHT, RIGHT)
    records = [r for r in caplog.records if r.name == "strength.coach"]
    messages = [record.getMessage() for record in records]
    assert len(messages) == 14
    assert all(session_tag(session) in message for message in messages)
    assert not [m for m in messages if RIGHT in m or WRONG in m or session in m]
    assert "wrong password (session" in messages[0] and "1 wrong in this session" in messages[0]
    assert "too soon" in messages[1]
    assert "coach unlocked" in messages[2] and "after 1 wrong" in messages[2]
    assert "10 wrong in this session" in messages[-2] and "locked out until" in messages[-2]
    assert "refused unheard, locked out" in messages[-1]
    assert {r.levelname for r in records if "refused" in r.getMessage()} <= {"WARNING", "INFO"}


def test_the_limits_live_in_one_place_and_the_environment_may_override_them(
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert GuessLimits.from_environ({}) == GuessLimits()
    limits = GuessLimits.from_environ(
        {
            "STRENGTH_COACH_LOCKOUT_S": "60",
            "STRENGTH_COACH_SESSION_FAILURES": "3",
            "STRENGTH_COACH_FIRST_DELAY_S": "lots",
            "STRENGTH_COACH_SERVER_FAILURES": "0",
        }
    )
    assert (limits.lockout_s, limits.session_failures) == (60, 3)
    assert limits.first_delay_s == GuessLimits().first_delay_s
    assert limits.server_failures == GuessLimits().server_failures
    assert "STRENGTH_COACH_FIRST_DELAY_S='lots'" in caplog.text
    assert "STRENGTH_COACH_SERVER_FAILURES='0'" in caplog.text


def test_idle_sessions_are_forgotten_so_memory_stays_bounded(
    guesses: Guesses, clock: Clock
) -> None:
    for number in range(20):
        guesses.guess(f"socket-{number}", WRONG, RIGHT)
    clock.advance(3600)
    guesses.guess("the-coach", RIGHT, RIGHT)
    assert not guesses._sessions
