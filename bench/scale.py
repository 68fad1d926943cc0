"""Scale: build time, search and `ask` latency and memory at 1x, 10x and 100x the policy corpus.

The synthetic corpus varies the real policy documents: sentences are mixed across
documents and shuffled, city names and numbers are swapped, so every chunk text is
distinct (and gets its own id) while staying realistic policy prose.

- 10x is really ingested (`IngestService.ingest`, incremental over a copy of the 1x
  index): its build time is measured.
- 100x would take ~an hour of e5 on 2 cores, so the embedding rate is measured on a
  sample and the remaining chunks are written to Chroma with embeddings derived from
  real ones (a real embedding of the same source passage, a small random perturbation,
  renormalised). Everything else is the real ingest path: the same records, ids and BM25
  tokens (`IngestService._desired_records`, i.e. `policy_records` + `attach_tokens`), the same
  reconcile, the same manifest. Its build time is reported as measured work plus
  embedding time extrapolated from the measured rate.

Latency and memory are measured in a fresh subprocess per scale (peak RSS = that
process's ru_maxrss): warm search over the golden retrieval questions and `ask` over
the golden advisor conversations and questions, each with the query-embedding cache
cleared first, so every call pays the e5 embedding as a new question would.

    .venv/bin/python bench/scale.py [--factors 10,100] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.components.vector_store import CollectionName
from app.settings import PROJECT_ROOT, AdvisorSettings, Settings
from bench.proc_stats import own_peak_rss_mb
from bench.stats import percentile

TODAY = date(2026, 11, 23)
CITIES = (  # noqa: SIM905 - a word list reads better as one string
    "北京 上海 天津 重庆 杭州 深圳 广州 南京 苏州 成都 武汉 西安 长沙 合肥 青岛 "
    "厦门 宁波 郑州 济南 福州 昆明 沈阳 大连 无锡 东莞 佛山 温州 南昌 贵阳 南宁"
).split()
PROVINCES = "全国 北京 上海 浙江 广东 江苏 四川 湖北 湖南 山东 福建 安徽 河南 陕西".split()  # noqa: SIM905
_SENTENCE = re.compile(r"[^。！？；!?;]*[。！？；!?;]?")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CITY = re.compile("|".join(CITIES))
# Noise per dimension for derived embeddings: |noise| ~ 0.2, so cosine to the source ~ 0.98,
# about as close as two real variants of one passage.
NOISE_SIGMA = 0.2 / np.sqrt(384)


# ---------------------------------------------------------------------------- synthetic corpus


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


# ---------------------------------------------------------------------------- builds


@dataclass
class Build:
    factor: int
    chunks: dict[str, int]
    seconds: float  # wall time of what ran
    embedded: int  # chunks embedded for real
    derived: int = 0  # chunks written with derived embeddings
    rate: float = 0.0  # measured chunks/s of e5 passage embedding
    extrapolated_s: float = 0.0  # derived / rate: the embedding time that was not spent
    note: str = ""

    @property
    def build_s(self) -> float:
        return self.seconds + self.extrapolated_s


def _settings(data_dir: Path, knowledge: Path) -> Settings:
    return Settings(paths={"data_dir": data_dir, "knowledge_dir": knowledge})


def build_real(data_dir: Path, knowledge: Path, factor: int, base: Path | None = None) -> Build:
    """A real `aipack ingest`, incremental over a copy of `base` when given."""
    from app.container import Container

    if base is not None:
        shutil.copytree(base, data_dir)
    service = Container(_settings(data_dir, knowledge)).ingest
    started = time.perf_counter()
    report = service.ingest()
    seconds = time.perf_counter() - started
    note = f"incremental over the 1x index: +{report.added} chunks" if base else "cold"
    return Build(factor, report.counts, seconds, report.added, note=note)


def build_derived(data_dir: Path, knowledge: Path, factor: int, base: Path, sample: int = 48) -> Build:
    """The real ingest path over a copy of `base`, except that only `sample` new chunks are
    embedded (to measure the rate); the others get embeddings derived from real ones."""
    from app.container import Container
    from app.services.index_manifest import fingerprint, write_manifest
    from app.services.ingest_report import IngestReport
    from app.settings import INDEX_SCHEMA_VERSION

    shutil.copytree(base, data_dir)
    settings = _settings(data_dir, knowledge)
    service = Container(settings).ingest
    started = time.perf_counter()
    report = IngestReport()
    records, preserved = service._desired_records(report)  # chunking + BM25 tokens: the real code
    collection = service.store.collection(CollectionName.policies)
    wanted = [r for r in records if r.collection is CollectionName.policies]
    new, stale = service._reconcile(collection, wanted, preserved, report)
    assert not stale, "the 100x corpus contains the base corpus"

    # Real embeddings of the base index, by (source document, position), to derive from.
    existing = collection.get(include=["metadatas", "embeddings"])
    by_place: dict[tuple[str, int], list[np.ndarray]] = {}
    for meta, vector in zip(existing["metadatas"], existing["embeddings"], strict=True):
        root = _root_document(str(meta["source"]))
        by_place.setdefault((root, int(meta["position"])), []).append(np.asarray(vector, np.float32))
    by_root: dict[str, list[np.ndarray]] = {}
    for (root, _), vectors in by_place.items():
        by_root.setdefault(root, []).extend(vectors)

    t0 = time.perf_counter()
    measured = service.embeddings.embed_in_batches([r.document for r in new[:sample]], None)
    embed_s = time.perf_counter() - t0
    rate = len(measured) / embed_s if embed_s else 0.0
    rng = np.random.default_rng(0)
    vectors = [measured[i] for i in range(len(measured))]
    for record in new[sample:]:
        root = _root_document(str(record.metadata["source"]))
        candidates = by_place.get((root, int(record.metadata["position"]))) or by_root[root]
        base_vector = candidates[int(rng.integers(len(candidates)))]
        derived = base_vector + rng.normal(0.0, NOISE_SIGMA, base_vector.shape).astype(np.float32)
        vectors.append(derived / np.linalg.norm(derived))
    for begin in range(0, len(new), 1000):  # as IngestService._embed_and_add writes them
        part = new[begin : begin + 1000]
        collection.add(
            ids=[r.id for r in part],
            embeddings=np.vstack(vectors[begin : begin + len(part)]),
            documents=[r.document for r in part],
            metadatas=[r.metadata for r in part],
        )
    counts = {name.value: service.store.collection(name).count() for name in CollectionName}
    write_manifest(
        settings,
        {
            "schema_version": INDEX_SCHEMA_VERSION,
            "fingerprint": fingerprint(settings),
            "embedding_model": settings.embedding.model_name,
            "ingested_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "counts": counts,
            "failed": report.failed,
            "synthetic_derived_embeddings": len(new) - len(measured),
        },
    )
    seconds = time.perf_counter() - started
    derived_count = len(new) - len(measured)
    return Build(
        factor,
        counts,
        seconds,
        len(measured),
        derived=derived_count,
        rate=rate,
        extrapolated_s=derived_count / rate if rate else 0.0,
        note=f"+{len(new)} chunks over the 10x index; {len(measured)} embedded, {derived_count} derived",
    )


def _root_document(source: str) -> str:
    """The real document a synthetic one was made from ("syn-000_92d68ac8b5-v037" -> "000_92d68ac8b5")."""
    return source[4:].rsplit("-v", 1)[0] if source.startswith("syn-") else source[:12]


# ---------------------------------------------------------------------------- measurement


def _timed(call: Any) -> tuple[float, float, Any]:
    """(wall ms, CPU ms of the whole process, result) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result


