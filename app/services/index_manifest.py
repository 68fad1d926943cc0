"""The index's manifest: what a build was made from, so an unchanged knowledge folder is not embedded again.

Written last and atomically by an ingest (app.services.ingest); read by every process to tell whether the
index is current, was built by another version, or must be reloaded.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from app.catalogue.loader import catalogue_files
from app.corpus.documents import file_hash, policy_files
from app.errors import IndexNotReadyError, ReadOnlyDataError
from app.settings import INDEX_SCHEMA_VERSION, Settings

# Code that decides what is stored per chunk (text, ids, BM25 tokens). Any edit
# to it invalidates the fast path, so a stopword change is never left stale;
# unchanged chunk texts keep their ids and are not embedded again.
_INDEXING_CODE = [
    Path(__file__).parent / "index_records.py",
    Path(__file__).parent / "ingest_sources.py",  # which document a program text and its entries are
    Path(__file__).parents[1] / "catalogue" / "render.py",
    # Which CC-CEDICT senses the ingest stores for query translation (app.services.query_dictionary).
    Path(__file__).parents[1] / "components" / "dictionary.py",
    *sorted((Path(__file__).parents[1] / "text").glob("*.py")),
]


def fingerprint(settings: Settings) -> str:
    paths = settings.paths
    parts: list[str] = [f"schema={INDEX_SCHEMA_VERSION}", settings.embedding.model_name]
    parts += [f"code:{p.name}:{file_hash(p)}" for p in _INDEXING_CODE if p.exists()]
    parts.append(settings.chunking.model_dump_json())
    tracked: list[Path] = [*policy_files(paths.policies_dir), *catalogue_files(paths.catalogue_dir)]
    tracked += [p for p in (paths.policies_dir / "metadata.yaml", paths.glossary_file) if p.exists()]
    parts += [f"{p.name}:{file_hash(p)}" for p in tracked]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def read_manifest(settings: Settings) -> dict[str, Any] | None:
    path = settings.paths.manifest_file
    if not path.exists():
        return None
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None


def other_version_error(manifest: dict[str, Any]) -> IndexNotReadyError:
    return IndexNotReadyError(
        f"The index was built by a different version of aipack (index schema "
        f"{manifest.get('schema_version')}; this version uses {INDEX_SCHEMA_VERSION}).",
        "Run `aipack ingest --rebuild`.",
    )


def require_writable(folder: Path) -> None:
    """Raise ReadOnlyDataError unless `folder` exists (or can be made) and takes a file."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise ReadOnlyDataError(folder) from exc


def write_manifest(settings: Settings, payload: dict[str, Any]) -> None:
    path = settings.paths.manifest_file
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
