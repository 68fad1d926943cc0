"""review16 r16-02/r16-22: a post-award voucher ending soon is no call to sign a contract for it, and a provider the
client calls local settles a rule to buy in their province.

"准备租GPU训自己的检测模型，合同金额120万，训力券怎么算？" got "⏰ …还剩17天，请在此之前完成申报" for a voucher paid after
the training is done and reviewed: a contract not yet signed will very likely miss this round. "准备在本地智算中心租算力"
from a 青岛 firm was still asked to buy compute in Shandong.
"""

from __future__ import annotations

from datetime import date

from app.advisor.engine.conditions import Status
from app.advisor.engine.notices import deadline_notes
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from tests.helpers import judged

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 30)


def test_a_post_award_voucher_ending_soon_warns_a_contract_not_yet_signed() -> None:
    shenzhen = CompanyProfile(province="广东", city="深圳", district="南山区", industry="I", employees=28)
    message = "深圳南山，28人，做工业视觉算法的。准备租GPU训自己的检测模型，合同金额120万，训力券怎么算？"
    voucher = judged(CATALOGUE, "sz-training-voucher-2024", shenzhen, message, TODAY)
    zh = " ".join(deadline_notes([voucher], TODAY, message, "zh"))
    assert "还剩" in zh and "大概率赶不上这一轮" in zh and "续期" in zh
    en = " ".join(deadline_notes([voucher], TODAY, message, "en"))
    assert "very likely miss this round" in en and "renewed" in en


def test_a_local_computing_centre_is_compute_bought_where_the_client_is() -> None:
    qingdao = CompanyProfile(province="山东", city="青岛", industry="I", employees=40)
    message = "我们在青岛，准备在本地智算中心租算力，合同200万，山东算力券和青岛的企业算力补贴能叠加吗"
    voucher = judged(CATALOGUE, "sd-compute-voucher-2025", qingdao, message, TODAY)
    place = [c for c in voucher.conditions if "山东省内" in c.reason.zh]
    assert place and all(c.status is Status.met for c in place)
    elsewhere = CompanyProfile(province="江苏", city="南京", industry="I", employees=40)
    outside = judged(CATALOGUE, "sd-compute-voucher-2025", elsewhere, message.replace("青岛", "南京"), TODAY)
    assert not any(c.status is Status.met for c in outside.conditions if "山东省内" in c.reason.zh)


def test_a_design_studio_wanting_an_llm_application_is_a_user_not_a_model_maker() -> None:
    """review16 r16-36: 海珠's award is for 大模型企业 ("使用大模型的一般企业不在其内"); a clothing-design firm (section M,
    like the research firms that may build models) wanting an LLM application project uses models: ruled out."""
    haizhu = CompanyProfile(province="广东", city="广州", district="海珠区", industry="M", employees=30)
    design = "我們是廣州海珠區的一家服裝設計公司，30人，想做大模型應用項目，海珠區的示範項目獎勵有多少？"
    award = judged(CATALOGUE, "gz-haizhu-ai-demo-award-2024", haizhu, design, TODAY)
    assert award.verdict.value == "ineligible"
    assert any(c.name == "developer" and "设计公司" in c.reason.zh for c in award.conditions)
    maker = judged(
        CATALOGUE, "gz-haizhu-ai-demo-award-2024", haizhu, "我们是海珠区一家做大模型的科技公司", TODAY
    )
    assert maker.verdict.value != "ineligible"
