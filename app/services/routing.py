"""Which collection a question is about, and how many of the top-k places that collection is kept.

Catalogue entries share the key terms of most questions ("算力券", "大模型"), so without a
balance a question about what an article or a person said gets four catalogue entries above
the passage that answers it, and the crowding grows with the catalogue. The rule:

- a question about an article or a speaker ("谁建议…", "文章提出…", "according to He Han",
  or naming a speaker or publisher the index holds, or a funding term only the articles use, such as
  their own proposal of an "AI专项资金") lists article passages first;
  a bare "who"/谁 counts only when no program is named ("who can apply for the voucher" asks about the
  program), unless it asks who said or proposed something;
- a question about a program (补贴, 券, 申报, subsidy, voucher…) keeps `PROGRAM_SLOTS` places for
  programs;
- any other question keeps `POLICY_SLOTS` places for the best article passages, so a growing
  catalogue can never push every article out of the top k.

Chunks are grouped by what they are, not by collection (`ChunkTable.group_of`): a program's
official text (`knowledge/policies/<program id>-text.*`) sits in the policies collection but
answers program questions, and must not take an article's place for "what did the article say".

bench/run.py prints fact-in-context per route on both question sets, which is how the rule
and its slot counts are checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Literal

from app.text.funding_words import FUNDING_NOUN, names_funding

Route = Literal["article", "program", "general"]
Group = Literal["articles", "programs", "solutions"]

_ARTICLE = re.compile(
    r"文章|报道|评论|这篇|提案|采访|专访|发布会|讲话|代表委员|政协委员|人大代表"
    r"|\barticle\b|\bcommentary\b|\bnewspaper\b|according to|\binterview\b|\bspeech\b"
    r"|\bproposal\b|\bpress conference\b|\bsaid\b|\bsays\b|\bdescribed?\b",
    re.IGNORECASE,
)
# "Who" asks about a person of an article when it asks who said, proposed or thinks something ("谁建议…",
# "who suggested…"); otherwise a question about a program asks who pays, issues or qualifies ("who covers
# the voucher scheme's costs", "谁可以申报"), and only a question about no program is an article's.
_WHO = re.compile(r"谁|哪位|\bwho\b|\bwhom\b", re.IGNORECASE)
_WHO_SAID = re.compile(
    r"(?:谁|哪位)[^，,。？?]{0,12}?(?:建议|提出|认为|表示|说|讲|指出|呼吁|强调|谈|提到|觉得|主张|倡议|透露)"
    r"|\bwho\s+(?:\w+\s+)?(?:propos|suggest|recommend|said|says|argu|believ|think|thought|call|urg|warn"
    r"|want|describ|explain|point|stress|emphasi|talk|spoke|speak)",
    re.IGNORECASE,
)
# A funding noun (the shared vocabulary), a word about claiming one, or tax relief: the catalogue's tax programs
# (a VAT credit, R&D and equipment deductions) are named by what they deduct, not by a funding noun, so "who
# decides which firms get the VAT credit" was routed to the articles as a bare "who".
_PROGRAM = re.compile(
    rf"{FUNDING_NOUN}|申报|申领|领取|兑现|最高能|上限|多少钱|\bapply\b|\bcap\b|reimburs"
    r"|加计|税前扣除|抵减|\btax\b|\bvat\b|deduct",
    re.IGNORECASE,
)
# A term an article sets off in quotes (“AI专项资金”, 「人工智能+」): candidates for the articles' own coinages.
_QUOTED = re.compile(r"[“「『\"]([^“”「」『』\"\n]{2,12})[”」』\"]")
# A catalogue entry's place: "地区：湖北·武汉".
_REGION = re.compile(r"地区[：:]([^；;。\n]+)")
POLICY_SLOTS = 2
PROGRAM_SLOTS = 3


def coined_terms(
    articles: Iterable[str], others: Iterable[str], vocabulary: Iterable[str] = ()
) -> frozenset[str]:
    """Funding terms the articles coin: named in an article's text and in no program or solution text.

    Candidates are the glossary's terms (`vocabulary`) and the spans the articles quote, all normalised;
    only those that name funding matter, since they are what would otherwise route to the programs. An
    article proposing an “AI专项资金” coins it (no catalogue entry says it), while the catalogue's own
    专项资金, 算力券 or 补贴 stay program words however often the articles use them too.
    """
    article_text = "\n".join(articles)
    other_text = "\n".join(others)
    candidates = set(vocabulary) | set(_QUOTED.findall(article_text))
    return frozenset(
        term for term in candidates if names_funding(term) and term in article_text and term not in other_text
    )


def program_places(entries: Iterable[str], articles: Iterable[str]) -> frozenset[str]:
    """The places the catalogue's programs are for ("地区：广西·南宁") that no article names: with one of them, an
    article's coined funding term asks about that place's fund ("武汉的AI专项资金"), which no article holds."""
    article_text = "\n".join(articles)
    places = {
        place.strip()
        for entry in entries
        if (found := _REGION.search(entry))
        for place in re.split(r"[·、,，/]", found.group(1))
    }
    return frozenset(p for p in places if len(p) >= 2 and p != "全国" and p not in article_text)


def route(
    question: str,
    known_names: Iterable[str],
    expanded: str = "",
    coined: Iterable[str] = (),
    places: Iterable[str] = (),
    translated: str = "",
) -> Route:
    """The route of a normalised question; `known_names`: the articles' speakers and publishers, and
    `coined`: the funding terms only the articles use, both looked up in `expanded` (the question with the
    glossary's Chinese for its English terms) when given. A coined term, or a word asking what a source said,
    counts only without one of `places` (`program_places`, looked up in `translated`: the question with its
    translations, "Wuhan" -> 武汉): an article proposes the fund, a city's own fund of that name is a program,
    and no article says anything about a place none of them names. A place alone routes nothing: an aside naming
    a city ("顺便问一句，青岛哪家海鲜馆好吃") is no program question."""
    named = expanded or question
    # A place no article names cannot be what an article said: "according to Wuhu's Q&A" and "Wuhan's AI fund"
    # ask about that place's program text, whatever words about sources or coined terms they use.
    program_place = any(place in (translated or named) for place in places)
    asks_a_source = bool(_ARTICLE.search(question) or _WHO_SAID.search(question)) or any(
        term in named for term in coined
    )
    if any(name and name in named for name in known_names) or (asks_a_source and not program_place):
        return "article"
    if _PROGRAM.search(question):
        return "program"
    return "article" if _WHO.search(question) else "general"


def named_sources(expanded: str, sources_by_name: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """The articles a question names by a speaker or publisher (in `expanded`, the normalised question with the
    glossary's Chinese for its English terms): "according to the Hunan Daily" asks about that article."""
    return frozenset(
        s for name, sources in sources_by_name.items() if name and name in expanded for s in sources
    )


def balance(
    ranked: list[str],
    k: int,
    which: Route,
    group_of: Callable[[str], Group],
    first: Callable[[str], bool] = lambda _: False,
) -> list[str]:
    """The top `k` of `ranked` (best first) after the route's ordering and reserved places; on the article
    route, the passages `first` holds (those of the articles the question names) lead."""
    if which == "article":
        ordered = [c for c in ranked if group_of(c) == "articles"]
        ordered = [c for c in ordered if first(c)] + [c for c in ordered if not first(c)]
        return (ordered + [c for c in ranked if group_of(c) != "articles"])[:k]
    wanted: Group = "programs" if which == "program" else "articles"
    slots = PROGRAM_SLOTS if which == "program" else POLICY_SLOTS
    top = ranked[:k]
    missing = slots - sum(group_of(c) == wanted for c in top)
    if missing <= 0:
        return top
    extra = [c for c in ranked[k:] if group_of(c) == wanted][:missing]
    # The lowest-ranked entries of other groups give up their places, in rank order; never more are added than
    # gave up a place (`k` below the reserved places: `search -k 2` listed three programs).
    others = [c for c in reversed(top) if group_of(c) != wanted][: len(extra)]
    kept = [c for c in top if c not in others]
    return kept + extra[: len(others)]
