"""The catalogues: coverage, provenance, and precise failures."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.catalogue.loader import load_catalogue
from app.catalogue.models import Catalogue
from app.catalogue.taxonomy import FundingType, SolutionCategory
from app.errors import CatalogueError
from app.settings import PROJECT_ROOT
from tests.helpers import MINI_KNOWLEDGE

CATALOGUE_DIR = PROJECT_ROOT / "knowledge" / "catalogue"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(CATALOGUE_DIR)


def test_solutions_cover_every_category_and_many_industries(catalogue):
    assert len(catalogue.solutions) >= 40
    assert {s.category for s in catalogue.solutions} == set(SolutionCategory)
    industries = {code for s in catalogue.solutions for code in s.industries}
    assert len(industries) >= 12
    for solution in catalogue.solutions:
        first_year = solution.cost.first_year_cny
        assert 0 <= first_year.min <= first_year.max
        if solution.cost.basis != "estimate":
            assert solution.cost.source_url, solution.id


def test_every_funding_entry_carries_its_provenance(catalogue):
    assert len(catalogue.funding) >= 25
    assert len({p.type for p in catalogue.funding}) >= 6
    for program in catalogue.funding:
        assert program.issuer and program.region is not None
        assert program.provenance.source_urls and program.provenance.quote
        assert program.provenance.reliability in ("official", "reprint", "secondary")
        assert program.provenance.verified_on
        assert program.validity.issued_on or program.validity.note, program.id
        assert all("..." not in url for url in program.provenance.source_urls), program.id


def test_funding_numbers_are_backed_by_the_quoted_sentence(catalogue):
    """A ratio stated in the benefit must also be visible in the source wording we keep."""
    for program in catalogue.funding:
        ratio = program.benefit.ratio
        if ratio is None:
            continue
        percent = f"{ratio * 100:g}%"
        evidence = program.provenance.quote + program.benefit.summary
        assert percent in evidence, f"{program.id}: {percent} not in quote or summary"


def _write(tmp_path: Path, name: str, data: object) -> Path:
    folder = tmp_path / "catalogue"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def _mini_entries() -> tuple[dict, dict]:
    funding = yaml.safe_load((MINI_KNOWLEDGE / "catalogue" / "funding.yaml").read_text(encoding="utf-8"))
    solutions = yaml.safe_load((MINI_KNOWLEDGE / "catalogue" / "solutions.yaml").read_text(encoding="utf-8"))
    return funding["funding"][0], solutions["solutions"][0]


@pytest.mark.parametrize(
    ("mutate", "field", "text"),
    [
        (lambda p: p["benefit"].update(ratio=1.5), "benefit.ratio", "less than or equal to 1"),
        (lambda p: p["benefit"].update(cap=-10), "benefit.cap", "greater than or equal to 0"),
        (lambda p: p.update(type="free_money"), "type", "Input should be"),
        (lambda p: p["eligibility"].update(industries=["Z9"]), "eligibility.industries", "unknown industry"),
        (lambda p: p["provenance"].update(source_urls=["ftp://x"]), "provenance.source_urls", "not an http"),
        (lambda p: p.update(ratoi=0.3), "ratoi", "Extra inputs are not permitted"),
    ],
)
def test_invalid_funding_entry_names_file_entry_and_field(tmp_path, mutate, field, text):
    program, _ = _mini_entries()
    mutate(program)
    folder = _write(tmp_path, "funding.yaml", {"funding": [program]})
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    message = str(caught.value)
    assert "funding.yaml" in message and "bj-compute-voucher-2023" in message
    assert f"field '{field}" in message and text in message


PASTED = "这是一整页网页文字。" * 10_000  # 100,000 characters pasted into one field


@pytest.mark.parametrize(
    ("section", "mutate", "entry", "field", "limit"),
    [
        ("funding", lambda p: p.update(name=PASTED), "bj-compute-voucher-2023", "name", 120),
        (
            "funding",
            lambda p: p["provenance"].update(quote=PASTED),
            "bj-compute-voucher-2023",
            "provenance.quote",
            1000,
        ),
        (
            "funding",
            lambda p: p["provenance"].update(source_urls=["https://example.gov.cn/?q=" + PASTED]),
            "bj-compute-voucher-2023",
            "provenance.source_urls.0",
            1000,
        ),
        (
            "funding",
            lambda p: p["eligibility"]["requirements"].append(PASTED),
            "bj-compute-voucher-2023",
            "eligibility.requirements.5",
            300,
        ),
        ("funding", lambda p: p.update(id="x" + PASTED), "#1", "id", 0),
        ("solutions", lambda s: s.update(summary_zh=PASTED), None, "summary_zh", 2000),
        ("solutions", lambda s: s.update(keywords=[PASTED]), None, "keywords.0", 300),
    ],
    ids=["name", "quote", "url", "requirement", "id", "summary", "keyword"],
)
def test_a_pasted_page_in_a_text_field_names_the_entry_and_field_without_echoing_it(
    tmp_path, section, mutate, entry, field, limit
):
    program, solution = _mini_entries()
    item = program if section == "funding" else solution
    mutate(item)
    folder = _write(tmp_path, f"{section}.yaml", {section: [item]})
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    message = str(caught.value)
    assert f"{section}.yaml entry '{entry or solution['id']}' field '{field}'" in message
    if limit:
        assert f"at most {limit} characters" in message
    assert len(message) < 1_000  # the message, not the page


def test_duplicate_ids_across_files_are_reported(tmp_path: Path):
    program, solution = _mini_entries()
    _write(tmp_path, "a.yaml", {"funding": [program]})
    folder = _write(tmp_path, "b.yaml", {"funding": [program], "solutions": [solution]})
    with pytest.raises(CatalogueError, match="duplicate id"):
        load_catalogue(folder)


def test_all_problems_are_listed_in_one_pass(tmp_path: Path):
    program, solution = _mini_entries()
    program["benefit"]["ratio"] = 2
    solution["category"] = "crystal_ball"
    folder = _write(tmp_path, "mixed.yaml", {"funding": [program], "solutions": [solution, "oops"]})
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    assert len(caught.value.issues) == 3


def test_malformed_yaml_reports_the_line(tmp_path: Path):
    folder = tmp_path / "catalogue"
    folder.mkdir()
    (folder / "funding.yaml").write_text("funding:\n  - id: a\n    name: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"funding\.yaml: YAML syntax error at line \d+"):
        load_catalogue(folder)


def test_unknown_stacking_partner_is_rejected(tmp_path: Path):
    program, _ = _mini_entries()
    program["benefit"]["stacking"]["stackable_with"] = ["ghost-program"]
    folder = _write(tmp_path, "funding.yaml", {"funding": [program]})
    with pytest.raises(CatalogueError, match="unknown program 'ghost-program'"):
        load_catalogue(folder)


def test_funding_types_in_the_catalogue_use_the_taxonomy(catalogue):
    assert {p.type for p in catalogue.funding} <= set(FundingType)


def test_every_solution_lists_what_the_client_actually_buys(catalogue):
    """Programs are matched to purchase items (advice_rules.md §1): every entry needs them, costed and kinded."""
    for solution in catalogue.solutions:
        assert solution.purchase_items, (
            f"{solution.id}: add purchase_items (what the client signs, kind, cost)"
        )
        if set(solution.deployment) == {"saas"}:
            # A SaaS app is a subscription, whatever model runs behind it: no compute or model voucher pays for it.
            kinds = {item.kind for item in solution.purchase_items}
            assert not kinds & {"compute", "model_service"}, solution.id


def test_purchase_items_must_add_up_to_the_solution_cost(tmp_path: Path):
    entry = yaml.safe_load((CATALOGUE_DIR / "solutions.yaml").read_text(encoding="utf-8"))["solutions"][0]
    entry["purchase_items"][0]["monthly_cny"]["max"] += 1000
    folder = _write(tmp_path, "solutions.yaml", {"solutions": [entry]})
    with pytest.raises(CatalogueError) as err:
        load_catalogue(folder)
    assert entry["id"] in str(err.value) and "add up" in str(err.value)


def test_competitive_and_pilot_programs_are_tagged_as_such(catalogue):
    """Award, showcase and pilot-city programs only pay selected applicants: their mechanism says so (§2)."""
    tagged = {p.id: p.how_to_apply.mechanism for p in catalogue.funding}
    for program_id in ("sz-ai-application-funding-2024", "cd-scenario-award-2025", "ah-scenario-award-2025"):
        assert tagged[program_id] == "competitive_selection"
    for program_id in ("cn-sme-dx-pilot-city-2023", "tiantai-dx-nx-2024"):
        assert tagged[program_id] == "via_pilot_city"
