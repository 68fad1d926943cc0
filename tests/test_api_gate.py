"""The per-process ask limit serves waiters strictly in arrival order and never exceeds its slots."""

from __future__ import annotations

import threading
import time

import pytest

from app.api.gate import FifoGate


def _crowd(slots: int, people: int) -> tuple[list[int], int]:
    """`people` threads arrive in order and hold their slots until all have arrived; (entry order, most inside)."""
    gate = FifoGate(slots)
    lock = threading.Lock()
    release = threading.Event()
    order: list[int] = []
    inside = most = 0

    def ask(n: int) -> None:
        nonlocal inside, most
        with gate.slot():
            with lock:
                inside += 1
                most = max(most, inside)
                order.append(n)
            release.wait(5)  # hold the slot until everyone has arrived
            time.sleep(0.005)
            with lock:
                inside -= 1

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(people)]
    for thread in threads:
        thread.start()
        time.sleep(0.02)  # arrive in a known order
    release.set()
    for thread in threads:
        thread.join(5)
    return order, most


def test_waiters_are_served_in_arrival_order():
    order, _ = _crowd(slots=1, people=8)
    assert order == list(range(8))


@pytest.mark.parametrize("slots", [1, 2, 3])
def test_slots_are_never_exceeded_and_everyone_is_served(slots: int):
    order, most = _crowd(slots=slots, people=10)
    assert sorted(order) == list(range(10))
    assert most == slots


def test_a_cancelled_waiter_leaves_the_queue_and_a_full_queue_refuses():
    from app.api.gate import GateBusy, GateLeft

    gate = FifoGate(1, max_waiting=1)
    holding, release = threading.Event(), threading.Event()
    cancelled = threading.Event()
    outcomes: list[str] = []

    def hold() -> None:
        with gate.slot():
            holding.set()
            release.wait(5)

    def wait_then_leave() -> None:
        try:
            with gate.slot(cancelled):
                outcomes.append("ran")
        except GateLeft:
            outcomes.append("left")

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(5)
    waiter = threading.Thread(target=wait_then_leave)
    waiter.start()
    time.sleep(0.1)
    with pytest.raises(GateBusy), gate.slot():  # one already waits: the queue is full
        pass
    cancelled.set()
    waiter.join(5)
    release.set()
    holder.join(5)
    assert outcomes == ["left"]
    with gate.slot():  # the slot came back: nobody leaked it
        outcomes.append("next")
    assert outcomes == ["left", "next"]
