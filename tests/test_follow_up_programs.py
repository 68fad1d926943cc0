"""Later turns answer the question asked: a program named in a follow-up, a hypothetical place, a guarantee.

Through the real `aipack ask --batch --json` entry point over the shared index (date pinned), reading only
what the owner sees: the answer's first lines, the profile shown, the programs listed (review5 s2t3, s3t2,
s3t3, s4t2: follow-ups got another program, a knowledge-base digest, or a hypothetical saved as fact).
"""

from __future__ import annotations

from typing import Any

from app.advisor.engine.program_names import ProgramNames
from app.settings import PROJECT_ROOT
from tests.helpers import conversation_fixture

DIGEST = ("知识库中的资料", "knowledge base says")


converse = conversation_fixture("2026-11-23")


def _head(reply: dict[str, Any], lines: int = 2) -> str:
    return "\n".join(reply["answer"].splitlines()[:lines])


def test_a_follow_up_naming_a_program_from_the_answer_is_answered_about_that_program(converse):
    _, _, follow_up = converse(
        "郑州一家25人的物流公司，想租算力训练调度模型，合同30万",
        "说错了，合同是一年50万",
        "那场景应用创新项目呢？截止到什么时候？",
    )
    head = _head(follow_up, 1)
    # the date question, for that program: its end date, or that its text publishes none
    assert "场景应用创新项目" in head and ("截止" in head or "未写明有效期" in head)
    assert "需遴选" in head and "500万" in head  # how the money comes and the cap
    assert [f["id"] for f in follow_up["funding"]] == ["zhengzhou-ai-scenario-award-2024"]
    assert "郑州市算力券" not in follow_up["answer"]  # not the previous program recomputed
    assert not any(d in follow_up["answer"] for d in DIGEST)


def test_a_program_named_by_part_of_its_name_leads_a_follow_up_instead_of_repeating_the_pack(converse):
    pack, follow_up = converse(
        "武汉光谷一家一人公司（OPC），做AI短视频，每个月算力费用1.5万", "那数据产品使用补助呢？"
    )
    assert follow_up["answer"] != pack["answer"]
    assert follow_up["intent"] == "funding_eligibility"
    assert "数据产品使用补助" in _head(follow_up, 1)
    assert {f["id"] for f in follow_up["funding"]} == {"wh-opc-data-subsidy-2026"}


def test_a_hypothetical_place_is_judged_there_and_the_saved_profile_keeps_the_real_one(converse):
    first, what_if, guarantee = converse(
        "I run a 12-person bubble tea chain in Mong Kok, Hong Kong. Budget HK$80,000. We want AI to forecast "
        "stock ordering.",
        "What if we register a subsidiary in Shenzhen instead?",
        "Can you guarantee we get the TVP money before we start buying?",
    )
    assert what_if["profile"]["city"] == "深圳"
    assert _head(what_if, 1).startswith("For Shenzhen")  # what changes there, first
    assert "still says Hong Kong" in what_if["answer"]
    assert [s["id"] for s in what_if["solutions"]] == [s["id"] for s in first["solutions"]]  # the same pack
    assert not any(d in what_if["answer"] for d in DIGEST)
    # The next turn is about the real company: Hong Kong, and the program it names.
    # Mong Kok lies in the city of Hong Kong (a SAR is its own city); never the supposed Shenzhen.
    assert guarantee["profile"]["province"] == "香港" and guarantee["profile"]["city"] in (None, "香港")
    assert "cannot guarantee" in _head(guarantee, 3)
    assert [f["id"] for f in guarantee["funding"]] == ["hk-tvp"]


def test_a_hypothetical_move_in_chinese_is_undone_when_the_owner_drops_it(converse):
    _, what_if, apply = converse(
        "深圳宝安一家做无人机软件的公司，18个人，要租GPU训练视觉模型，一年大概50万",
        "要是我们把公司迁到东莞呢？",
        "算了不迁了，训力券怎么申请？",
    )
    assert what_if["profile"]["city"] == "东莞" and what_if["intent"] == "recommend_pack"
    assert what_if["answer"].startswith("换成") and "东莞" in _head(what_if, 1)
    assert apply["profile"]["city"] == "深圳" and apply["intent"] == "how_to_apply"
    assert "训力券" in _head(apply, 3)


def test_a_single_question_naming_a_program_by_acronym_or_part_is_about_that_program(converse):
    (tvp,) = converse("Is there a deadline for Hong Kong's TVP?")
    assert tvp["intent"] == "funding_eligibility"
    assert "Technology Voucher" in _head(tvp, 2)
    (data,) = converse("武汉OPC的数据产品使用补助一般能补多少？")
    assert data["intent"] == "funding_eligibility" and "数据产品使用补助" in _head(data, 1)


