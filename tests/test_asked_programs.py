"""The program a client asks about, or the one meant for their purchase, is judged on what they buy (issue #11).

review14: a 桐乡 firm wanting an open-source model heard the open-source award ❌ "您的方案里没有这类采购" because our
pack was a model API (r14-05); a 南京 client with a 100万 compute contract heard only the model R&D award whose
title was in the message (r14-12); a developer's pack answer led with Shandong's compute voucher "apply before
then" though it named no compute (r14-55).
"""

from __future__ import annotations

from datetime import date

from app.advisor.engine.eligibility import Verdict, assess
from app.advisor.engine.notices import deadline_notes, named_until
from app.advisor.engine.program_companions import paying_stated_purchases
from app.advisor.engine.purchases import plan
from app.advisor.funding_judge import FundingJudge
from app.advisor.understand.gazetteer import Place
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from tests.helpers import named_purchases

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 30)
JUDGE = FundingJudge(CATALOGUE, lambda: TODAY)
TONGXIANG = CompanyProfile(province="浙江", city="嘉兴", district="桐乡市", industry="C", employees=80)
API_PACK = plan([s for s in CATALOGUE.solutions if s.id == "llm-api-access"], [])


def _shown(question: str, profile: CompanyProfile = TONGXIANG, purchases=API_PACK) -> dict[str, Verdict]:
    places = [Place(profile.province or "", profile.city)]
    shown = JUDGE.shown(profile, purchases, question.lower(), None, places, question.lower())
    return {a.program.id: a.verdict for a in shown}


def test_a_program_asked_about_is_not_ruled_out_by_a_pack_the_client_never_chose():
    assert API_PACK and all(p.kind.value == "model_service" for p in API_PACK)
    asked = "桐乡一家毛衫企业，想用开源大模型做款式设计辅助，听说桐乡有开源AI应用项目奖励，能拿多少？"
    assert _shown(asked)["tongxiang-open-source-ai-award-2025"] is Verdict.unknown


def test_a_program_the_clients_words_do_not_call_for_keeps_its_no():
    # They say what they buy (GPU rental): the open-source award pays for software and equipment only.
    said = "桐乡一家毛衫企业，租GPU跑开源模型，合同10万，桐乡的开源AI应用奖励能拿吗"
    bought = named_purchases(said)
    verdicts = _shown(said, purchases=plan([], bought))
    assert verdicts["tongxiang-open-source-ai-award-2025"] is Verdict.ineligible
    tianjin = CompanyProfile(province="天津", city="天津", industry="G", employees=60)
    dispatch = (
        "天津的物流公司，想用AI做车辆调度，天津算力券来得及吗"  # review4 c16: no compute in their words
    )
    assert _shown(dispatch, tianjin)["tj-compute-voucher-2025"] is Verdict.ineligible


def test_the_program_for_a_purchase_the_client_states_is_judged_beside_the_one_named():
    nanjing = CompanyProfile(province="江苏", city="南京", industry="I", employees=60)
    said = "要研发电力行业专用大模型，另外租算力合同100万，南京有哪些补助"
    bought = named_purchases(said)
    judged = [assess(p, nanjing, TODAY, bought, said) for p in CATALOGUE.funding]
    named = [a for a in judged if a.program.id == "nj-industry-model-award-2024"]
    extra = paying_stated_purchases(judged, named, bought)
    assert [a.program.id for a in extra] == ["nj-compute-voucher-2024"]
    assert extra[0].verdict is not Verdict.ineligible
    assert (
        paying_stated_purchases(judged, named, []) == []
    )  # nothing stated: the answer stays on the named one


def test_a_deadline_is_no_call_to_apply_for_a_program_paying_for_nothing_named():
    qingdao = CompanyProfile(province="山东", city="青岛", industry="I", employees=9)
    said = "我们自己训练港口物流大模型"
    shandong = assess(CATALOGUE.program("sd-compute-voucher-2025"), qingdao, TODAY, None, said)
    assert shandong.verdict is Verdict.unknown
    assert deadline_notes([shandong], TODAY, "青岛模型券能拿吗", "zh") == []
    renting = "我们自己训练港口物流大模型，在济南的智算中心租算力，一年30万"
    rented = assess(
        CATALOGUE.program("sd-compute-voucher-2025"), qingdao, TODAY, named_purchases(renting), renting
    )
    assert "请在此之前完成申报" in " ".join(deadline_notes([rented], TODAY, "山东有什么补贴", "zh"))


def test_a_named_program_ruled_out_says_until_when_it_runs():
    tianjin = CompanyProfile(province="天津", city="天津", industry="G", employees=50)
    said = "买了一套AI排线调度系统，年费8万，天津算力券能用吗"
    voucher = assess(
        CATALOGUE.program("tj-compute-voucher-2025"), tianjin, TODAY, named_purchases(said), said
    )
    assert voucher.verdict is Verdict.ineligible and named_until(voucher) is None  # not asked about yet
    voucher.asked = True
    until = named_until(voucher)
    assert until is not None and "2026-12-31" in until.zh and "2026-12-31" in until.en


def test_a_need_none_of_a_closed_lists_kinds_is_ruled_out_before_size():
    """review15 r15-34: "想用AI做会员行销" is none of the 7 kinds Taiwan's store subsidy pays for; it was ❔ on size."""
    taipei = CompanyProfile(province="台湾", city="台北", industry="F")
    store = CATALOGUE.program("tw-retail-store-dx-subsidy")
    said = "台北的服饰店，想用ai做会员行销，台湾的中小型店家数位转型补助可以补吗"
    marketing = assess(store, taipei, TODAY, None, said)
    assert marketing.verdict is Verdict.ineligible
    reason = marketing.reasons[0].zh
    assert "云端POS" in reason and "会员" in reason and "AI" in reason
    ordering = assess(store, taipei, TODAY, None, "台北一家面店，想用ai做线上点餐，店家数位转型补助可以补吗")
    assert ordering.verdict is not Verdict.ineligible  # online ordering is one of the kinds


def test_a_purchase_place_a_program_sets_no_rule_on_is_said_to_be_for_the_issuer():
    """review15 r15-54: a Tianjin firm buying compute in Inner Mongolia asked whether it qualifies: the voucher's
    text sets no rule on where compute is bought, so the line says so instead of asking only for the amount."""
    from app.advisor.understand.stated_purchase import StatedPurchase
    from app.catalogue.taxonomy import SpendKind

    bought = StatedPurchase(kind=SpendKind.compute, amount_cny=None, said="在内蒙古租算力", where="内蒙古")
    tianjin = CompanyProfile(province="天津", city="天津", purchases=[bought])
    voucher = assess(CATALOGUE.program("tj-compute-voucher-2025"), tianjin, TODAY, None, "在内蒙古租算力")
    placed = [c for c in voucher.conditions if c.name == "venue"]
    assert placed and "发文单位确认" in placed[0].reason.zh and "内蒙古" in placed[0].reason.zh
    at_home = CompanyProfile(
        province="天津", city="天津", purchases=[bought.model_copy(update={"where": "天津"})]
    )
    voucher = assess(CATALOGUE.program("tj-compute-voucher-2025"), at_home, TODAY, None, "在天津租算力")
    assert not [c for c in voucher.conditions if c.name == "venue"]
