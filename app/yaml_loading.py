"""One YAML loader for the knowledge files: libyaml's C parser when PyYAML was built with it.

The pure-Python SafeLoader spent about a second of every cold build on the catalogue alone;
the C loader reads the same documents into the same objects, with the same YAMLError on bad input.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)