def test_a_generic_stretch_of_a_name_names_no_other_citys_program():
    from app.catalogue.loader import load_catalogue

    names = ProgramNames(load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue").funding)
    # "人工智能算力券" is in Beijing's and Yangzhou's names: a Hangzhou firm means its own city's voucher.
    named = names.named_in("我们想申请人工智能算力券", "浙江", "杭州")
    assert "hz-compute-voucher-2025" in {p.id for p in named}
    assert all(p.region.city == "杭州" for p in named)
    assert names.named_in("想做数字化转型，有什么补贴", "浙江", "杭州") == []


def test_a_place_stated_in_the_message_is_where_the_company_is_not_a_move(converse):
    """review6 c03, c37: "45万一年" read as "万一" (in case), and "if we use AI" as a hypothetical about the
    place named the sentence before, gave "换成杭州（原为地区未知）…如已迁到杭州" and dropped the district."""
    (hangzhou,) = converse(
        "杭州拱墅一个8人的设计工作室，准备签智算合同45万一年训练自己的风格模型，杭州算力券能拿多少"
    )
    assert hangzhou["profile"]["city"] == "杭州" and hangzhou["profile"]["district"] == "拱墅区"
    assert "原为" not in hangzhou["answer"] and "如已迁到" not in hangzhou["answer"]
    (lhasa,) = converse(
        "We're a 5-person bakery in Lhasa, Tibet. Any subsidies if we use AI for ordering and stock?"
    )
    assert lhasa["profile"]["city"] == "拉萨"
    assert "instead of" not in lhasa["answer"] and "if you have moved" not in lhasa["answer"]


def test_a_program_named_with_another_place_does_not_move_the_client(converse):
    """review6 s3t3: asking about Hong Kong's voucher flipped a Shenzhen client's profile to 香港."""
    _, hong_kong = converse(
        "我哋喺深圳前海，8個人做跨境客服外判，用緊國內備案大模型嘅API，每個月大約2萬人民幣，深圳有冇補貼？",
        "咁香港嗰邊嘅科技券可以一齊申請嗎？",
    )
    assert hong_kong["profile"]["city"] == "深圳" and hong_kong["profile"]["province"] == "广东"
    assert "香港，8" not in hong_kong["answer"]


def test_a_firm_abroad_planning_a_china_office_is_told_it_is_outside_coverage(converse):
    """review7 rev7-43: a Singapore firm planning a Shenzhen office was "registered in Shenzhen, which qualifies"."""
    (abroad,) = converse(
        "Our agency is registered in Kuala Lumpur and we plan to open a Guangzhou office next year. Any AI subsidies?"
    )
    assert abroad["profile"]["province"] is None and abroad["profile"]["city"] is None
    assert not any(f["verdict"] == "eligible" for f in abroad["funding"])
    assert "registered in Guangzhou" not in abroad["answer"]


def test_a_deadline_follow_up_in_cantonese_gets_the_date_the_days_and_no_promised_window(converse):
    """review6 s3t2: "來得切嗎？" repeated the previous answer; it is answered with the end date, the days left
    and that an application round until then is not promised (advice_rules §4)."""
    first, in_time = converse(
        "我哋喺深圳前海，8個人做外貿客服外判，用緊國內備案大模型嘅API，每個月大約2萬人民幣，深圳有冇補貼？",
        "仲嚟唔嚟得切？",
    )
    head = _head(in_time, 3)
    assert in_time["intent"] == "funding_eligibility"
    assert "2026-12-17" in head and "天" in head
    assert "窗口不作保證" in head
    assert in_time["answer"] != first["answer"]


def _listed(reply: dict[str, Any]) -> list[str]:
    return [f["id"] for f in reply["funding"] if f["listed"]]


def test_a_stacking_follow_up_by_short_names_is_about_the_programs_just_shown(converse):
    """review7 rev7-s4-3: "算力券和试点" after an answer showing the 2025 compute voucher and the pilot compared
    the 2023 and 2025 compute vouchers, which share the everyday name."""
    *_, shown, follow_up = converse(
        "成都一家做汽车零部件的厂，200人，营收1.5亿，想上AI视觉质检，预算15万",
        "再租GPU训练检测模型，合同30万",
        "算力券和试点的补助能一起拿吗？",
    )
    pilots = [p for p in _listed(shown) if "pilot" in p]
    assert "cd-compute-voucher-2025" in _listed(shown) and pilots
    # the voucher the contract was judged on and the pilot that answer showed (with the levels paying through
    # it), not the 2023 voucher of the same everyday name
    listed = _listed(follow_up)
    assert "cd-compute-voucher-2025" in listed and pilots[0] in listed
    assert "cd-compute-voucher-2023" not in listed
    head = _head(follow_up, 1)
    assert "算力券" in head and "试点" in head
    assert "2023年算力产业专项政策" not in head


def test_an_ordinal_or_an_edition_names_that_program_of_the_last_answer(converse):
    *_, shown, second, edition = converse(
        "成都一家做汽车零部件的厂，200人，营收1.5亿，想上AI视觉质检，预算15万",
        "再租GPU训练检测模型，合同30万",
        "算力券和试点的补助能一起拿吗？",
        "第二个补贴怎么申请？",
        "2023年那个算力券呢？",
    )
    assert _listed(second) == [_listed(shown)[1]]  # the program listed second in the answer before
    assert _listed(edition) == ["cd-compute-voucher-2023"]  # the edition the owner names, not the one shown


def _conditions(reply: dict[str, Any], program: str) -> dict[str, str]:
    found = next(f for f in reply["funding"] if f["id"] == program)
    return {c["name"]: c["status"] for c in found["conditions"]}


def test_a_what_if_on_the_legal_form_judges_the_program_asked_about_again_and_saves_nothing(converse):
    """review7 rev7-s2-3, p9b: "What if we register as a limited company?" got quotes about bookkeeping firms."""
    _, asked, what_if, again = converse(
        "We're an 8-person architecture practice in Shanghai, set up as a partnership; we want AI to draft "
        "design descriptions, budget 30k RMB",
        "What about the R&D super deduction for us?",
        "What if we register as a limited company?",
        "What about the R&D super deduction for us?",
    )
    deduction = "cn-rd-super-deduction-2023"
    assert _conditions(asked, deduction).get("legal_form") == "unmet"  # a partnership pays no income tax
    assert what_if["intent"] == "funding_eligibility" and deduction in _listed(what_if)
    assert "limited company" in _head(what_if, 1) and "partnership" in _head(what_if, 1)
    assert "legal_form" not in _conditions(what_if, deduction)  # judged as the company supposed
    assert not any(d in what_if["answer"] for d in DIGEST)
    assert _conditions(again, deduction).get("legal_form") == "unmet"  # the supposition was not saved


def test_a_what_if_on_the_size_answers_for_that_size_and_the_next_turn_is_about_the_firm_again(converse):
    pack, what_if, budget = converse(
        "苏州一家做五金冲压的厂，60个人，冲床老出故障，想做设备预警，预算10万",
        "那如果是300人的厂呢？",
        "好，预算改成8万行不行",
    )
    assert what_if["profile"]["employees"] == 300 and what_if["intent"] == "recommend_pack"
    # The direct answer first: nothing changes (review13 r13-57), then what was supposed.
    assert what_if["answer"].removeprefix("没有变化。").startswith("换成300人（原为60人）")
    assert [s["id"] for s in what_if["solutions"]] == [s["id"] for s in pack["solutions"]]
    assert budget["profile"]["employees"] == 60 and budget["profile"]["budget_cny"] == 80_000


def test_a_supposed_signing_date_asks_the_last_question_again_instead_of_quoting_other_texts(converse):
    """review8 r8-C3: "如果12月20號先簽約，仲得唔得？" got tax and pilot quotes instead of the model voucher."""
    _, asked, supposed = converse(
        "我们在深圳宝安，40人的电子厂，想用AI做来料检测，预算8万",
        "那模型券呢？我们会买备案大模型的私有化部署，合同50万",
        "如果下个月20号才签约，还行吗？",
    )
    assert "sz-model-voucher-2024" in _listed(asked)
    assert supposed["intent"] in ("recommend_pack", "funding_eligibility")
    assert "sz-model-voucher-2024" in _listed(supposed)
    assert not any(d in supposed["answer"] for d in DIGEST)


def test_a_question_naming_a_program_keeps_the_trade_the_owner_gave(converse):
    """review8 r8-B3: "那研发费用加计扣除呢？" relabelled a precision-machinery plant as a calculator maker."""
    pack, follow_up = converse(
        "客户在苏州，一家90人的精密机械厂，设备老坏、突然停机，预算10万", "那研发费用加计扣除呢？"
    )
    assert follow_up["profile"]["industry_text"] == pack["profile"]["industry_text"]
    assert follow_up["profile"]["sector"] == pack["profile"]["sector"]


def test_a_supposed_purchase_adds_the_contract_and_a_later_correction_keeps_the_rest(converse):
    """review8 r8-A2/A3: "微调一个客服模型，合同20万" made 30 staff 1; review7 s1-3: a city correction keeps the rest."""
    _, supposed, corrected = converse(
        "我们是杭州一家30人的跨境电商公司，年营收5000万，客服回复慢，预算每月3000",
        "那如果我们自己租算力微调一个客服模型，合同20万呢？",
        "不对，我们公司其实在宁波",
    )
    for reply in (supposed, corrected):
        assert reply["profile"]["employees"] == 30
        assert [p["amount_cny"] for p in reply["profile"]["purchases"]] == [200_000]
    assert corrected["profile"]["city"] == "宁波" and corrected["intent"] == "recommend_pack"


def test_a_supposed_signing_day_after_the_end_date_keeps_the_voucher_listed_with_that_date(converse):
    """review8 r8-C3: in Cantonese, "如果12月20號先簽約呢" dropped the Shenzhen voucher from the list without
    saying the measures end 2026-12-17; asked as one message it was listed with that reason."""
    voucher = "sz-training-voucher-2024"
    shown, supposed = converse(
        "我哋喺深圳寶安做工業相機軟件，20個人，打算租GPU訓練檢測模型，合同大約30萬人民幣",
        "如果我哋12月22號先簽合同呢？",
    )
    (at_once,) = converse(
        "我哋喺深圳寶安做工業相機軟件，20個人，打算租GPU訓練檢測模型，合同大約30萬人民幣。"
        "如果我哋12月22號先簽合同呢？"
    )
    assert _verdicts(shown)[voucher] == "eligible"
    # the same verdict as one message saying it all, listed, and the lead says what the supposition changes
    assert _verdicts(supposed)[voucher] == _verdicts(at_once)[voucher] == "ineligible"
    assert voucher in _listed(supposed)
    head = _head(supposed, 1)
    assert head.startswith("假如") and "12月22" in head and "2026-12-17" in head and "訓力券" in head
    assert supposed["profile"]["city"] == "深圳"  # a supposed day is no profile fact: nothing moved


def test_an_english_supposed_signing_day_says_the_end_date_first(converse):
    _, supposed = converse(
        "We're a 15-person robotics startup in Shenzhen Longgang; we plan to rent GPU compute for about "
        "300k RMB to train a vision model.",
        "What if we only sign the contract on December 21?",
    )
    head = _head(supposed, 1)
    assert head.startswith("If we only sign the contract on December 21") and "2026-12-17" in head
    assert _verdicts(supposed)["sz-training-voucher-2024"] == "ineligible"
    assert "sz-training-voucher-2024" in _listed(supposed)


def _verdicts(reply: dict[str, Any]) -> dict[str, str]:
    return {f["id"]: f["verdict"] for f in reply["funding"]}


def test_a_resent_chat_history_gives_these_programs_the_referent_a_kept_session_has(advisor):
    """A stateless client (the OpenAI-style API, a UI that resends the chat) sends the earlier turns: "这些补贴
    能叠加吗" after them is about the programs that answer listed, as in a kept session."""
    from app.advisor.understand.history import conversation_from_history

    first = (
        "成都一家做汽车零部件的厂，200人，营收1.5亿，想上AI视觉质检，预算15万，再租GPU训练检测模型，合同30万"
    )
    follow_up = "第二个补贴怎么申请？"
    kept = advisor.ask(first, session_id="kept")
    listed = [f.id for f in kept.funding if f.listed]
    assert len(listed) >= 2
    answer_kept = advisor.ask(follow_up, session_id="kept")

    history = [("user", first), ("assistant", kept.answer)]
    conversation = conversation_from_history(
        history, advisor.extractor, advisor.places, advisor.program_names
    )
    assert conversation.shown_programs[:2] == listed[:2]  # read off the answer, in its order
    resent = advisor.ask(follow_up, session_id=advisor.sessions.seed(conversation))
    assert [f.id for f in resent.funding if f.listed] == [f.id for f in answer_kept.funding if f.listed]
    assert (
        next(f.id for f in resent.funding if f.listed) == listed[1]
    )  # the second program that answer listed


def test_a_cantonese_what_about_follow_up_saves_nothing_and_how_to_apply_is_for_the_firm(converse):
    """ "咁廣州呢？" is "那广州呢": the same pack judged in Guangzhou, the firm still in Shenzhen; "點樣申請？" then
    asks how to apply there (it was a policy digest for Guangzhou, the profile silently moved)."""
    pack, what_about, apply = converse(
        "我哋喺深圳福田做會計，8個人，想用AI自動入單，預算兩萬", "咁廣州呢？", "點樣申請？"
    )
    assert what_about["intent"] == "recommend_pack" and what_about["profile"]["city"] == "广州"
    assert [s["id"] for s in what_about["solutions"]] == [s["id"] for s in pack["solutions"]]
    assert "深圳" in _head(what_about, 1) and "廣州" in _head(what_about, 1)
    assert apply["intent"] == "how_to_apply" and apply["profile"]["city"] == "深圳"
    assert apply["profile"]["employees"] == 8 and apply["profile"]["budget_cny"] == 20_000
