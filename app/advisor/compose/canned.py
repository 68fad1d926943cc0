"""Fixed replies: greetings, polite refusals and clarifying questions."""

from __future__ import annotations

from app.advisor.compose.wording import pick
from app.advisor.contract import Lang

_CAPABILITIES_ZH = (
    "我可以：根据您的行业、城市、规模和预算推荐2—4个低成本AI方案；判断您能申请哪些算力券、模型券等补贴及原因；"
    "估算补贴后的净成本；说明申请步骤；并给出每条结论的出处。"
)
_CAPABILITIES_EN = (
    "I can recommend 2–4 low-cost AI solutions for your industry, city, size and budget; check which compute, "
    "model or data vouchers and SME subsidies you qualify for and why; estimate the net cost after subsidies; "
    "explain how to apply; and cite the source of every claim."
)

QUESTIONS = {
    "industry": (
        "您是做什么行业的？（例如餐饮、制造、物流、电商、培训）",
        "What does your business do (e.g. restaurant, factory, logistics, e-commerce, training)?",
    ),
    "region": (
        "公司注册在哪个城市？（补贴大多按注册地发放）",
        "Which city is the company registered in? (most subsidies depend on it)",
    ),
    "size": (
        "大概有多少员工、年营收多少？（用于判断是否属于中小企业）",
        "Roughly how many employees and what annual revenue? (decides SME status)",
    ),
    # Half the size known (engine/asked_facts.py): only the other half is asked.
    "revenue": (
        "去年营收大概多少？（员工数您已说过，按工信部标准还需要营收才能判断是否属于中小企业）",
        "Roughly what was last year's revenue? (with your headcount it decides SME status)",
    ),
    "employees": (
        "大概有多少员工？（营收您已说过，按工信部标准还需要员工数才能判断是否属于中小企业）",
        "Roughly how many employees? (with your revenue it decides SME status)",
    ),
}


def smalltalk(language: Lang) -> str:
    if language == "en":
        return f"Hello! I'm the AI enablement pack advisor. {_CAPABILITIES_EN} Tell me about your business to start."
    return f"您好！我是AI赋能包顾问。{_CAPABILITIES_ZH}请先简单介绍一下您的企业。"


def out_of_scope(language: Lang) -> str:
    if language == "en":
        return (
            "Sorry, that is outside what I can help with: I only advise small businesses on AI solutions and the "
            f"public funding for them. {_CAPABILITIES_EN}"
        )
    return f"抱歉，这个问题超出了我的服务范围：我只为中小企业提供AI方案和相关扶持政策方面的建议。{_CAPABILITIES_ZH}"


def aside_declined(topic: str, language: Lang) -> str:
    """One line for an out-of-scope question asked beside a business one; the business part is answered."""
    if language == "en":
        return f'(Your question about "{topic}" is outside what I can help with, so I have left it out.)'
    return f"（关于“{topic}”的问题不在我的服务范围内，这里不作回答；下面回答AI方案和补贴部分。）"


def clarify(missing: list[str], language: Lang) -> tuple[str, list[str]]:
    head = (
        "为了推荐合适的方案并判断能申请哪些补贴，还需要了解：",
        "To recommend a pack that fits (and check subsidies), I need a bit more:",
    )
    return _ask_for(missing, head, language)


def pack_questions(missing: list[str], language: Lang) -> tuple[str, list[str]]:
    """Asked under a pack: the facts the funding verdicts still need."""
    return _ask_for(
        missing,
        ("为了判断能申请哪些补贴，请再告诉我：", "To check which subsidies you can get, tell me:"),
        language,
    )


ASKED_AT_ONCE = 2  # questions asked in one answer; the rest wait for the next


def _ask_for(missing: list[str], head: tuple[str, str], language: Lang) -> tuple[str, list[str]]:
    """The heading and a list of the first two missing facts' questions; returns (text, questions)."""
    questions = [pick(QUESTIONS[m], language) for m in missing[:ASKED_AT_ONCE]]
    return "\n".join([pick(head, language), *[f"- {q}" for q in questions]]), questions


def ask_what_is_needed(language: Lang) -> tuple[str, list[str]]:
    """Nothing stated yet ("AI方面有什么扶持？"): ask instead of listing programs from every province."""
    if language == "en":
        questions = [
            "Which city is your company registered in, and what does it do?",
            "What would you like AI to help with (a problem, a task), or which subsidy are you asking about?",
        ]
        head = "Support depends on where your company is registered and what it does, so I'd rather ask than list every province's programs:"
    else:
        questions = ["公司注册在哪个城市？是做什么行业的？", "想用AI解决什么问题，或者想了解哪一项补贴？"]
        head = "扶持政策主要看注册地和行业，我先问清楚，而不是把各省的项目都列一遍："
    return "\n".join([head, *[f"- {q}" for q in questions]]), questions


