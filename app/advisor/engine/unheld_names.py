"""Programs the catalogue's own notes say were looked for and not found (advice_rules.md §7).

A catalogue entry's caveat can name a program its source mentions whose terms the research did not find:
"财建〔2021〕2号本身（专精特新“小巨人”奖补）的条款本次未检索到" / "(awards for specialised 'little giant'
firms) were not found". Owners name such programs by their everyday word ("小巨人的奖补", "the little giant
award"); none of the catalogue's names holds that word, so nothing matched and the answer listed a local pilot
as if it were the award asked about. The word in quotes is the everyday name: a message saying it is told first
that the program is not in the sources. Vouchers are left to the voucher checks (a "省算力券" caveat is one
province's, not every province's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.catalogue.models import Catalogue
from app.text.funding_words import FUNDING_NOUN
from app.text.normalize import normalize

# "（专精特新“小巨人”奖补）的条款本次未检索到", "“国家智能券”也未找到原件": the quoted word and the phrase round it.
_ZH = re.compile(r"（([^（）]*“([^”]{2,10})”[^（）]*)）[^。；，]{0,8}?未(?:检索到|找到)")
_EN = re.compile(r"\(([^()]*'([^']{3,30})'[^()]*)\)[^.;]{0,20}?(?:were|was) not found")


@dataclass(frozen=True)
class UnheldName:
    word: str  # the everyday word a message says ("小巨人", "little giant")
    name: str  # how the answer names it ("专精特新“小巨人”奖补")


def unheld_names(catalogue: Catalogue) -> list[UnheldName]:
    """Every everyday name the catalogue's caveats say was not found, in both languages."""
    found: list[UnheldName] = []
    for program in catalogue.funding:
        for caveat in program.provenance.caveats:
            # the name is quoted in the answer: its inner quotes become single ones (专精特新‘小巨人’奖补)
            found += [
                UnheldName(normalize(m.group(2)), m.group(1).replace("“", "‘").replace("”", "’"))
                for m in _ZH.finditer(caveat)
            ]
        for caveat in program.provenance.caveats_en:
            found += [UnheldName(normalize(m.group(2)), m.group(1)) for m in _EN.finditer(caveat)]
    return [u for u in dict.fromkeys(found) if not u.word.endswith("券") and "voucher" not in u.word]


def unheld_programs_named(question: str, names: list[UnheldName]) -> list[str]:
    """The programs the question names by a word the catalogue says it does not hold, as the answer names them:
    the word with a funding noun right after it ("小巨人的奖补", "little giant award"), not the client's title
    ("我们是小巨人企业，想做数字化改造")."""
    norm = normalize(question)
    return list(
        dict.fromkeys(
            u.name
            for u in names
            if re.search(
                rf"(?<![a-z]){re.escape(u.word)}(?:[^，。,.!?！？]{{0,6}}?){FUNDING_NOUN}", norm, re.I
            )
        )
    )