def measure(data_dir: Path, knowledge: Path, repeats: int = 2) -> dict[str, Any]:
    """Run in a fresh process: table load, search and `ask` latency, peak RSS.

    Every call starts with an empty query-embedding cache (a new question pays e5). Each
    question is run `repeats` times and its fastest run kept (wall and CPU time alike), which
    filters out other processes competing for the two cores; CPU time is the steadier
    measure of the work itself.
    """
    from app.advisor.service import AdvisorService
    from app.container import Container
    from app.evaluation.advisor_metrics import load_advisor_cases
    from app.evaluation.golden import load_retrieval_cases
    from app.services.retrieval import query_vector

    load_before = os.getloadavg()[0]
    settings = _settings(data_dir, knowledge)
    settings = settings.model_copy(update={"advisor": AdvisorSettings(today=TODAY)})
    box = Container(settings)
    started = time.perf_counter()
    box.retrieval.search("warm-up")  # e5, jieba, and the chunk table with its BM25 index
    first_search_s = time.perf_counter() - started
    questions = [c.question for c in load_retrieval_cases()]

    def fresh_search(question: str) -> Any:
        query_vector.cache_clear()
        return box.retrieval.search(question)

    search_wall: list[float] = []
    search_cpu: list[float] = []
    for question in questions:
        runs = [_timed(lambda q=question: fresh_search(q)) for _ in range(repeats)]
        search_wall.append(min(r[0] for r in runs))
        search_cpu.append(min(r[1] for r in runs))

    advisor = AdvisorService(box)
    advisor.ask("warm-up: 我在杭州开餐厅，20人")
    conversations = [case.turns for case in load_advisor_cases()] + [[q] for q in questions]
    runs_by_turn: dict[tuple[int, int], list[tuple[float, float, Any]]] = {}
    for repeat in range(repeats):
        for c, turns in enumerate(conversations):
            session = f"scale-{repeat}-{c}"
            for t, turn in enumerate(turns):
                query_vector.cache_clear()
                runs_by_turn.setdefault((c, t), []).append(
                    _timed(lambda m=turn, s=session: advisor.ask(m, session_id=s))
                )
    ask_wall: list[float] = []
    ask_cpu: list[float] = []
    stages: dict[str, list[float]] = {}
    for runs in runs_by_turn.values():
        fastest = min(runs, key=lambda r: r[0])
        ask_wall.append(fastest[0])
        ask_cpu.append(min(r[1] for r in runs))
        for stage, value in fastest[2].timings_ms.model_dump().items():
            stages.setdefault(stage, []).append(value)
    return {
        "chunks": len(box.retrieval.table()),
        "first_search_s": first_search_s,
        "search_p50": percentile(search_wall, 50),
        "search_p95": percentile(search_wall, 95),
        "search_cpu_p50": percentile(search_cpu, 50),
        "search_cpu_p95": percentile(search_cpu, 95),
        "ask_p50": percentile(ask_wall, 50),
        "ask_p95": percentile(ask_wall, 95),
        "ask_cpu_p50": percentile(ask_cpu, 50),
        "ask_cpu_p95": percentile(ask_cpu, 95),
        "asks": len(ask_wall),
        "stages": {s: [percentile(v, 50), percentile(v, 95)] for s, v in stages.items()},
        "peak_rss_mb": own_peak_rss_mb(),
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }


