"""Prompt files in prompts/: a small front-matter header (name, version) and a $-template body.

`string.Template` rather than str.format: prompts quote JSON and policy text full
of braces, and a missing variable must fail loudly, not render "{x}".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from string import Template

import yaml

from app.errors import AipackError


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    template: Template

    def render(self, **values: str) -> str:
        try:
            return self.template.substitute(**values)
        except KeyError as exc:
            raise AipackError(
                f"Prompt {self.name} needs the variable {exc}.", "This is a bug; please report it."
            ) from exc

    @property
    def label(self) -> str:
        return f"{self.name}@v{self.version}"


@lru_cache(maxsize=32)
def load_prompt(folder: Path, name: str) -> Prompt:
    path = folder / f"{name}.md"
    if not path.exists():
        raise AipackError(f"Prompt file {path} is missing.", "Restore it from the repository (prompts/).")
    text = path.read_text(encoding="utf-8")
    header: dict[str, object] = {}
    if text.startswith("---\n"):
        _, front, text = text.split("---\n", 2)
        try:
            header = yaml.safe_load(front) or {}
        except yaml.YAMLError as exc:
            raise AipackError(
                f"The header of {path.name} is not valid YAML: {exc}", "Fix the front matter."
            ) from exc
    return Prompt(str(header.get("name", name)), str(header.get("version", "0")), Template(text.strip()))
