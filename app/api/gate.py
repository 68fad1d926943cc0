"""A first-come, first-served limit on how many asks one process runs at once.

e5 embeds one query at a time per process and the rest of an ask holds the GIL, so
more than a couple of asks in flight only contend and stretch every request. A
plain semaphore lets newcomers overtake woken waiters, which shows as a long tail;
here waiters are served strictly in arrival order. A waiter whose client has gone
leaves the queue (its work is never started), and a full queue refuses newcomers
at once instead of letting them time out.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager


class GateBusy(Exception):
    """More requests are waiting than the gate queues."""


class GateLeft(Exception):
    """The waiter was cancelled (its client disconnected) before its turn came."""


class FifoGate:
    def __init__(self, slots: int, max_waiting: int | None = None) -> None:
        self._free = slots
        self._max_waiting = max_waiting
        self._lock = threading.Lock()
        self._waiting: deque[threading.Event] = deque()

    @contextmanager
    def slot(self, cancelled: threading.Event | None = None) -> Iterator[None]:
        with self._lock:
            if self._free > 0 and not self._waiting:
                self._free -= 1
                turn = None
            elif self._max_waiting is not None and len(self._waiting) >= self._max_waiting:
                raise GateBusy
            else:
                turn = threading.Event()
                self._waiting.append(turn)
        if turn is not None:
            self._wait(turn, cancelled)  # the slot is handed over by release: no race for it
        try:
            yield
        finally:
            self._release()

    def _wait(self, turn: threading.Event, cancelled: threading.Event | None) -> None:
        if cancelled is None:
            turn.wait()
            return
        while not turn.wait(0.05):
            if cancelled.is_set():
                with self._lock:
                    if not turn.is_set():  # still queued: leave without taking a slot
                        self._waiting.remove(turn)
                        raise GateLeft
                break  # handed the slot just now: take it and let the caller give it back
        if cancelled.is_set():
            self._release()
            raise GateLeft

    def _release(self) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().set()
            else:
                self._free += 1
