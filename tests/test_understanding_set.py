"""The understanding eval set (issue #12) keeps its promised shape: size, languages, a blind quarter."""

from __future__ import annotations

from app.evaluation.understanding_metrics import load_dialogues, load_messages, load_paraphrases


def test_message_and_dialogue_counts_and_blind_share() -> None:
    messages, dialogues = load_messages(), load_dialogues()
    assert len(messages) >= 200 and len(dialogues) >= 40
    for cases in (messages, dialogues):
        blind = sum(c.split == "blind" for c in cases)
        assert blind / len(cases) >= 0.25
        assert {c.lang for c in cases} == {"zh-Hans", "zh-Hant", "en"}
    assert len({c.id for c in messages}) == len(messages)


def test_paraphrase_set_is_twenty_needs_of_five_phrasings() -> None:
    needs = load_paraphrases()
    assert len(needs) == 20 and all(len(phrasings) == 5 for _, phrasings in needs)
