"""Log records never carry keys, tokens or personal identifiers.

Installed through the log-record factory, so every record is scrubbed when it is made:
ours, uvicorn's access log (URLs with query strings), httpx, openai and langchain alike,
whatever handlers the host (uvicorn, Streamlit, pytest) attaches before or after. A filter
on handlers or loggers would miss handlers added later, non-propagating loggers, and
child loggers (a logger's filters do not see its children's records).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Mapping
from typing import Any

from app.redact import redact
from app.settings import Settings

MASK = "[密钥]"
# OpenAI-style keys and bearer credentials, masked even when nobody registered them.
_KEY_LIKE = re.compile(r"\bsk-[A-Za-z0-9_\-]{8,}")
_BEARER = re.compile(r"(?i)\b(bearer\s+)[^\s'\",;]+")
# A registered secret shorter than this would mask ordinary words all over the log.
_MIN_SECRET = 4

_secrets: tuple[str, ...] = ()  # longest first; replaced whole, so readers never see it change
_lock = threading.Lock()
_installed = False


def scrub(text: str) -> str:
    for secret in _secrets:
        text = text.replace(secret, MASK)
    text = _BEARER.sub(rf"\1{MASK}", _KEY_LIKE.sub(MASK, text))
    return redact(text)


def protect_logs(settings: Settings, *secrets: str) -> None:
    """Scrub every log record from now on, masking this configuration's LLM key and API keys, and `secrets`."""
    global _secrets
    values = [os.environ.get("OPENAI_API_KEY"), *secrets]
    for secret in (settings.llm.api_key, settings.api.token, *settings.api.keys.values()):
        values.append(secret.get_secret_value() if secret else None)
    with _lock:
        known = set(_secrets) | {v for v in values if v and len(v) >= _MIN_SECRET}
        _secrets = tuple(sorted(known, key=len, reverse=True))
        _install()


def _install() -> None:
    global _installed
    if _installed:
        return
    make_record = logging.getLogRecordFactory()

    def scrubbed_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        _scrub_record(record)
        return record

    logging.setLogRecordFactory(scrubbed_record)
    _installed = True


def _scrub_record(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: logging would print msg and args raw, so flatten them
        record.msg, record.args = scrub(f"{record.msg} {record.args!r}"), None
    else:
        if scrub(message) != message:
            _scrub_message(record, message)
    if record.exc_info:
        # Formatters print `exc_text` when it is set; the exception object itself is dropped
        # so that no handler can render its (unscrubbed) arguments another way.
        record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
        record.exc_info = None
    if record.stack_info:
        record.stack_info = scrub(record.stack_info)


def _scrub_message(record: logging.LogRecord, message: str) -> None:
    # Keep the template and its args apart where that is enough: some formatters unpack
    # args (uvicorn's access log colours the status code), and would fail on a flat string.
    if isinstance(record.msg, str):
        record.msg = scrub(record.msg)
        if isinstance(record.args, Mapping):
            record.args = {key: _scrub_value(value) for key, value in record.args.items()}
        elif isinstance(record.args, tuple):
            record.args = tuple(_scrub_value(value) for value in record.args)
        try:
            rebuilt = record.getMessage()
        except Exception:
            rebuilt = ""
        if rebuilt and scrub(rebuilt) == rebuilt:
            return
    # An identifier split between template and args (or an odd arg): one scrubbed string.
    record.msg, record.args = scrub(message), None


def _scrub_value(value: object) -> object:
    if isinstance(value, str):
        return scrub(value)
    if value is None or isinstance(value, int | float):
        return value  # `%d` and `%f` still need numbers
    return _Scrubbed(value)


class _Scrubbed:
    """An arg's `%s` and `%r` forms, scrubbed."""

    __slots__ = ("_repr", "_str")

    def __init__(self, value: object) -> None:
        self._str = scrub(str(value))
        self._repr = scrub(repr(value))

    def __str__(self) -> str:
        return self._str

    def __repr__(self) -> str:
        return self._repr
