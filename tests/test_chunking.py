from app.text.chunking import chunk_text, split_sentences
from app.text.tokens import count_tokens

DOC = """政策解读
一、支持对象
在本市注册的中小企业。具备独立法人资格。
二、支持标准
按合同金额的30%给予补贴，最高200万元。同一合同只能申领一次。
"""


def test_sentences_split_on_chinese_terminators_and_keep_closing_quotes():
    assert split_sentences("他说：“好。”然后离开！还有吗？") == ["他说：“好。”", "然后离开！", "还有吗？"]


def test_a_chunk_never_spans_two_sections():
    chunks = chunk_text(DOC, max_tokens=200, min_tokens=0)
    assert [c.heading for c in chunks] == ["一、支持对象", "二、支持标准"]
    assert "30%" in chunks[1].body
    assert "注册" not in chunks[1].body


def test_chunks_respect_the_token_budget_even_for_run_on_sentences():
    run_on = "，".join(["企业可以申请算力券用于模型训练"] * 80) + "。"
    chunks = chunk_text(run_on, max_tokens=60, min_tokens=0)
    assert len(chunks) > 3
    assert all(count_tokens(c.body) <= 60 for c in chunks)
    assert "".join(c.body for c in chunks).replace("\n", "") == run_on


def test_chunking_is_deterministic():
    assert chunk_text(DOC, max_tokens=50, min_tokens=10) == chunk_text(DOC, max_tokens=50, min_tokens=10)


def test_a_dateline_before_the_first_section_opens_it_instead_of_standing_alone():
    article = (
        "推进五链融合\n"
        "发布时间:2024年04月22日       来源:湖南日报      阅读:185次\n"
        "核心提示\n"
        "人工智能是新质生产力的重要驱动力和新引擎。当前我国急需推进五链融合，更好赋能新质生产力发展。\n"
    )
    chunks = chunk_text(article, max_tokens=200, min_tokens=30)
    assert len(chunks) == 1  # a question naming the newspaper gets the passage, not a bare byline
    assert chunks[0].heading == "核心提示"
    assert chunks[0].body.index("湖南日报") < chunks[0].body.index("新质生产力")
    # Sections after the first keep their own chunks, however short.
    assert [c.heading for c in chunk_text(DOC, max_tokens=200, min_tokens=30)][-1] == "二、支持标准"
