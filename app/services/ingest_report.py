"""What an ingest did, in the words the CLI, the logs and the app's knowledge page show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ProgressCallback = Callable[[int, int], None]  # (chunks embedded so far, chunks to embed)


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: bool = False  # fast path: nothing changed on disk
    failed: dict[str, str] = field(default_factory=dict)  # file name -> message
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    moved_aside: Path | None = None  # an unreadable index, set aside by a rebuild

    def summary(self, language: str = "en") -> str:
        if language != "en":
            return self._summary_zh()
        if self.skipped:
            return f"Index is up to date ({sum(self.counts.values())} chunks); nothing to embed."
        text = (
            f"Added {self.added}, updated {self.updated}, removed {self.removed}, "
            f"unchanged {self.unchanged} chunks in {self.seconds:.1f}s. "
            + ", ".join(f"{name}: {n}" for name, n in self.counts.items())
        )
        for name, message in self.failed.items():
            text += f"\n  ! {name} skipped: {message}"
        if self.moved_aside is not None:
            text += (
                f"\n  ! The old index could not be opened; it was moved to {self.moved_aside} "
                "(delete it once you no longer need it)."
            )
        return text

    def _summary_zh(self) -> str:
        """For the app's Chinese interface; the CLI and logs keep the English line."""
        if self.skipped:
            return f"索引已是最新（共{sum(self.counts.values())}段），无需重新向量化。"
        text = (
            f"新增{self.added}段、更新{self.updated}段、删除{self.removed}段、未变{self.unchanged}段，"
            f"用时{self.seconds:.1f}秒。" + "，".join(f"{name}：{n}" for name, n in self.counts.items())
        )
        for name, message in self.failed.items():
            text += f"\n  ! 已跳过 {name}：{message}"
        if self.moved_aside is not None:
            text += f"\n  ! 旧索引无法打开，已移至 {self.moved_aside}（确认不再需要后可删除）。"
        return text


# Code that decides what is stored per chunk (text, ids, BM25 tokens). Any edit
