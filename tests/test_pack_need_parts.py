"""Every part of a stated need gets its tool or a plain "no catalogued tool for X" (issues #11, #12; s20 brief).

What an owner notices: a conjunct of the need is never dropped ("想上MES和排产优化" keeps the MES part as a sentence, "order
forecasting and production scheduling" gets both tools); a bare conjunct shares the words before it ("会员营销和推送" is
answered by the member-marketing tool, not said unanswered); a need whose named tool is for other trades gets the tool
of its job that fits ("写文书" for a law firm, WhatsApp replies for a Hong Kong carrier); the shop's own coupons are no
program "not in my sources"; what the client makes, and what it bought last year, are no parts of the need.
"""

from __future__ import annotations

import pytest

from app.advisor.engine.need_items import need_items, says_what_it_makes
from app.advisor.engine.voucher_mentions import unknown_vouchers
from app.advisor.service import AdvisorService
from app.advisor.understand.gazetteer import regions
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")


def _always(_: str) -> bool:
    return True


def test_an_english_and_between_two_jobs_parts_them_but_not_inside_one_object() -> None:
    jobs = {"order forecasting", "production scheduling", "quality inspection"}

    def names_job(text: str) -> bool:
        return any(job in text for job in jobs)

    two = need_items("want ai for order forecasting and production scheduling", _always, names_job)
    assert two == ["want ai for order forecasting", "production scheduling"]
    # one object of two channels, or a side naming no job: one need
    one = need_items("we want to post on our wechat and xiaohongshu accounts", _always, names_job)
    assert one == ["we want to post on our wechat and xiaohongshu accounts"]


def test_a_bare_conjunct_shares_the_words_before_the_head_of_the_one_before_it() -> None:
    assert need_items("想做会员营销和推送", _always) == ["想做会员营销", "想做会员推送"]
    # a conjunct with words of its own stays as said
    assert need_items("想上mes和排产优化", _always) == ["想上mes", "排产优化"]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("想用ai接外卖电话，不想花太多钱", ["想用ai接外卖电话"]),
        ("想用ai做排班，越便宜越好", ["想用ai做排班"]),
        (
            "we'd like ai to answer wechat questions, but we don't want to spend much",
            ["we'd like ai to answer wechat questions"],
        ),
        # a need declined is none, a wish beside the negation still one
        ("想用ai预测每个店该进多少货，别的暂时不需要", ["想用ai预测每个店该进多少货"]),
        ("希望质检不需要人工盯着", ["希望质检不需要人工盯着"]),
        # money said with a job is the job's complaint, a need
        ("设备太贵修不起", ["设备太贵修不起"]),
    ],
)
def test_a_remark_about_money_or_a_declined_need_is_no_part_of_the_need(text: str, items: list[str]) -> None:
    assert need_items(text, _always) == items


@pytest.mark.parametrize(
    ("clause", "makes"),
    [
        ("一家做智能客服的科技公司", True),
        ("我们是开发质检软件的团队", True),
        ("一家做餐饮的想用ai接电话", False),  # a wish in the same clause is a need
        ("想做智能客服", False),
    ],
)
def test_what_the_business_makes_is_no_need(clause: str, makes: bool) -> None:
    assert says_what_it_makes(clause) is makes


def test_coupons_the_shop_hands_out_are_no_program_claimed_but_unknown_vouchers_still_are() -> None:
    places = regions(PROJECT_ROOT / "knowledge")
    assert unknown_vouchers("想用AI做会员营销、自动发优惠券", CATALOGUE, places) == []
    assert unknown_vouchers("台北一家服飾店，想要用AI做會員行銷、自動發優惠券", CATALOGUE, places) == []
    assert unknown_vouchers("重庆算力券能申请吗", CATALOGUE, places) == ["重庆算力券"]


@pytest.mark.parametrize(
    ("message", "wanted"),
    [
        # every conjunct, in English too
        (
            "We are a 60-person furniture factory in Dongguan and want AI for energy monitoring and production "
            "scheduling",
            [{"factory-aps-scheduling"}, {"energy-monitoring-peak-shaving"}],
        ),
        # a named tool for other clients: the one of its job that fits (a shop platform's bot for a carrier)
        (
            "香港一間物流公司，20個人，想用AI幫手排車同埋自動覆客WhatsApp",
            [{"delivery-route-optimization"}, {"chat-customer-reply-bot", "ai-phone-booking-reception"}],
        ),
        # the estate agents' listing writer and the law firms' drafting agent tie: the client's trade settles it
        ("我们是一家律所，20人，想用AI写文书", [{"legal-document-drafting-agent"}]),
    ],
)
def test_each_part_of_the_need_gets_a_tool_that_fits_the_client(
    advisor: AdvisorService, message: str, wanted: list[set[str]]
) -> None:
    ids = {s.id for s in advisor.ask(message).solutions}
    for tools in wanted:
        assert ids & tools, (tools, sorted(ids))


def test_a_part_the_catalogue_lacks_is_said_beside_the_others_tool(advisor: AdvisorService) -> None:
    response = advisor.ask("苏州一家机械厂，120人，想上MES和排产优化")
    assert [s.id for s in response.solutions] == ["factory-aps-scheduling"]
    assert "目录中没有针对“mes”的方案" in response.answer
    # a conjunct whose tools are for other trades (a shop's forecast for a factory) is said, not dropped
    english = advisor.ask(
        "We are a 60-person furniture factory in Dongguan and want AI for order forecasting and production scheduling"
    )
    assert "factory-aps-scheduling" in {s.id for s in english.solutions}
    assert "order forecasting" in english.answer


