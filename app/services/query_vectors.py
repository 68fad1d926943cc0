"""The e5 query vectors of prepared texts: each computed once per process, many in one e5 call.

Embedding is most of a search's CPU time and is deterministic: the advisor's fixed policy-basis query, a
re-asked question, a need stated again later in a conversation and a stateless chat client replaying its
history are embedded once. An advisor turn needs several vectors (what it asks for, and each stated need's
own words, engine/need_parts.py): `many` embeds the ones not known yet in one batched e5 call, which costs
less than a call each (one pass over the model's weights per call; bench/turn_embeddings.py), and gives
the same vectors bit for bit. The vectors are read-only, since every caller shares them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from app.components.embeddings import embed_queries

CACHED_VECTORS = 4096  # ~1.6 KB a vector


class QueryVectors:
    def __init__(self, size: int = CACHED_VECTORS) -> None:
        self._size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, prepared: str) -> np.ndarray:
        """The e5 query embedding of one prepared text."""
        return self.many([prepared])[0]

    def many(self, prepared: Sequence[str]) -> list[np.ndarray]:
        """The embeddings of `prepared`, in order; those not cached come from one e5 call together."""
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for text in prepared:
                if text in self._vectors:
                    self._vectors.move_to_end(text)
                    found[text] = self._vectors[text]
        missing = list(dict.fromkeys(t for t in prepared if t not in found))
        if missing:
            vectors = embed_queries(missing)  # outside the lock: other threads' hits need not wait
            vectors.setflags(write=False)
            found.update(zip(missing, vectors, strict=True))
            with self._lock:
                for text in missing:
                    self._vectors[text] = found[text]
                while len(self._vectors) > self._size:
                    self._vectors.popitem(last=False)
        return [found[text] for text in prepared]

    def cache_clear(self) -> None:
        with self._lock:
            self._vectors.clear()


query_vector = QueryVectors()  # process-wide, as the model copies are
