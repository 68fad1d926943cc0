"""One start-up policy for the index, shared by the CLI, the API server and the app.

The index is brought up to date from the knowledge files. When those files are broken
(an invalid catalogue entry, an unreadable document) and a previous index exists, the
previous index keeps answering and the problem is returned for the caller to show; a
failed ingest leaves it intact. Without a previous index the error stands. Whatever
needs the catalogue itself (the advisor) still refuses to quote one it cannot validate.
"""

from __future__ import annotations

from app.errors import AipackError, CatalogueError, DocumentReadError
from app.services.ingest import IngestService, ProgressCallback, read_manifest


def ensure_ready(ingest: IngestService, progress: ProgressCallback | None = None) -> AipackError | None:
    """Refresh the index; the knowledge problem the previous index is standing in for, or None."""
    try:
        ingest.ensure_ready(progress=progress)
    except (CatalogueError, DocumentReadError) as exc:
        if read_manifest(ingest.settings) is None:
            raise
        return exc
    return None
