"""The synthetic policy corpus of the scale bench: (factor - 1) variants of every real policy document.

Sentences are mixed across documents and shuffled, city names and numbers are swapped, so every chunk text
is distinct (and gets its own id) while staying realistic policy prose. Variants are seeded by (document,
number), so the 100x corpus contains the 10x corpus exactly (bench/scale_builds.py relies on that).
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from app.settings import PROJECT_ROOT

CITIES = (  # noqa: SIM905 - a word list reads better as one string
    "北京 上海 天津 重庆 杭州 深圳 广州 南京 苏州 成都 武汉 西安 长沙 合肥 青岛 "
    "厦门 宁波 郑州 济南 福州 昆明 沈阳 大连 无锡 东莞 佛山 温州 南昌 贵阳 南宁"
).split()
PROVINCES = "全国 北京 上海 浙江 广东 江苏 四川 湖北 湖南 山东 福建 安徽 河南 陕西".split()  # noqa: SIM905
_SENTENCE = re.compile(r"[^。！？；!?;]*[。！？；!?;]?")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CITY = re.compile("|".join(CITIES))


def _sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE.findall(paragraph) if s.strip()]


def _swap_numbers(text: str, rng: random.Random) -> str:
    def swap(match: re.Match[str]) -> str:
        value = match.group(0)
        if len(value) == 4 and value.startswith("20"):  # a year: keep it plausible
            return str(rng.choice(range(2019, 2027)))
        factor = rng.choice((0.5, 0.6, 0.75, 0.8, 1.2, 1.5, 2, 3))
        number = float(value) * factor
        return f"{number:.1f}" if "." in value else str(max(1, round(number)))

    return _NUMBER.sub(swap, text)


def variant_text(text: str, pool: list[str], rng: random.Random) -> str:
    """A new document from `text`: a third of its sentences replaced by sentences from `pool`,
    sentences shuffled within paragraphs, city names and numbers swapped."""
    city_map = {city: rng.choice(CITIES) for city in CITIES}
    paragraphs: list[str] = []
    for paragraph in text.split("\n"):
        sentences = _sentences(paragraph)
        if len(sentences) < 2:  # headings and short lines keep their place
            paragraphs.append(_CITY.sub(lambda m: city_map[m.group(0)], paragraph))
            continue
        mixed = [rng.choice(pool) if rng.random() < 0.33 else s for s in sentences]
        rng.shuffle(mixed)
        body = _CITY.sub(lambda m: city_map[m.group(0)], "".join(mixed))
        paragraphs.append(_swap_numbers(body, rng))
    return "\n".join(paragraphs)


def synth_knowledge(target: Path, factor: int) -> Path:
    """knowledge/ with (factor - 1) variants of every policy document; variants are seeded by
    (document, number), so the 100x corpus contains the 10x corpus exactly."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(PROJECT_ROOT / "knowledge", target)
    policies = target / "policies"
    for path in policies.iterdir():
        path.chmod(0o644)
    meta_path = policies / "metadata.yaml"
    metadata = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    documents: dict[str, Any] = metadata["documents"]
    sources = sorted(p for p in policies.glob("*.txt"))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sources}
    for path in sources:
        pool = [s for stem, t in texts.items() if stem != path.stem for s in _sentences(t) if len(s) > 15]
        meta = documents.get(path.stem, {"title": path.stem})
        for number in range(1, factor):
            seed = int(hashlib.sha1(f"{path.stem}/{number}".encode()).hexdigest()[:12], 16)
            rng = random.Random(seed)
            doc_id = f"syn-{path.stem[:12]}-v{number:03d}"
            (policies / f"{doc_id}.txt").write_text(variant_text(texts[path.stem], pool, rng), "utf-8")
            documents[doc_id] = {
                **meta,
                "title": f"{meta['title']}（{rng.choice(CITIES)}实施细则 第{number}版）",
                "region": rng.choice(PROVINCES),
                "url": None,
            }
    meta_path.write_text(yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False), "utf-8")
    return target
