"""A large firm asking for SME funds hears that they are not for it before anything else (issue #11, session 20).

With a need in the message the pack's summary line ("目录中暂无可直接申领的…· 1 项须申报入选") came first and the
plain "SME funds are not for you" second (review18): the answer now opens with it, in both languages.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("message", "lead"),
    [
        (
            "我们是3000人的制造集团，年营收30亿，在苏州，想上AI视觉质检，有哪些中小企业补贴能申请？",
            "大型企业",
        ),
        (
            "We're a 4,000-employee logistics group in Shenzhen, revenue about 6 billion yuan. We want AI route "
            "planning. Which SME subsidies can we get?",
            "large enterprise",
        ),
    ],
)
def test_the_large_firm_sentence_opens_a_pack_answer(advisor, message, lead):
    answer = advisor.ask(message)
    first = answer.answer.splitlines()[0]
    assert lead in first
    assert answer.solutions  # the pack is still recommended, after it