def measure_in_subprocess(data_dir: Path, knowledge: Path) -> dict[str, Any]:
    """`measure` in a fresh interpreter (its own peak RSS), e5 on one OpenMP thread: with two
    threads, any other busy process stalls e5's thread barrier and the latencies become noise."""
    command = [sys.executable, str(Path(__file__).resolve()), "measure", str(data_dir), str(knowledge)]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1"}
    out = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"measure failed for {data_dir}:\n{out.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


# ---------------------------------------------------------------------------- report


@dataclass
class ScaleReport:
    builds: dict[int, Build] = field(default_factory=dict)
    measures: dict[int, dict[str, Any]] = field(default_factory=dict)

    def rows(self) -> list[tuple[str, str, str]]:
        rows: list[tuple[str, str, str]] = []
        for factor, build in sorted(self.builds.items()):
            chunks = sum(build.chunks.values())
            if build.derived:
                value = (
                    f"≈ {build.build_s:.0f} s (measured {build.seconds:.0f} s + extrapolated "
                    f"{build.extrapolated_s:.0f} s for {build.derived} chunks at {build.rate:.1f} chunk/s)"
                )
            else:
                value = f"{build.seconds:.1f} s ({build.embedded} chunks embedded)"
            rows.append((f"Scale {factor}x: build ({chunks} chunks)", value, build.note))
        base = self.measures.get(1)
        for factor, m in sorted(self.measures.items()):
            growth = ""
            if base and factor != 1:
                growth = (
                    f"p95 vs 1x: wall {m['ask_p95'] / base['ask_p95']:.2f}x, "
                    f"CPU {m['ask_cpu_p95'] / base['ask_cpu_p95']:.2f}x"
                    + (" (target < 2x)" if factor == 100 else "")
                )
            stages = m["stages"]
            load = "load avg {:.1f}→{:.1f}".format(*m["load_average"])
            rows += [
                (
                    f"Scale {factor}x: chunk table load",
                    f"{m['first_search_s']:.1f} s",
                    f"{m['chunks']} chunks; first search incl. e5 and jieba",
                ),
                (
                    f"Scale {factor}x: search p50 / p95",
                    f"{m['search_p50']:.1f} / {m['search_p95']:.1f} ms (CPU {m['search_cpu_p50']:.0f} / "
                    f"{m['search_cpu_p95']:.0f})",
                    "new question each time (e5 included)",
                ),
                (
                    f"Scale {factor}x: ask p50 / p95",
                    f"{m['ask_p50']:.1f} / {m['ask_p95']:.1f} ms (CPU {m['ask_cpu_p50']:.0f} / "
                    f"{m['ask_cpu_p95']:.0f})",
                    f"n={m['asks']}; {growth}".rstrip("; "),
                ),
                (
                    f"Scale {factor}x:   retrieve / recommend p95",
                    f"{stages['retrieve'][1]:.1f} / {stages['recommend'][1]:.1f} ms",
                    load,
                ),
                (f"Scale {factor}x: peak RSS", f"{m['peak_rss_mb']:.0f} MB", "measuring process"),
            ]
        return rows