def outside_coverage(
    place: str, language: Lang, solutions: bool = True, budget_other: str | None = None
) -> str:
    """The place note for a company registered abroad. "The solutions below" only over solutions (review7
    rev7-43 promised them over none); without a pack, a budget in another currency is acknowledged as stated
    (the pack's budget line does it otherwise) and the way to a verdict is named: registering in a city."""
    en = language == "en"
    if en:
        text = (
            f"{place} is outside the programs' coverage: the funding in the catalogue is for companies registered "
            "in mainland China, Hong Kong or Taiwan, so none of it applies there."
        )
        text += " The solutions below do not depend on the place." if solutions else ""
    else:
        text = (
            f"{place}不在这些补贴项目的覆盖范围内：目录中的补贴只面向在中国境内（含港澳台项目）注册的企业。"
        )
        text += "下面的方案本身不受地点限制。" if solutions else ""
    if solutions:
        # the way to a verdict is named over a pack too: a founder abroad registers a company first (s21 c21-16)
        return text + (
            " Once a company is registered in a Chinese city, that city's programs can be judged for it."
            if en
            else "在国内城市注册公司后，才可按注册地申请当地补贴；告诉我注册城市即可判断。"
        )
    if budget_other:
        text += (
            f" Your budget of {budget_other} is kept as stated (I hold no exchange rate)."
            if en
            else f"您的预算{budget_other}按原币种记下（我的资料中没有汇率）。"
        )
    return text + (
        " Once a company is registered in a Chinese city, tell me the city and what you want AI to do, and I will "
        "judge that city's programs and suggest a pack."
        if en
        else "在国内城市注册公司后，告诉我城市和想用AI解决的问题，我再按当地项目判断并推荐方案。"
    )


def injection_notice(language: Lang) -> str:
    if language == "en":
        return "I can't change my instructions or reveal internal configuration, but I'm happy to help with AI solutions and subsidies."
    return "我不能修改自己的工作规则或透露内部配置，但很乐意帮您解答AI方案和补贴政策方面的问题。"


# What `unknown_programs` says about a name; the guard strips that sentence before it looks for
# invented programs, so the words live here once.
NOT_IN_SOURCES = ("不在我的资料中", "is not in my sources")


def unknown_programs(
    names: list[str], language: Lang, nearest: tuple[str, str] | None = None, more: bool = True
) -> str:
    """A program the client names that the sources do not hold (advice_rules.md §7): say so, plainly.

    `nearest`: the (zh, en) name of the national channel the sources do hold, for a claim about a national
    program (r8-41: "a national AI voucher for small companies"), with how it really reaches a firm.
    `more`: something from the sources follows, which "以下只列资料中有依据的信息" announces; with nothing after
    it, the line dangled (r15-11, r16-10).
    """
    joined = "、".join(f"“{n}”" for n in names)
    if language == "en":
        text = (
            f"{joined} {NOT_IN_SOURCES[1]}, so I cannot confirm that it exists or what it pays, and cannot "
            "guarantee any amount from it; don't rely on it until you see the official notice from the issuing "
            "authority."
        )
        if nearest:
            text += (
                f" The national program my sources do hold is the {nearest[1]}: it is no voucher every firm "
                "receives; it pays only through a city selected as a pilot, to firms enrolled there."
            )
        return text + (" Below is only what my sources do hold." if more else "")
    text = (
        f"{joined}{NOT_IN_SOURCES[0]}，无法确认其是否存在及补贴比例，也不能保证任何金额；"
        "在看到主管部门的正式通知前，请不要依赖它。"
    )
    if nearest:
        text += f"我的资料中国家层面的渠道是{nearest[0]}：不是每家企业都能领的券，须所在城市入选试点、企业进入当地改造名单才有。"
    return text + ("以下只列资料中有依据的信息。" if more else "")


def empty_message(language: Lang) -> str:
    return (
        "Please type a question or describe your business."
        if language == "en"
        else "请输入您的问题，或简单介绍一下您的企业。"
    )


def offer_pack(language: Lang) -> str:
    """Under a funding answer that named no need: the pack is offered, not imposed (review14 r14-04/13/55)."""
    if language == "en":
        return (
            "If you tell me what you want AI to do for the business (answer customers, inspect quality, plan stock…), "
            "I can put together a pack of solutions with their costs after subsidies."
        )
    return (
        "如果您说说想用AI解决什么问题（比如客服、质检、备货），我可以配一套AI方案，并算出扣除补贴后的费用。"
    )
