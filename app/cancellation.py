"""Cooperative cancellation of work already running in a worker thread.

The API runs an ask in the thread pool; when its client disconnects, the request handler sets an event.
Threads cannot be killed, so the work checks that event at its natural boundaries — the end of each
pipeline stage (`Turn.mark`) and each earlier user turn of a resent history — and stops there with
`Cancelled`. Outside the API no event is set and the checks cost one context-variable read.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_current: ContextVar[threading.Event | None] = ContextVar("aipack_cancel", default=None)


class Cancelled(Exception):
    """The client that asked for this work has gone; nothing it would return can be delivered."""


@contextmanager
def cancellable(event: threading.Event) -> Iterator[None]:
    """Run the block with `event` as its cancel signal (in the thread that does the work)."""
    token = _current.set(event)
    try:
        yield
    finally:
        _current.reset(token)


def raise_if_cancelled() -> None:
    event = _current.get()
    if event is not None and event.is_set():
        raise Cancelled
