"""The session's scheduler: the latest request of a slot wins, an equal request is computed once, a
failure is the slot's status (with its error), a cancel leaves the slot askable again, and a new
analysis puts every slot back to idle. Qt-free: the runners here are plain Python."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from desktop.engine.errors import Cancelled, InputError
from desktop.session import ImmediateRunner, Session, Status


class QueueRunner:
    """Holds each started job until the test runs it (in any order), like a background runner whose
    jobs finish out of order; `start` on a busy channel cancels the job waiting there."""

    def __init__(self) -> None:
        self.waiting: list[dict] = []
        self.cancelled: list[str] = []

    def start(self, channel, fn, *args, on_result=None, on_error=None, on_cancel=None, label="", process=False):
        for job in self.waiting:
            if job["channel"] == channel:
                job["cancelled"] = True
        self.waiting.append({"channel": channel, "fn": fn, "args": args, "on_result": on_result,
                             "on_error": on_error, "on_cancel": on_cancel, "cancelled": False})

    def cancel(self, channel=None) -> None:
        self.cancelled.append(channel)
        for job in self.waiting:
            if channel is None or job["channel"] == channel:
                job["cancelled"] = True

    def finish(self, index: int) -> None:
        job = self.waiting.pop(index)
        try:
            result = job["fn"](*job["args"], progress=lambda f, m="": None)
        except Exception as exc:
            job["on_error"](exc, repr(exc))
        else:
            job["on_result"](result)


@dataclass(frozen=True)
class Square:
    x: int
    payload: list = field(default_factory=list, compare=False)  # data the request carries, not compared


calls: list[int] = []


def square(request: Square, progress=None) -> int:
    calls.append(request.x)
    if request.x < 0:
        raise InputError("x must not be negative.", zh="x 不能是负数。")
    return request.x * request.x


@pytest.fixture(autouse=True)
def _no_calls():
    calls.clear()


def _session(runner) -> tuple[Session, list]:
    session = Session(runner)
    session.set_analysis(object())
    seen: list = []
    session.listen(lambda slot: seen.append((slot.name, slot.status)))
    return session, seen


def test_the_latest_request_wins_whichever_finishes_first():
    runner = QueueRunner()
    session, _seen = _session(runner)
    session.request(session.predictions, square, Square(2))
    session.request(session.predictions, square, Square(3))
    assert session.predictions.status is Status.RUNNING and session.predictions.request == Square(3)
    runner.finish(1)  # the newer one first
    assert session.predictions.value == 9
    runner.finish(0)  # the older one finishes later: dropped
    assert session.predictions.status is Status.READY and session.predictions.value == 9
    assert session.predictions.request == Square(3)

    session.request(session.predictions, square, Square(4))
    session.request(session.predictions, square, Square(5))
    runner.finish(0)  # the older one first: dropped, the slot still waits for the newer
    assert session.predictions.status is Status.RUNNING and session.predictions.value == 9
    runner.finish(0)
    assert session.predictions.value == 25


def test_an_equal_request_is_computed_once_and_shared():
    session, seen = _session(ImmediateRunner())
    assert session.request(session.predictions, square, Square(6, payload=[1]))
    # equal settings (the carried data is not compared): nothing new starts, the value is shared
    assert not session.request(session.predictions, square, Square(6, payload=[2]))
    assert calls == [6]
    assert session.predictions.value == 36
    assert seen == [("predictions", Status.RUNNING), ("predictions", Status.READY)]
    # other settings are other work
    assert session.request(session.predictions, square, Square(7))
    assert calls == [6, 7]


def test_an_equal_request_still_running_is_not_started_again():
    runner = QueueRunner()
    session, _seen = _session(runner)
    session.request(session.suggestions, square, Square(2))
    assert not session.request(session.suggestions, square, Square(2))
    assert len(runner.waiting) == 1


def test_a_failure_is_the_slots_status_with_its_error_and_can_be_asked_again():
    session, seen = _session(ImmediateRunner())
    session.request(session.holdout, square, Square(-1))
    slot = session.holdout
    assert slot.status is Status.FAILED and slot.value is None
    assert isinstance(slot.error, InputError) and "negative" in str(slot.error)
    assert seen[-1] == ("holdout", Status.FAILED)
    # the same request after a failure is tried again, not answered from the failure
    assert session.request(session.holdout, square, Square(-1))
    assert calls == [-1, -1]
    session.request(session.holdout, square, Square(3))
    assert slot.status is Status.READY and slot.value == 9 and slot.error is None


def cancelled(request: Square, progress=None) -> int:
    raise Cancelled()


def test_a_cancelled_request_leaves_the_slot_idle_and_askable():
    session, _seen = _session(ImmediateRunner())
    session.request(session.propensity, cancelled, Square(1))
    assert session.propensity.status is Status.IDLE and session.propensity.request is None
    assert session.request(session.propensity, square, Square(1))
    assert session.propensity.value == 1


def test_a_new_analysis_cancels_running_work_and_empties_every_slot():
    runner = QueueRunner()
    session, seen = _session(runner)
    session.request(session.predictions, square, Square(2))
    session.put(session.suggestions, 42)
    session.set_analysis(object())
    assert "predictions" in runner.cancelled
    assert all(slot.status is Status.IDLE and slot.value is None for slot in session.slots())
    runner.finish(0)  # the old analysis' result arrives late: dropped
    assert session.predictions.value is None and session.predictions.status is Status.IDLE
