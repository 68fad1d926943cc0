"""API keys: several named keys, each with its own conversations.

Keys come from `api.token` (named "default"), `api.keys` (`AIPACK_API__KEYS` as JSON)
and `api.keys_file` (one `name key` pair a line). The name, never the key, scopes
sessions and appears in logs, so a key can be replaced without losing its sessions.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from app.errors import InputError
from app.settings import ApiSettings

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MIN_KEY_CHARS = 8


class ApiKeys:
    def __init__(self, named: dict[str, str]) -> None:
        # Compare digests: equal length, so the comparison time says nothing about the key.
        self._digests = {name: _digest(key) for name, key in named.items()}

    @classmethod
    def from_settings(cls, settings: ApiSettings) -> ApiKeys:
        return cls(named_keys(settings))

    @property
    def required(self) -> bool:
        return bool(self._digests)

    def owner(self, presented: str) -> str | None:
        """The name of the key presented, or None if it is no key of ours."""
        digest = _digest(presented)
        found = None
        for name, expected in self._digests.items():  # no early exit: every key costs the same
            if hmac.compare_digest(digest, expected):
                found = name
        return found


def named_keys(settings: ApiSettings) -> dict[str, str]:
    """Every configured key by name (token, `keys`, keys file), checked; raises InputError."""
    named: dict[str, str] = {}
    if settings.token is not None:
        named["default"] = settings.token.get_secret_value()
    named.update({name: key.get_secret_value() for name, key in settings.keys.items()})
    if settings.keys_file is not None:
        named.update(_read_keys_file(settings))
    for name, key in named.items():
        if not _NAME.match(name):
            raise InputError(
                f"API key name {name[:40]!r} is not valid.",
                "Use letters, digits, '.', '_' or '-' (at most 64 characters).",
            )
        if len(key) < MIN_KEY_CHARS:
            raise InputError(
                f"API key '{name}' is shorter than {MIN_KEY_CHARS} characters.",
                "Use a long random key, e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`.",
            )
    return named


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()


def _read_keys_file(settings: ApiSettings) -> dict[str, str]:
    assert settings.keys_file is not None
    try:
        lines = settings.keys_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"The API keys file {settings.keys_file} cannot be read ({type(exc).__name__}).",
            "Check AIPACK_API__KEYS_FILE: a UTF-8 text file with one `name key` pair a line.",
        ) from exc
    named: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) == 1:  # `name:key` is accepted too
            parts = line.split(":", 1)
        if len(parts) != 2:
            raise InputError(
                f"Line {number} of the API keys file is not a `name key` pair.",
                "Write one key a line: a name, a space, the key.",
            )
        named[parts[0]] = parts[1]
    return named
