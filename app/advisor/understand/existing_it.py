"""The systems a client already has ("已经在用金蝶ERP", "we already use a CRM"), not the ones they want.

A system named is owned unless the words nearest before it in its clause make it a plan or a need: "想上一套MES",
"打算上个CRM", "wants a cloud MES", "we plan to roll out an ERP", "还没有ERP" (review12 r12-45: "wants a cloud MES"
was stored as existing IT, so no pack priced the MES). Owning words said nearer ("想把现在用的ERP接上AI", "want to
connect our ERP") keep it owned. What the client has shapes the pack (a tool that plugs into it); what they want is
a need, read by the need matching.
"""

from __future__ import annotations

import re

from app.text.clauses import clauses as text_clauses

_FLAGS = re.IGNORECASE
# Key (lower-case, as the normalised text has it) -> the system's name in the profile.
_SYSTEMS = {
    "erp": "ERP",
    "crm": "CRM",
    "excel": "Excel表格",
    "表格": "Excel表格",
    "收银": "收银系统",
    "pos": "POS收银",
    "小程序": "微信小程序",
    "公众号": "公众号",
    "企业微信": "企业微信",
    "钉钉": "钉钉",
    "监控": "监控摄像头",
    "摄像头": "监控摄像头",
    "传感器": "传感器",
    "mes": "MES",
    "数据库": "数据库",
    "抖音": "抖音账号",
    "淘宝": "淘宝店铺",
    "用友": "用友财务软件",
    "金蝶": "金蝶财务软件",
    "进销存": "进销存系统",
}
# Wanting, planning, lacking or getting a system: it is not there yet.
_PLANNED = re.compile(
    r"想|(?<![主重只])要(?!求)|打算|准备|计划|考虑|希望|需要|缺|没有|还没|新上|上一?[套个]|引入|导入|采购|"
    r"购买(?![了咗过])|买(?![了咗过])|订阅|装一?[套个]|换成|换个|换一?[套个]|升级[成为到]|"
    r"\bwants?\b|\bwanting\b|\bplan(?:s|ning|ned)?\b|\bwould like\b|'d like\b|\blooking (?:to|for|at)\b|\bneeds?\b|"
    r"\bconsider\w*\b|\broll(?:ing)? out\b|\bintroduc\w*\b|\bimplement\w*\b|\bbuy\w*\b|\bpurchas\w*\b|"
    r"\bsubscrib\w*\b|\bget(?:ting)?\b|\bset(?:ting)? up\b|\bdon'?t have\b|\bno\b|\bwithout\b",
    _FLAGS,
)
# Having and using one now.
_OWNED = re.compile(
    r"已有|已经|在用|现在用|目前用|一直用|用的是|用着|现有|现用|原有|(?<!没)有一?[套个]|上了|装了|用了|"
    r"[买购装上用]咗|买了|买过|把|"  # "前年買咗一套MES" is owned; "想把进销存换成云ERP" changes one owned
    r"\balready\b|\b(?:we|i) (?:use|have|run)\b|\busing\b|\bour\b|\bexisting\b|\bcurrent\b|\bin place\b",
    _FLAGS,
)
_NOT_YET_AFTER = re.compile(r"^[^,;:!?，；：。！？]{0,4}(?:还没|没有|没上|要上|还要|打算|准备)")


def _mention(clause: str, key: str) -> re.Match[str] | None:
    """Chinese keys match as substrings; Latin ones only as whole words ("enterprise" is not ERP)."""
    pattern = rf"(?<![a-z]){re.escape(key)}(?![a-z])" if key.isascii() else re.escape(key)
    return re.search(pattern, clause)


# A plan to use AI on a channel the client runs ("想用AI写抖音文案"): the plan is the AI's, the channel is theirs.
_USING_AI = re.compile(r"用\s*ai|用人工智能|\buse ai\b|\busing ai\b", _FLAGS)


def _owned(clause: str, at: re.Match[str]) -> bool:
    before = clause[: at.start()]
    planned = [m for m in _PLANNED.finditer(before) if not _USING_AI.search(before, m.end())]
    marks = [(m.end(), False) for m in planned] + [(m.end(), True) for m in _OWNED.finditer(before)]
    if marks:
        return max(marks)[1]  # the nearest word before the system decides
    return not _NOT_YET_AFTER.match(clause[at.end() :])


def existing_systems(text: str) -> list[str]:
    """The systems normalised `text` says the client has, in table order, each once."""
    clauses = text_clauses(text, colon=True)
    owned = []
    for key, name in _SYSTEMS.items():
        if any((at := _mention(clause, key)) and _owned(clause, at) for clause in clauses):
            owned.append(name)
    return list(dict.fromkeys(owned))
