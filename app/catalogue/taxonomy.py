"""Fixed taxonomies shared by the catalogues, the profile and the JSON contract.

The string values are part of the public contract (`category`, `type`,
`size_class`, industry section codes); renaming one breaks evaluation scripts.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal


class SolutionCategory(StrEnum):
    customer_service = "customer_service"
    marketing_content = "marketing_content"
    sales_crm = "sales_crm"
    quality_inspection = "quality_inspection"
    predictive_maintenance = "predictive_maintenance"
    scheduling = "scheduling"
    demand_forecasting = "demand_forecasting"
    logistics_routing = "logistics_routing"
    document_processing = "document_processing"
    finance_bookkeeping = "finance_bookkeeping"
    knowledge_assistant = "knowledge_assistant"
    education_assistant = "education_assistant"
    healthcare_assistant = "healthcare_assistant"
    agriculture_monitoring = "agriculture_monitoring"
    energy_management = "energy_management"
    data_analytics = "data_analytics"
    compute_cloud = "compute_cloud"
    model_service = "model_service"


class FundingType(StrEnum):
    compute_voucher = "compute_voucher"
    model_voucher = "model_voucher"
    data_voucher = "data_voucher"
    cloud_voucher = "cloud_voucher"
    special_fund = "special_fund"
    digital_transformation_subsidy = "digital_transformation_subsidy"
    equipment_subsidy = "equipment_subsidy"
    loan_interest_subsidy = "loan_interest_subsidy"
    tax_incentive = "tax_incentive"
    training_subsidy = "training_subsidy"


class SizeClass(StrEnum):
    micro = "micro"
    small = "small"
    medium = "medium"
    large = "large"


SME_SIZES: frozenset[SizeClass] = frozenset({SizeClass.micro, SizeClass.small, SizeClass.medium})

# The legal form of a business, as the client states it (understand/legal_form.py) and as a program restricts it
# (a one-person-company voucher: an ordinary limited company is not one). `one_person_company` is a company
# (it pays enterprise income tax) with a single shareholder: 一人有限公司.
LegalForm = Literal[
    "company", "one_person_company", "partnership", "sole_proprietorship", "individual_business"
]


class Deployment(StrEnum):
    saas = "saas"
    api = "api"
    edge_box = "edge_box"
    private = "private"


class SpendKind(StrEnum):
    """What a program's money may be spent on; solutions declare what they cost.

    Matching a solution's spend kinds against a program's spend scope is how the
    engine decides which program can discount which line of the pack.
    """

    compute = "compute"  # renting intelligent compute (GPU hours, 智算)
    model_service = "model_service"  # LLM API calls, private model deployment
    data_corpus = "data_corpus"  # buying datasets / corpora
    data_labeling = "data_labeling"
    cloud_service = "cloud_service"  # generic IaaS/PaaS/SaaS subscriptions
    software = "software"  # licensed or SaaS application software
    ai_equipment = "ai_equipment"  # cameras, edge boxes, sensors, servers
    digital_transformation = "digital_transformation"  # whole 数字化改造 projects
    training = "training"
    data_asset = "data_asset"  # data asset registration, evaluation, listing
    implementation = "implementation"  # setup, integration, data cleanup, maintenance by a provider


class Reliability(StrEnum):
    official = "official"
    reprint = "reprint"
    secondary = "secondary"


class ITSkill(StrEnum):
    none = "none"
    basic = "basic"
    intermediate = "intermediate"
    advanced = "advanced"


class CostBasis(StrEnum):
    official_price = "official_price"  # a published price list
    vendor_quote = "vendor_quote"  # vendor marketing pages; order of magnitude only
    estimate = "estimate"  # the team's estimate; say so to the user


# GB/T 4754-2017 top-level sections (门类). Codes are the contract values.
INDUSTRY_SECTIONS: dict[str, tuple[str, str]] = {
    "A": ("农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"),
    "B": ("采矿业", "Mining"),
    "C": ("制造业", "Manufacturing"),
    "D": ("电力、热力、燃气及水生产和供应业", "Electricity, heat, gas and water supply"),
    "E": ("建筑业", "Construction"),
    "F": ("批发和零售业", "Wholesale and retail trade"),
    "G": ("交通运输、仓储和邮政业", "Transport, storage and postal services"),
    "H": ("住宿和餐饮业", "Accommodation and catering"),
    "I": ("信息传输、软件和信息技术服务业", "Information transmission, software and IT services"),
    "J": ("金融业", "Finance"),
    "K": ("房地产业", "Real estate"),
    "L": ("租赁和商务服务业", "Leasing and business services"),
    "M": ("科学研究和技术服务业", "Scientific research and technical services"),
    "N": ("水利、环境和公共设施管理业", "Water, environment and public facilities management"),
    "O": ("居民服务、修理和其他服务业", "Resident, repair and other services"),
    "P": ("教育", "Education"),
    "Q": ("卫生和社会工作", "Health and social work"),
    "R": ("文化、体育和娱乐业", "Culture, sports and entertainment"),
    "S": ("公共管理、社会保障和社会组织", "Public administration and social organisations"),
    "T": ("国际组织", "International organisations"),
}


# Display labels (zh, en) used by the index text, the composer and the UI.
# Infrastructure the client rents or buys to build with (hosting, compute, model services), not a tool for a job:
# in a pack only when the stated need asks for it, and never what the word 上云 in "想上云ERP" asks for.
INFRASTRUCTURE_CATEGORIES = frozenset({SolutionCategory.compute_cloud, SolutionCategory.model_service})

CATEGORY_LABELS: dict[SolutionCategory, tuple[str, str]] = {
    SolutionCategory.customer_service: ("智能客服", "Customer service"),
    SolutionCategory.marketing_content: ("营销内容生成", "Marketing content"),
    SolutionCategory.sales_crm: ("销售与客户管理", "Sales & CRM"),
    SolutionCategory.quality_inspection: ("质量检测", "Quality inspection"),
    SolutionCategory.predictive_maintenance: ("预测性维护", "Predictive maintenance"),
    SolutionCategory.scheduling: ("排产排班", "Scheduling"),
    SolutionCategory.demand_forecasting: ("需求预测", "Demand forecasting"),
    SolutionCategory.logistics_routing: ("物流路径优化", "Logistics routing"),
    SolutionCategory.document_processing: ("文档处理", "Document processing"),
    SolutionCategory.finance_bookkeeping: ("财务记账", "Finance & bookkeeping"),
    SolutionCategory.knowledge_assistant: ("知识库助手", "Knowledge assistant"),
    SolutionCategory.education_assistant: ("教育助手", "Education assistant"),
    SolutionCategory.healthcare_assistant: ("医疗健康助手", "Healthcare assistant"),
    SolutionCategory.agriculture_monitoring: ("农业监测", "Agriculture monitoring"),
    SolutionCategory.energy_management: ("能源管理", "Energy management"),
    SolutionCategory.data_analytics: ("数据分析", "Data analytics"),
    SolutionCategory.compute_cloud: ("算力与云", "Compute & cloud"),
    SolutionCategory.model_service: ("大模型服务", "Model service"),
}

FUNDING_TYPE_LABELS: dict[FundingType, tuple[str, str]] = {
    FundingType.compute_voucher: ("算力券", "Compute voucher"),
    FundingType.model_voucher: ("模型券", "Model voucher"),
    FundingType.data_voucher: ("数据券/语料券", "Data voucher"),
    FundingType.cloud_voucher: ("上云券", "Cloud voucher"),
    FundingType.special_fund: ("专项资金", "Special fund"),
    FundingType.digital_transformation_subsidy: ("数字化转型补贴", "Digital transformation subsidy"),
    FundingType.equipment_subsidy: ("设备补贴", "Equipment subsidy"),
    FundingType.loan_interest_subsidy: ("贷款贴息", "Loan interest subsidy"),
    FundingType.tax_incentive: ("税收优惠", "Tax incentive"),
    FundingType.training_subsidy: ("培训补贴", "Training subsidy"),
}

SIZE_LABELS: dict[SizeClass, tuple[str, str]] = {
    SizeClass.micro: ("微型企业", "micro"),
    SizeClass.small: ("小型企业", "small"),
    SizeClass.medium: ("中型企业", "medium"),
    SizeClass.large: ("大型企业", "large"),
}

SKILL_LABELS: dict[ITSkill, tuple[str, str]] = {
    ITSkill.none: ("无需IT人员", "none"),
    ITSkill.basic: ("会用电脑和手机应用即可", "basic"),
    ITSkill.intermediate: ("需要懂系统配置的人员", "intermediate"),
    ITSkill.advanced: ("需要开发或算法人员", "advanced"),
}

SPEND_LABELS: dict[SpendKind, tuple[str, str]] = {
    SpendKind.compute: ("智能算力租用", "compute rental"),
    SpendKind.model_service: ("大模型服务/API", "model services"),
    SpendKind.data_corpus: ("数据集/语料采购", "datasets and corpora"),
    SpendKind.data_labeling: ("数据标注", "data labeling"),
    SpendKind.cloud_service: ("云服务", "cloud services"),
    SpendKind.software: ("软件", "software"),
    SpendKind.ai_equipment: ("AI设备", "AI equipment"),
    SpendKind.digital_transformation: ("数字化改造项目", "digital transformation projects"),
    SpendKind.training: ("培训", "training"),
    SpendKind.data_asset: ("数据资产登记评估", "data asset services"),
    SpendKind.implementation: ("实施服务", "implementation services"),
}

RELIABILITY_LABELS: dict[Reliability, tuple[str, str]] = {
    Reliability.official: ("官方来源", "official source"),
    Reliability.reprint: ("转载（建议核对官网原文）", "reprint (check the official text)"),
    Reliability.secondary: ("二手报道（可信度较低）", "secondary report (lower confidence)"),
}
