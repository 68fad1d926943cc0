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
