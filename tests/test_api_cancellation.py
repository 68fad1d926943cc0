"""Issue #15 item 1: work already running stops when its client disconnects (not only queued work).

Through a real uvicorn server: the ask checks for cancellation at each stage boundary (`Turn.mark`) and at
each earlier user turn of a resent history, so a client that gives up frees its slot at the next boundary.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.advisor.turn import Turn
from app.advisor.understand.conversation import Conversation
from app.cancellation import Cancelled, cancellable
from app.container import Container
from app.settings import Settings
from tests.helpers import serving


def _turn() -> Turn:
    return Turn("t", "message", Conversation("s", remember=False))


def test_a_started_ask_stops_at_its_next_stage_once_the_client_has_gone(shared_data_dir: Path, monkeypatch):
    settings = Settings(paths={"data_dir": shared_data_dir}, api={"concurrent_asks": 1})
    box = Container(settings)
    stages_run: list[int] = []
    ended = threading.Event()

    def long_ask(message: str, **_: Any) -> Any:
        turn = _turn()
        try:
            for stage in range(600):  # 30 s of "stages" if nobody stops it
                time.sleep(0.05)
                turn.mark(f"stage{stage}")
                stages_run.append(stage)
            raise RuntimeError("ran to the end")
        finally:
            ended.set()

    monkeypatch.setattr(box.advisor, "ask", long_ask)
    with serving(box) as url:
        with pytest.raises(httpx.TimeoutException):  # the client gives up after half a second
            httpx.post(f"{url}/v1/advise", json={"message": "long"}, timeout=0.5, trust_env=False)
        assert ended.wait(20), "the started work kept running after its client left"
        assert len(stages_run) < 600
        # The slot is free again: the next client is served (here: the same fake, stopped by its own timeout).
        monkeypatch.setattr(box.advisor, "ask", lambda message, **_: (_ for _ in ()).throw(RuntimeError("x")))
        assert (
            httpx.post(f"{url}/v1/advise", json={"message": "next"}, timeout=10, trust_env=False).status_code
            == 500
        )


def test_outside_the_api_nothing_is_cancelled_and_a_set_event_stops_the_next_stage():
    _turn().mark("understand")  # no cancel signal: a plain mark
    stop = threading.Event()
    with cancellable(stop):
        turn = _turn()
        turn.mark("understand")
        stop.set()
        with pytest.raises(Cancelled):
            turn.mark("retrieve")
