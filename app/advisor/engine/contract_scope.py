"""Whether a client's contract buys what a catalogued solution is, or more (review11 r11-20, r11-55).

A client's figure prices a catalogue solution only when its kind and its scope are that solution's
(advice_rules.md §5). Two ways a contract is not the solution its kind points to:

- Hardware: the catalogue's equipment solutions are small kits (an edge box for one or two inspection stations,
  a few sensors). A contract that names production machinery beside them ("贷款800万买智能织机和视觉验布设备",
  "350万买注塑机和机械手"), or a figure an order of magnitude above the whole kit, buys a line of machines of the
  client's own: it stands as its own line ("您的设备采购"), never as the edge box priced at 800万.
- Systems a business runs on (an ERP, a MES, an OA, a WMS): the catalogue holds AI tools, none of them such a
  system. A software contract for one ("进销存搬到云上用云ERP，一年3万") is the client's own line under its own name,
  never the forecasting tool a word of its clause (进销存) names (review12 r12-23).
- Raw inputs (compute, model API calls, data): the contract is the input itself, so it is the solution that
  buys only that input (a GPU rental, API access), never a service built around it (a fine-tuning service
  lists compute beside model work, labelling and data: an 800k compute rental is no "定制微调服务").
"""

from __future__ import annotations

import re

from app.catalogue.models import Solution
from app.catalogue.taxonomy import SpendKind

# Inputs bought as such: the contract is the input, whatever it is for (compute_purpose.py says which of the
# pure solutions serves the purpose the client states).
RAW_INPUTS = frozenset(
    {
        SpendKind.compute,
        SpendKind.model_service,
        SpendKind.data_labeling,
        SpendKind.data_corpus,
        SpendKind.data_asset,
    }
)
# Services that come with an input (setting up inference hosting) do not make it a service of another kind.
_WITH_ANY = frozenset({SpendKind.implementation, SpendKind.training})

# Machines that make the product, not AI kits that watch or measure it: a contract naming one buys a line of
# the client's own. 机器人 only as an industrial one (a 客服机器人 is software).
_MACHINERY = re.compile(
    r"织机|纺机|机床|数控|加工中心|注塑机|压铸机|冲床|折弯机|印刷机|包装机|生产线|产线|流水线|机械手|机械臂|"
    r"工业机器人|焊接机器人|搬运机器人|叉车|锅炉|窑炉|空压机|"
    r"\bcnc\b|\blooms?\b|machine tools?|injection[- ]mou?lding|press(?:es)? brakes?|printing press|"
    r"production lines?|assembly lines?|robot(?:ic)? arms?|industrial robots?|forklifts?|\bkilns?\b",
    re.I,
)
# An equipment contract this many times the whole kit's catalogue upper bound is a project beyond the kit.
KIT_SCALE = 10.0


# Systems of record a firm runs its business on. CRM and bookkeeping are not here: the catalogue sells AI ones.
_SYSTEM_OF_RECORD = re.compile(
    r"(?<![a-z])(?:erp|mes|oa|wms|his|sap)(?![a-z])|进销存(?:系统|软件)|财务软件|办公自动化|仓储管理系统|"
    r"生产执行系统|制造执行系统|用友|金蝶|enterprise resource planning|manufacturing execution system",
    re.I,
)


def names_system_of_record(kind: SpendKind, said: str) -> bool:
    """A software or cloud contract whose words name a system of record (an ERP, a MES): the client's own line."""
    return system_named(kind, said) is not None


def system_named(kind: SpendKind, said: str) -> str | None:
    """The system of record a software or cloud contract's words name ("ERP", "进销存系统"), as the line's name."""
    found = _SYSTEM_OF_RECORD.search(said) if kind in _SYSTEMS and said else None
    return None if found is None else (found.group(0).upper() if found.group(0).isascii() else found.group(0))


_SYSTEMS = frozenset({SpendKind.software, SpendKind.cloud_service})


def names_machinery(said: str) -> bool:
    """The contract's words name production machinery (the client's own line, whatever AI it carries)."""
    return bool(said and _MACHINERY.search(said))


def only_buys(solution: Solution, kind: SpendKind) -> bool:
    """The solution buys this input and nothing else but the services that set it up."""
    kinds = {item.kind for item in solution.items()}
    return kind in kinds and kinds <= {kind, *_WITH_ANY}


def is_an_input(solution: Solution) -> bool:
    """The solution is a raw input bought as such (a GPU rental, API access): one the client already uses is
    still what they buy this year, a line of its own, not a tool to leave out (review11 r11-28, r11-50)."""
    return any(only_buys(solution, kind) for kind in RAW_INPUTS)


def beyond_the_kit(kind: SpendKind, said: str, amount: float, solution: Solution) -> bool:
    """An equipment contract buys more than the solution's kit: machinery named, or an order of magnitude more."""
    if kind is not SpendKind.ai_equipment:
        return False
    if names_machinery(said):
        return True
    return amount > KIT_SCALE * solution.cost.first_year_cny.max
