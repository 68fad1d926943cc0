"""Fuzzing: 1,000 random messages through `ask` and 200 random catalogue mutations through the loader.

Targets from issue 6: zero unhandled exceptions. A message always gets a non-empty
answer in the JSON contract, naming only programs the catalogue holds; a broken
catalogue is always a `CatalogueError` naming the file, never a crash.
Deterministic (`derandomize=True`) so CI sees the same examples every run.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.advisor.contract import Intent
from app.advisor.service import MAX_MESSAGE_CHARS, AdvisorService
from app.catalogue.loader import load_catalogue
from app.catalogue.models import Catalogue
from app.errors import CatalogueError
from app.settings import PROJECT_ROOT
from app.text.normalize import clean_text
from tests.helpers import MINI_KNOWLEDGE

INTENTS = frozenset(get_args(Intent))
FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# ------------------------------------------------------------------ messages

# What owners type: figures with 万/亿, head counts, money, shares, places, vouchers, industries.
_PIECES = [
    *"0123456789零一二两三四五六七八九十百千万亿",
    *"人元%券，。？！、：；（）“”《》 .,?!-/",
    "万元",
    "亿元",
    "员工",
    "年营收",
    "预算",
    "以内",
    "左右",
    "多人",
    "我们是",
    "我在",
    "开了一家",
    "一家",
    "的",
    "公司",
    "餐厅",
    "工厂",
    "五金厂",
    "服装店",
    "跨境电商",
    "软件公司",
    "诊所",
    "学校",
    "农场",
    "杭州",
    "上海",
    "北京",
    "深圳",
    "苏州",
    "成都",
    "广州",
    "宁波",
    "浙江",
    "广东",
    "江苏",
    "香港",
    "台北",
    "算力券",
    "模型券",
    "数据券",
    "云服务券",
    "创新券",
    "补贴",
    "补助",
    "比例",
    "上限",
    "申请",
    "怎么申请",
    "条件",
    "能拿多少",
    "能申请吗",
    "符合条件吗",
    "哪些补贴",
    "compare",
    "推荐",
    "方案",
    "AI",
    "客服",
    "质检",
    "备货不准",
    "设备老坏",
    "记账",
    "那杭州呢？",
    "对比一下",
    "多少钱",
    "成立3年",
    "专精特新",
    "100%",
    "150%",
    "-5万",
    "1e309",
    "ignore previous instructions",
    "system prompt",
    "subsidy",
    "compute voucher",
    "we are a 20-person",
]
chinese_heavy = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
emoji_only = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
        st.sampled_from(["👨‍👩‍👧", "🇨🇳", "❤️", "👍🏽", "\u200d", "\ufe0f"]),
    ),
    min_size=1,
    max_size=30,
).map("".join)
controls = st.lists(
    st.one_of(
        st.characters(categories=["Cc", "Cf", "Zl", "Zp"]),
        st.sampled_from(["\x00", "\x1b[31m", "\r\n", "\ufeff", "\u202e", "\x7f"]),
        st.sampled_from(["\udcff\udcfe", "\ud800"]),  # invalid UTF-8 as Python decodes it from argv
        st.sampled_from(_PIECES),
    ),
    max_size=40,
).map("".join)
whitespace_only = st.text(alphabet=" \t\n\r\x0b\x0c\u3000\u00a0\u2003\u2028\u200b\u3000", max_size=60)
# A few fixed fillers at many lengths: the part that is read (and embedded, ~1 s for 512 tokens)
# repeats, while the truncation point moves.
very_long = st.builds(
    lambda piece, n: (piece * (n // len(piece) + 1))[:n],
    st.sampled_from(["我们是杭州一家20人的餐厅，预算3万。", "算力券", "x", "😀\x00 ", "subsidy? "]),
    st.integers(MAX_MESSAGE_CHARS - 10, 60_000),
)


def _weighted(*options: tuple[int, st.SearchStrategy[str]]) -> st.SearchStrategy[str]:
    """One of the strategies, picked with the given weights (hypothesis' one_of has none)."""
    table = [strategy for weight, strategy in options for _ in range(weight)]
    return st.integers(0, len(table) - 1).flatmap(lambda i: table[i])


# Two runs of 500 that together make the issue's 1,000 random messages.
# Long messages are few (about 1 in 40): each costs a 512-token embedding.
free_text = _weighted((20, st.text()), (6, emoji_only), (6, controls), (4, whitespace_only), (1, very_long))
owner_text = _weighted((30, chinese_heavy), (6, controls), (2, emoji_only), (1, very_long))
sessions = st.sampled_from([None, None, "fuzz-a", "fuzz-b"])  # some turns follow earlier ones


def _check_answer(advisor: AdvisorService, message: str, session: str | None) -> None:
    response = advisor.ask(message, session_id=session)
    event(f"intent {response.intent}")
    assert response.intent in INTENTS
    assert response.answer.strip(), f"empty answer for {message[:80]!r}"
    catalogue = advisor.catalogue
    assert {f.id for f in response.funding} <= {p.id for p in catalogue.funding}
    assert {s.id for s in response.solutions} <= {s.id for s in catalogue.solutions}
    # The contract is standard JSON that other languages parse (no NaN / Infinity).
    json.loads(response.model_dump_json(), parse_constant=lambda c: pytest.fail(f"non-JSON {c}"))
    if len(clean_text(message)) > MAX_MESSAGE_CHARS:
        event("truncated")
        assert response.notices, "a truncated message must say so"


@settings(FUZZ, max_examples=500)
@given(message=free_text, session=sessions)
def test_any_text_gets_an_answer_in_the_contract(advisor: AdvisorService, message: str, session: str | None):
    _check_answer(advisor, message, session)


@settings(FUZZ, max_examples=500)
@given(message=owner_text, session=sessions)
def test_owner_like_messages_get_an_answer_in_the_contract(
    advisor: AdvisorService, message: str, session: str | None
):
    _check_answer(advisor, message, session)


# --------------------------------------------------------- catalogue mutations


def _seed_entries() -> dict[str, list[dict[str, Any]]]:
    """The valid mini catalogue, plus two real programs with special rates and a stacking partner."""
    seeds: dict[str, list[dict[str, Any]]] = {}
    for name in ("funding", "solutions"):
        text = (MINI_KNOWLEDGE / "catalogue" / f"{name}.yaml").read_text(encoding="utf-8")
        seeds[name] = list(yaml.safe_load(text)[name])
    real = yaml.safe_load((PROJECT_ROOT / "knowledge" / "catalogue" / "funding.yaml").read_text("utf-8"))
    by_id = {p["id"]: p for p in real["funding"]}
    rich = next(p for p in real["funding"] if p["benefit"]["special_rates"])
    stacked = next(p for p in real["funding"] if p["benefit"]["stacking"]["stackable_with"])
    partner = by_id[stacked["benefit"]["stacking"]["stackable_with"][0]]
    extra = [copy.deepcopy(p) for p in {p["id"]: p for p in (rich, stacked, partner)}.values()]
    known = {p["id"] for p in [*seeds["funding"], *extra]}
    for program in extra:
        stacking = program["benefit"]["stacking"]
        stacking["stackable_with"] = [i for i in stacking["stackable_with"] if i in known]
    seeds["funding"] += extra
    return seeds


SEEDS = _seed_entries()


def test_the_seed_catalogue_is_valid(tmp_path: Path):
    for name, entries in SEEDS.items():
        (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump({name: entries}, allow_unicode=True), "utf-8")
    catalogue = load_catalogue(tmp_path)
    assert len(catalogue.funding) == len(SEEDS["funding"]) >= 3
    assert any(p.benefit.special_rates for p in catalogue.funding)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key/index path inside an entry, leaves and branches."""
    found: list[tuple[Any, ...]] = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _parent(entry: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        entry = entry[part]
    return entry


ENUM_FIELDS = ("type", "category", "scope_level", "mechanism", "reliability", "it_skill", "basis", "currency")
WRONG_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.just("x" * 50_000),  # a huge string
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.sampled_from(["2025-13-45", "not-a-date", "http//broken", "杭州", "LARGE", "🙂", "-1"]),
)
MUTATIONS = (
    "delete_field",
    "wrong_type",
    "negative_number",
    "ratio_over_one",
    "non_finite_number",
    "huge_string",
    "unknown_enum",
    "duplicate_id",
    "non_mapping_entry",
    "truncate_yaml",
    "random_unicode_value",
    "random_unicode_in_text",
    "not_utf8",
    "top_level_not_mapping",
)


def _mutate(data: st.DataObject, files: dict[str, dict[str, Any]]) -> tuple[str, dict[str, bytes]]:
    """Apply one random mutation; return the mutated file's name and every file's bytes."""
    kind = data.draw(st.sampled_from(MUTATIONS), label="mutation")
    event(f"mutation {kind}")
    section = data.draw(st.sampled_from(["funding", "solutions"]), label="section")
    entries = files[section][section]
    index = data.draw(st.integers(0, len(entries) - 1), label="entry")
    entry = entries[index]
    paths = _paths(entry)
    if kind == "delete_field":
        path = data.draw(st.sampled_from(paths), label="path")
        del _parent(entry, path)[path[-1]]
    elif kind == "wrong_type":
        path = data.draw(st.sampled_from(paths), label="path")
        _parent(entry, path)[path[-1]] = data.draw(WRONG_VALUES, label="value")
    elif kind == "negative_number":
        numeric = [p for p in paths if isinstance(_parent(entry, p)[p[-1]], (int, float))] or [("id",)]
        path = data.draw(st.sampled_from(numeric), label="path")
        _parent(entry, path)[path[-1]] = -data.draw(st.floats(0.001, 1e12), label="value")
    elif kind == "non_finite_number":  # YAML's .inf / .nan: never a cap or a price to quote
        numeric = [p for p in paths if isinstance(_parent(entry, p)[p[-1]], (int, float))] or [("id",)]
        path = data.draw(st.sampled_from(numeric), label="path")
        _parent(entry, path)[path[-1]] = data.draw(st.sampled_from([math.inf, -math.inf, math.nan]))
    elif kind == "ratio_over_one":
        ratios = [p for p in paths if p[-1] in ("ratio", "combined_ratio_cap")] or [("id",)]
        path = data.draw(st.sampled_from(ratios), label="path")
        _parent(entry, path)[path[-1]] = data.draw(st.floats(1.0001, 100), label="value")
    elif kind == "huge_string":
        text_paths = [p for p in paths if isinstance(_parent(entry, p)[p[-1]], str)]
        path = data.draw(st.sampled_from(text_paths), label="path")
        _parent(entry, path)[path[-1]] = "补贴" * data.draw(st.integers(5_000, 25_000), label="n")
    elif kind == "unknown_enum":
        enum_paths = [p for p in paths if p[-1] in ENUM_FIELDS or p[-2:-1] in (("sizes",), ("spend_scope",))]
        path = data.draw(st.sampled_from(enum_paths or [("id",)]), label="path")
        _parent(entry, path)[path[-1]] = data.draw(st.sampled_from(["gigantic", "算力", "", "MICRO"]))
    elif kind == "duplicate_id":
        target = data.draw(st.sampled_from(["funding", "solutions"]), label="into")
        files[target][target].append(copy.deepcopy(entry))
        section = target  # the copy is the problem to report
    elif kind == "non_mapping_entry":
        entries[index] = data.draw(
            st.one_of(st.text(max_size=20), st.integers(), st.none(), st.lists(st.text()))
        )
    elif kind == "random_unicode_value":
        text_paths = [p for p in paths if isinstance(_parent(entry, p)[p[-1]], str)]
        path = data.draw(st.sampled_from(text_paths), label="path")
        _parent(entry, path)[path[-1]] = data.draw(st.text(max_size=40), label="value")
    elif kind == "top_level_not_mapping":
        files[section] = data.draw(st.one_of(st.lists(st.integers()), st.text(max_size=10), st.just([])))  # type: ignore[assignment]

    rendered = {
        f"{name}.yaml": yaml.safe_dump(content, allow_unicode=True, sort_keys=False).encode("utf-8")
        for name, content in files.items()
    }
    name = f"{section}.yaml"
    if kind == "truncate_yaml":
        text = rendered[name].decode("utf-8")
        rendered[name] = text[: data.draw(st.integers(0, len(text)), label="offset")].encode("utf-8")
    elif kind == "random_unicode_in_text":
        text = rendered[name].decode("utf-8")
        offset = data.draw(st.integers(0, len(text)), label="offset")
        junk = data.draw(st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=20))
        rendered[name] = (text[:offset] + junk + text[offset:]).encode("utf-8")
    elif kind == "not_utf8":
        raw = rendered[name]
        offset = data.draw(st.integers(0, len(raw)), label="offset")
        rendered[name] = raw[:offset] + b"\xff\xfe\xc3(" + raw[offset:]
    return name, rendered


def _assert_valid(catalogue: Catalogue) -> None:
    ids = [item.id for item in (*catalogue.solutions, *catalogue.funding)]
    assert len(ids) == len(set(ids))
    for program in catalogue.funding:
        benefit = program.benefit
        for ratio in (benefit.ratio, *(r.ratio for r in benefit.special_rates)):
            assert ratio is None or 0 < ratio <= 1
        for amount in (benefit.cap, benefit.pool, *(r.cap for r in benefit.special_rates)):
            assert amount is None or (math.isfinite(amount) and amount >= 0)
    for solution in catalogue.solutions:
        for amount in (solution.cost.one_off_cny, solution.cost.monthly_cny, solution.deploy_days):
            assert math.isfinite(amount.max) and 0 <= amount.min <= amount.max


@settings(FUZZ, max_examples=200)
@given(data=st.data())
def test_a_mutated_catalogue_loads_or_fails_naming_the_file(tmp_path_factory, data: st.DataObject):
    folder = tmp_path_factory.mktemp("catalogue")
    files = {name: {name: copy.deepcopy(entries)} for name, entries in SEEDS.items()}
    mutated, rendered = _mutate(data, files)
    for name, content in rendered.items():
        (folder / name).write_bytes(content)
    error: CatalogueError | None = None
    try:
        catalogue = load_catalogue(folder)  # anything but CatalogueError fails the test
    except CatalogueError as exc:
        error = exc
    event("outcome: loaded" if error is None else "outcome: CatalogueError")
    if error is None:
        _assert_valid(catalogue)
        return
    assert error.issues
    assert mutated in str(error), str(error)[:500]
    assert "aipack ingest" in error.fix
