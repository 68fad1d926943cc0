"""Import target for multi-worker uvicorn (`app.api.factory:app`): one container per worker process."""

from __future__ import annotations

from app.api.app import create_app

app = create_app()