def test_a_bare_conjunct_is_answered_by_its_siblings_tool_not_said_unanswered(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask("杭州一家服装店，10个人，想做会员营销和推送")
    assert [s.id for s in response.solutions] == ["wechat-private-domain-assistant"]
    assert "没有针对" not in response.answer


def test_handing_out_coupons_is_part_of_the_need_not_a_program_not_in_the_sources(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask("厦门一家奶茶店，6个人，想用AI做会员营销、自动发优惠券")
    assert "wechat-private-domain-assistant" in {s.id for s in response.solutions}
    assert "不在我的资料" not in response.answer


def test_what_the_client_makes_and_bought_before_are_no_pack_lines(advisor: AdvisorService) -> None:
    # a customer-service software firm with its own model-API contract: the contract is the pack, at its figure
    api = advisor.ask(
        "上海一家做智能客服的科技公司，30人，已经和大模型厂商签了50万的模型API合同，能申请什么补贴"
    )
    assert [s.id for s in api.solutions] == ["llm-api-access"]
    assert api.solutions[0].first_year_cost_cny.min == api.solutions[0].first_year_cost_cny.max == 500_000
    # an appliance bought last year is a past purchase, not a line to buy again
    later = advisor.ask("我们去年买了一台大模型一体机花了60万，今年想用AI做客服，东莞的公司，50人，有补贴吗")
    ids = [s.id for s in later.solutions]
    assert "private-llm-appliance" not in ids and ids, ids


def test_compute_paid_last_year_is_no_pack_line_and_a_money_remark_no_unanswered_need(
    advisor: AdvisorService,
) -> None:
    paid = advisor.ask(
        "成都一家软件公司，20人，去年在智算中心租GPU花了30万，今年想在官网上做个AI客服自动回复"
    )
    assert "gpu-rental-finetuning" not in {s.id for s in paid.solutions}
    remark = advisor.ask("我们是长沙一家小面馆，5个人，想用AI接外卖电话，不想花太多钱")
    assert "ai-phone-booking-reception" in {s.id for s in remark.solutions}
    assert "不想花太多钱" not in remark.answer


def test_two_job_nouns_said_back_to_back_after_ai_are_two_needs_in_the_order_said() -> None:
    jobs = {"产品图": "image", "短视频": "video", "排班": "shifts", "点餐": "ordering"}

    def named_in(text: str) -> frozenset[str]:
        return frozenset(tool for word, tool in jobs.items() if word in text)

    assert need_items("ai产品图短视频", _always, None, named_in) == ["ai产品图", "ai短视频"]
    assert need_items("ai短视频产品图", _always, None, named_in) == ["ai短视频", "ai产品图"]
    assert need_items("ai点餐排班", _always, None, named_in) == ["ai点餐", "ai排班"]
    # one job, or nouns whose first names no tool of its own: one need
    assert need_items("ai产品短视频", _always, None, named_in) == ["ai产品短视频"]
    assert need_items("ai客服", _always, None, named_in) == ["ai客服"]


@pytest.mark.parametrize(
    ("text", "lead", "second"),
    [
        (
            "佛山家具厂，150人，营收9000万，AI产品图短视频，预算5万元",
            "product-image-copy-gen",
            "short-video-script-gen",
        ),
        ("义乌饰品网店，10个人，AI短视频产品图，预算1万", "short-video-script-gen", "product-image-copy-gen"),
        (
            "成都火锅店，40人，AI排班点餐，预算2万",
            "store-shift-scheduling",
            "restaurant-ordering-menu-analytics",
        ),
    ],
)
def test_two_jobs_after_ai_lead_with_the_first_said_and_keep_the_second(
    advisor: AdvisorService, text: str, lead: str, second: str
) -> None:
    ids = [s.id for s in advisor.ask(text).solutions]
    assert ids[0] == lead and second in ids


def test_repair_know_how_said_again_as_a_q_and_a_wish_is_one_need_for_the_repair_tool(
    advisor: AdvisorService,
) -> None:
    said_again = advisor.ask(
        "我们是沈阳做机床的工厂，120个工人，设备维修全靠几个老师傅，想把经验沉淀成问答，预算八万"
    )
    assert [s.id for s in said_again.solutions] == ["equipment-repair-knowledge-assistant"]
    # a knowledge base of another object is a need of its own
    two = advisor.ask("常州的注塑厂，90人，设备维修全靠两个老师傅，另外想把公司制度做成问答给新员工查")
    ids = [s.id for s in two.solutions]
    assert ids[0] == "equipment-repair-knowledge-assistant" and "internal-kb-qa-assistant" in ids


def test_a_kindergarten_is_offered_no_homework_tool_but_a_tutoring_school_is(advisor: AdvisorService) -> None:
    kindergarten = advisor.ask("苏州一家幼儿园，30个老师，想用AI给家长写每周成长报告")
    assert "homework-grading-assistant" not in [s.id for s in kindergarten.solutions]
    tutoring = advisor.ask("广州一家初中数学辅导机构，20个老师，作业批改太费时间，还想给家长发学情报告")
    assert tutoring.solutions[0].id == "homework-grading-assistant"
