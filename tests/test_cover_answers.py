"""A yes/no question about what a named program pays for is answered first (compose/cover.py), and an amount
question about a Hong Kong project in Hong Kong dollars is worked out in them (session 19, issue 12 "answer the
question that was asked")."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.advisor.compose.cover import cover_lines
from app.advisor.compose.program_labels import short_name
from app.catalogue.loader import load_catalogue
from app.catalogue.taxonomy import SpendKind

CATALOGUE = load_catalogue(Path(__file__).resolve().parents[1] / "knowledge" / "catalogue")

# One everyday phrase a kind is bought under, each read by understand/purchase_kinds.
_ASKED = [
    ("{name}能不能用在买服务器上？", SpendKind.ai_equipment),
    ("{name}包不包调用大模型API的费用？", SpendKind.model_service),
    ("{name}可以用来租GPU吗？", SpendKind.compute),
]


@pytest.mark.parametrize(("template", "kind"), _ASKED)
def test_every_program_answers_cover_from_its_spend_scope(template: str, kind: SpendKind):
    """For every catalogued program: "包括" exactly when the kind is in its spend scope (and no purpose rule of its
    own bars it), "不包括" when it is not; the program's quoted sentence follows its line."""
    for program in CATALOGUE.funding:
        # owners name a program by its short name ("成都市算力券"), not with the bracketed policy title
        lines = cover_lines(template.format(name=short_name(program.name)), [program], "zh")
        assert lines, program.id
        if kind in program.eligibility.spend_scope:
            assert lines[0].startswith("包括"), (program.id, lines[0])
        else:
            assert lines[0].startswith("不包括"), (program.id, lines[0])
        if program.provenance.quote.strip():
            assert lines[1].startswith("原文：“"), program.id


def test_a_message_that_asks_no_cover_question_gets_no_cover_line():
    program = next(p for p in CATALOGUE.funding if p.id == "sz-training-voucher-2024")
    assert cover_lines("深圳训力券最高能补多少？", [program], "zh") == []
    assert cover_lines("What does the Shenzhen training voucher cover?", [program], "en") == []


def test_a_purpose_the_program_does_not_pay_for_is_a_no_quoting_its_condition():
    program = next(p for p in CATALOGUE.funding if p.id == "sz-training-voucher-2024")
    lines = cover_lines("训力券推理也能用吗，还是只管训练？", [program], "zh")
    assert lines[0].startswith("不包括“推理”"), lines[0]
    assert "大模型训练" in lines[0]


def _ask(advisor, message: str) -> dict:
    return advisor.ask(message).model_dump(mode="json")


def test_owner_asking_whether_the_shenzhen_voucher_pays_for_inference_hears_no_first(advisor):
    answer = _ask(advisor, "深圳那个算力券，推理也能用吗，还是只管训练？")["answer"]
    first = answer.splitlines()[0]
    assert first.startswith("不包括“推理”") and "训练" in first, first
    assert answer.splitlines()[1].startswith("原文：“对租用智能算力开展大模型训练"), answer[:300]


def test_english_cover_question_without_a_purpose_limit_is_a_yes_with_the_source(advisor):
    answer = _ask(advisor, "Does the Xiamen compute subsidy cover inference or only training?")["answer"]
    first, second = answer.splitlines()[:2]
    assert first.startswith("Yes:") and "does not limit" in first, first
    assert second.startswith("Source (original text, in Chinese):") and "应用推广" in second, second


def test_cover_question_in_a_funding_answer_leads_before_the_verdicts(advisor):
    response = _ask(advisor, "我们是杭州做电商的，杭州算力券能不能用在买服务器上？")
    assert response["answer"].startswith("不包括：杭州算力券不支付AI设备"), response["answer"][:200]


@pytest.mark.parametrize(
    "message",
    [
        "西貢，個project成本大概一百萬港幣，未開始，科技券可以資助幾多？",
        "Sai Kung here. Our project costs about HK$1 million and hasn't started. How much can the TVP give?",
    ],
)
def test_hong_kong_project_amount_is_worked_out_in_hkd_on_the_tvp(advisor, message: str):
    response = _ask(advisor, message)
    assert response["intent"] == "funding_eligibility"
    tvp = next(f for f in response["funding"] if f["id"] == "hk-tvp")
    assert tvp["verdict"] != "ineligible"
    answer = response["answer"]
    assert "75%" in answer
    assert ("60萬港元" in answer) or ("HKD 600,000" in answer), answer[:400]
    assert "不適用" not in answer and "do not fit you" not in answer
    # "未開始" / "hasn't started" settles the approve-before-you-start condition: it is not asked back.
    timing = [c for c in tvp["conditions"] if "批准" in c["detail"] or "approved before" in c["detail"]]
    assert all(c["status"] == "met" for c in timing), timing


def test_asked_whether_a_named_program_exists_the_answer_is_yes_with_its_rate_or_that_it_ended():
    from datetime import date

    from app.advisor.compose.cover import existence_lines

    yangzhou = next(p for p in CATALOGUE.funding if p.id == "yz-compute-voucher-2024")
    nanning = next(p for p in CATALOGUE.funding if p.id == "nn-compute-voucher-2025")
    today = date(2026, 11, 23)
    assert existence_lines("扬州有算力券吗", [yangzhou], today, "zh")[0].startswith(
        "有：扬州市人工智能算力券"
    )
    assert existence_lines("Is there a compute voucher in Yangzhou?", [yangzhou], today, "en")[0].startswith(
        "Yes: "
    )
    ended = existence_lines("南宁还有算力券吗？", [nanning], today, "zh")[0]
    assert ended.startswith("有过：") and "2025-12-31" in ended
    # Not an existence question: a cap, an amount.
    assert existence_lines("扬州的算力券有上限吗", [yangzhou], today, "zh") == []
    assert existence_lines("扬州算力券能补多少", [yangzhou], today, "zh") == []


def test_owner_asking_if_the_city_has_a_voucher_hears_yes_first(advisor):
    first = _ask(advisor, "扬州有算力券吗")["answer"].splitlines()[0]
    assert first.startswith("有：扬州市人工智能算力券"), first


def test_can_we_use_it_and_is_it_still_open_are_not_questions_of_cover():
    """ "深圳训力券能用吗？模型券呢？" asks whether the client can use the programs (the verdicts answer it), and
    "还能报吗" whether the round is open (the date notes answer it): neither may open with "资料没有写明…" lines
    (review17 s7c / s1c on the end code). A thing asked of, even one the sources don't name, still gets its line."""
    programs = {p.id: p for p in CATALOGUE.funding}
    training = programs["sz-training-voucher-2024"]
    assert (
        cover_lines("深圳训力券能用吗？模型券呢？", [training, programs["sz-model-voucher-2024"]], "zh") == []
    )
    assert cover_lines("那深圳的训力券现在还能报吗？", [training], "zh") == []
    assert cover_lines("训力券能用在房租上吗？", [training], "zh")[0].startswith("资料没有写明")
    assert cover_lines("训力券推理也能用吗？", [training], "zh")[0].startswith("不包括")
    assert cover_lines("租GPU的钱训力券能报吗？", [training], "zh")[0].startswith("包括")
