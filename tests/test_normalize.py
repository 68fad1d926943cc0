from app.text.normalize import clean_text, compact, detect_language, normalize


def test_pinyin_debris_from_big5_round_trip_is_removed():
    assert clean_text("人工智能產業(yè)變革,發(fā)展新質生產力") == "人工智能產業變革,發展新質生產力"


def test_html_leftovers_are_removed_but_latin_parentheses_survive():
    assert clean_text("具有重要意義?!?/p>\n下一段(AI)") == "具有重要意義\n下一段(AI)"


def test_traditional_and_taiwan_phrasing_become_mainland_simplified():
    assert normalize("北京釋出行動計劃，資訊化局") == "北京发布行动计划,信息化局"
    # Machine-converted reprints write 套用 for 应用, 叠代 for 迭代; OpenCC's regional tables give the rest.
    assert normalize("行業套用深度融合、叠代發展") == "行业应用深度融合、迭代发展"
    assert normalize("透過演算法和軟體，隨著數位化") == "通过算法和软件,随着数字化"
    assert normalize("衞生") == "卫生"  # a Hong Kong character variant


def test_a_simplified_question_meets_a_taiwan_passage_in_one_form():
    """A reader who copies the reprint's 叠代 into a simplified question (or a fact) matches the passage."""
    assert compact("突出快速叠代") in compact("突出快速疊代")
    assert normalize("软体和套用") == normalize("軟體和套用")


def test_full_width_forms_are_folded():
    assert normalize("ＡＩ赋能包，预算３万") == "ai赋能包,预算3万"


def test_compact_ignores_line_breaks_for_fact_checks():
    assert "低成本轻量化" in compact("低成本、\n輕量化".replace("、", ""))


def test_language_detection_treats_mixed_chinese_as_chinese():
    assert detect_language("AI赋能包是什么？") == "zh"
    assert detect_language("What is the Shanghai model voucher cap?") == "en"
    assert detect_language("") == "zh"


def test_ordinary_mainland_words_are_never_rewritten():
    # Whole, OpenCC's tw2sp turns 整合 into 集成, 核心 into 内核, 序列 into 串行 and tw2s 怎么 into 怎幺:
    # words both sides use stay as they are, in either script.
    text = "怎么样整合资源、建立核心能力、时间序列、互动、资料"
    assert normalize(text) == text
    assert normalize("怎麼樣整合資源、建立核心能力、時間序列、互動、資料") == text