def run_scale(
    workdir: Path,
    base_data_dir: Path | None = None,
    factors: tuple[int, ...] = (10, 100),
    verbose: bool = True,
    reuse: bool = False,
) -> ScaleReport:
    """1x (from `base_data_dir` when given, else built), then the given factors; 100 needs 10."""
    from app.container import Container

    def say(text: str) -> None:
        if verbose:
            print(f"[scale] {text}", file=sys.stderr, flush=True)

    report = ScaleReport()
    knowledge = PROJECT_ROOT / "knowledge"
    one = workdir / "data-1x"
    if base_data_dir is None:
        say("building the 1x index")
        report.builds[1] = build_real(one, knowledge, 1)
    else:
        one = base_data_dir
        Container(_settings(one, knowledge)).ingest.ensure_ready()
    dirs = {1: (one, knowledge)}
    saved = workdir / "builds.json"
    if reuse and saved.exists():  # a kept workdir: measure again without rebuilding
        for key, value in json.loads(saved.read_text()).items():
            report.builds[int(key)] = Build(**value)
        say(f"reusing the builds in {workdir}")
    if 10 in factors or 100 in factors:
        k10 = workdir / "knowledge-10x"
        if 10 not in report.builds:
            synth_knowledge(k10, 10)
            say("ingesting the 10x corpus (real embeddings)")
            report.builds[10] = build_real(workdir / "data-10x", k10, 10, base=one)
            say(f"10x built in {report.builds[10].seconds:.0f} s")
        dirs[10] = (workdir / "data-10x", k10)
    if 100 in factors:
        k100 = workdir / "knowledge-100x"
        if 100 not in report.builds:
            synth_knowledge(k100, 100)
            say("writing the 100x corpus (sampled rate, derived embeddings)")
            report.builds[100] = build_derived(workdir / "data-100x", k100, 100, base=workdir / "data-10x")
            say(f"100x written in {report.builds[100].seconds:.0f} s")
        dirs[100] = (workdir / "data-100x", k100)
    saved.write_text(json.dumps({k: asdict(v) for k, v in report.builds.items()}))
    for factor, (data_dir, knowledge_dir) in dirs.items():
        if factor != 1 and factor not in factors:
            continue
        say(f"measuring {factor}x")
        report.measures[factor] = measure_in_subprocess(data_dir, knowledge_dir)
        say(json.dumps(report.measures[factor]))
    return report


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "measure":
        print(json.dumps(measure(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--factors", default="10,100")
    parser.add_argument("--base", type=Path, default=None, help="An indexed 1x data dir to start from")
    parser.add_argument("--keep", type=Path, default=None, help="Work in this folder and keep it")
    parser.add_argument("--reuse", action="store_true", help="Reuse the builds kept in --keep; measure only")
    args = parser.parse_args()
    factors = tuple(int(f) for f in args.factors.split(",") if f)
    with tempfile.TemporaryDirectory(prefix="aipack-scale-") as scratch:
        workdir = args.keep or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        report = run_scale(workdir, args.base, factors, reuse=args.reuse)
    for name, value, note in report.rows():
        print(f"{name:<40}  {value:<70}  {note}")
    print(
        json.dumps({"builds": {k: asdict(v) for k, v in report.builds.items()}, "measures": report.measures})
    )


if __name__ == "__main__":
    main()
