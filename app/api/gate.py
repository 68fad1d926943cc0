"""A first-come, first-served limit on how many asks one process runs at once.

e5 embeds one query at a time per process and the rest of an ask holds the GIL, so
more than a couple of asks in flight only contend and stretch every request. A
plain semaphore lets newcomers overtake woken waiters, which shows as a long tail;
here waiters are served strictly in arrival order.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager


class FifoGate:
    def __init__(self, slots: int) -> None:
        self._free = slots
        self._lock = threading.Lock()
        self._waiting: deque[threading.Event] = deque()

    @contextmanager
    def slot(self) -> Iterator[None]:
        with self._lock:
            if self._free > 0 and not self._waiting:
                self._free -= 1
                turn = None
            else:
                turn = threading.Event()
                self._waiting.append(turn)
        if turn is not None:
            turn.wait()  # the slot was handed over by release: no race for it
        try:
            yield
        finally:
            with self._lock:
                if self._waiting:
                    self._waiting.popleft().set()
                else:
                    self._free += 1
