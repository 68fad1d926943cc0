"""UI strings in Chinese and English and starter questions (follow-up suggestions: follow_ups.py).

Only the interface follows the 中文/English switch; answers follow the language of the message.
"""

from __future__ import annotations

from app.advisor.contract import Lang
from app.errors import AipackError, StoreError

_TEXTS: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": ("AI赋能包顾问", "AI enablement pack advisor"),
    "nav_chat": ("咨询", "Advisor"),
    "nav_clients": ("客户与对话", "Clients"),
    "nav_review": ("反馈审阅", "Feedback review"),
    "nav_knowledge": ("知识库", "Knowledge base"),
    "nav_admin": ("管理", "Admin"),
    "building_index": ("首次使用：正在建立知识库索引…", "First run: building the knowledge index…"),
    "embedding": ("正在向量化 {done}/{total}", "Embedding {done}/{total}"),
    # index problems and the rebuild
    "index_broken": (
        "知识库索引无法使用，暂时不能回答问题。请点击“重建索引”修复：系统会根据知识库文件重新建立索引"
        "（约需半分钟），文件本身不受影响。",
        "The knowledge index cannot be used, so questions cannot be answered yet. Press “Rebuild index” "
        "to fix it: the index is built again from the knowledge files (about half a minute); "
        "the files themselves are kept.",
    ),
    "index_detail": ("技术细节：{problem}", "Technical detail: {problem}"),
    "index_read_only": (
        "数据文件夹是只读的（或当前账户无权访问），索引本身没有损坏，但无法打开。重建索引没有用："
        "请为该文件夹开放写权限，或把它复制到可写的位置并设置 AIPACK_PATHS__DATA_DIR。",
        "The data folder is read-only (or not accessible to this account). The index is not damaged, but it "
        "cannot be opened there, and rebuilding will not help: give this account write access to the folder, "
        "or copy it somewhere writable and set AIPACK_PATHS__DATA_DIR.",
    ),
    "rebuild_button": ("重建索引", "Rebuild index"),
    "rebuilding": ("正在重建索引，请勿关闭页面…", "Rebuilding the index; keep this page open…"),
    "rebuild_progress": ("正在重建索引 {done}/{total}", "Rebuilding the index {done}/{total}"),
    "rebuild_done": (
        "索引已重建，可以继续提问。{summary}",
        "The index was rebuilt; you can ask again. {summary}",
    ),
    "index_title": ("索引维护", "Index maintenance"),
    "index_ok": (
        "索引工作正常。如果检索结果明显不对，可以重建索引（约需半分钟）。",
        "The index is working. If search results look clearly wrong, rebuild it (about half a minute).",
    ),
    # chat
    "chat_caption": (
        "为中小企业推荐低成本AI方案，判断可申请的算力券、模型券等补贴，并给出每条结论的出处。",
        "Low-cost AI solutions for small businesses, the subsidies you can claim, and a source for every claim.",
    ),
    "starters_title": ("可以这样问：", "Try asking:"),
    "chat_placeholder": ("介绍您的企业，或直接提问…", "Describe your business or ask a question…"),
    "follow_ups": ("接着问：", "Ask next:"),
    "thinking": ("正在分析您的情况，检索政策与方案…", "Reading your profile, policies and solutions…"),
    "no_evidence": (
        "未找到可靠依据：知识库中没有足够相关的资料，以下内容请谨慎参考。",
        "No reliable evidence: the knowledge base holds nothing relevant enough; treat this answer with care.",
    ),
    "pack_title": ("推荐方案", "Recommended pack"),
    "first_year": ("首年费用", "First year"),
    "after_funding": ("补贴后", "After subsidies"),
    "funding_title": ("补贴政策判断", "Funding verdicts"),
    "col_verdict": ("判断", "Verdict"),
    "col_program": ("政策", "Program"),
    "col_reasons": ("理由", "Reasons"),
    "col_benefit": ("支持内容", "Benefit"),
    "col_max": ("上限", "Cap"),
    "col_deadline": ("截止", "Deadline"),
    "col_source": ("来源", "Source"),
    "link": ("原文", "link"),
    "not_stated": ("未写明", "not stated"),
    "citations": ("引用来源（{n}）", "Sources ({n})"),
    "show_originals": ("显示原文（繁体）", "Show the original text"),
    "details": (
        "详细说明：条件、补贴计算与申请步骤",
        "Details: conditions, subsidy arithmetic and how to apply",
    ),
    "export_md": ("导出 Markdown", "Export Markdown"),
    "export_docx": ("导出 Word", "Export Word"),
    "export_pdf": ("导出 PDF", "Export PDF"),
    "feedback_prompt": ("这条回答有帮助吗？", "Was this answer helpful?"),
    "copy": ("复制", "Copy"),
    "copy_help": (
        "点文本框右上角的图标复制全文。",
        "Use the icon at the top right of the box to copy it all.",
    ),
    "regenerate": ("重新生成", "Regenerate"),
    "feedback_reason": ("原因", "Reason"),
    "feedback_comment": ("补充说明（可选）", "Comment (optional)"),
    "feedback_submit": ("提交反馈", "Send feedback"),
    "feedback_thanks": ("已记录反馈，谢谢！", "Feedback saved, thank you!"),
    "reason_wrong_answer": ("回答错误", "Wrong answer"),
    "reason_wrong_evidence": ("依据不对", "Wrong evidence"),
    "reason_missing_program": ("遗漏政策", "Missing program"),
    "reason_other": ("其他", "Other"),
    "rerun_message": (
        "请根据更新后的资料重新推荐",
        "Please update the recommendation for the edited profile",
    ),
    # sidebar
    "language": ("界面语言", "Interface language"),
    "mode_offline": (
        "回答方式：离线规则引擎（无需API密钥）",
        "Answers: offline rule engine (no API key)",
    ),
    "mode_llm": ("回答方式：大模型 · {model}", "Answers: LLM · {model}"),
    "new_conversation": ("新对话", "New conversation"),
    "profile_title": ("企业资料", "Company profile"),
    "profile_help": (
        "对话会自动填写；修改后点“更新推荐”重新计算。",
        "The chat fills this in; edit it and press “Update” to recompute.",
    ),
    "industry": ("行业", "Industry"),
    "province": ("省份", "Province"),
    "city": ("城市", "City"),
    "employees": ("员工人数", "Employees"),
    "revenue": ("年营收（万元）", "Annual revenue (10,000 CNY)"),
    "age": ("成立年限（年）", "Age (years)"),
    "budget": ("预算（万元）", "Budget (10,000 CNY)"),
    "choose": ("请选择", "Choose"),
    "pain_points": ("痛点（每行一个）", "Pain points (one per line)"),
    "size_class": ("规模：{size}", "Size: {size}"),
    "update_profile": ("更新推荐", "Update"),
    "client_name": ("客户名称", "Client name"),
    "client_placeholder": ("例如：杭州某餐厅", "e.g. Hangzhou noodle restaurant"),
    "client_name_required": ("请先填写客户名称。", "Enter a client name first."),
    "recent": ("最近的对话", "Recent conversations"),
    "save_client": ("保存为客户", "Save as client"),
    "client_saved": ("已保存客户：{name}", "Client saved: {name}"),
    "current_client": ("当前客户：{name}", "Current client: {name}"),
    # clients page
    "clients_title": ("客户与对话", "Clients and conversations"),
    "no_clients": (
        "还没有保存的客户。在侧栏填写企业资料后点“保存为客户”。",
        "No saved clients yet. Fill in the profile in the sidebar and press “Save as client”.",
    ),
    "client_new_chat": ("用此资料开始新对话", "New conversation with this profile"),
    "delete_client": ("删除客户", "Delete client"),
    "open": ("打开", "Open"),
    "delete": ("删除", "Delete"),
    "confirm_delete": ("确定删除？删除后无法恢复。", "Delete this? It cannot be undone."),
    "confirm": ("确认删除", "Yes, delete"),
    "conversations": ("对话", "Conversations"),
    "no_conversations": ("暂无对话。", "No conversations yet."),
    "other_conversations": ("未归档的对话", "Conversations without a client"),
    "updated": ("更新于 {time}", "updated {time}"),
    # review page
    "review_title": ("反馈审阅", "Feedback review"),
    "no_feedback": ("还没有反馈。", "No feedback yet."),
    "fb_total": ("反馈总数", "Feedback"),
    "col_rating": ("评价", "Rating"),
    "col_reason": ("原因", "Reason"),
    "col_comment": ("说明", "Comment"),
    "col_question": ("问题", "Question"),
    "col_retrieved": ("检索到的片段", "Retrieved passages"),
    "col_version": ("设置版本", "Settings version"),
    "col_time": ("时间", "Time"),
    # knowledge page
    "knowledge_title": ("知识库", "Knowledge base"),
    "kb_documents": ("政策文档", "Documents"),
    "kb_solutions": ("方案条目", "Solutions"),
    "kb_funding": ("补贴政策条目", "Funding programs"),
    "kb_last_ingest": ("最近入库", "Last ingest"),
    "kb_never": ("尚未入库", "never"),
    "kb_catalogue_errors": (
        "目录文件校验失败，索引保持原样：",
        "Catalogue validation failed; the index was left as it was:",
    ),
    "kb_failed": ("未能读取：{name}：{message}", "Could not read {name}: {message}"),
    "col_title": ("标题", "Title"),
    "col_kind": ("类型", "Kind"),
    "col_publisher": ("发布单位", "Publisher"),
    "col_date": ("日期", "Date"),
    "col_chunks": ("片段数", "Chunks"),
    "col_file": ("文件", "File"),
    "upload_title": ("上传政策文件", "Upload a policy file"),
    "upload_label": ("PDF、DOCX、TXT 或 MD", "PDF, DOCX, TXT or MD"),
    "upload_button": ("加入知识库", "Add to the knowledge base"),
    "upload_details": ("文件信息（可选）", "File details (optional)"),
    "doc_title": ("标题（留空则取文件中的标题）", "Title (empty: the document's own heading)"),
    "doc_publisher": ("发布单位", "Publisher"),
    "doc_region": ("适用地区（如 杭州、全国）", "Region (e.g. 杭州, 全国)"),
    "doc_published": ("发布日期（YYYY-MM-DD）", "Published (YYYY-MM-DD)"),
    "doc_valid_until": ("有效期至（YYYY-MM-DD）", "Valid until (YYYY-MM-DD)"),
    "ingesting": ("正在增量入库…", "Ingesting incrementally…"),
    "upload_done": ("已加入 {name}。{summary}", "Added {name}. {summary}"),
    "delete_title": ("删除文档", "Delete a document"),
    "delete_pick": ("选择文档", "Document"),
    "delete_button": ("删除并更新索引", "Delete and update the index"),
    "delete_done": ("已删除 {name}。{summary}", "Deleted {name}. {summary}"),
    # the local store (clients, conversations, feedback) failing
    "store_locked": (
        "本地数据文件 `{path}` 正被其他程序占用（已锁定）。请稍等片刻再试；如果一直如此，"
        "请关闭其他正在使用 aipack 的窗口或程序。",
        "The local data file `{path}` is locked by another process. Wait a moment and try again; "
        "if it stays locked, close other aipack windows or programs that use it.",
    ),
    "store_not_a_database": (
        "`{path}` 不是可用的 aipack 数据文件（已损坏，或是其他类型的文件）。请把它移到别处"
        "（例如改名为 `{name}.bad`），aipack 会在原位置新建一个空的数据文件。",
        "`{path}` is not a usable aipack data file (it is damaged, or a different kind of file). "
        "Move it aside (for example rename it to `{name}.bad`); aipack then starts a new, empty one.",
    ),
    "store_unwritable": (
        "无法打开或写入 `{path}`：文件或所在文件夹是只读的，或无法访问。请为当前账户开放 `{folder}` "
        "的写权限，或把 AIPACK_PATHS__DATA_DIR 设为一个可写的文件夹。",
        "aipack cannot open or write `{path}`: the file or its folder is read-only or not accessible. "
        "Give this account write access to `{folder}`, or set AIPACK_PATHS__DATA_DIR to a writable folder.",
    ),
    "store_disk_full": (
        "保存 `{path}` 的磁盘已满。请释放一些磁盘空间后再试。",
        "The disk that holds `{path}` is full. Free some disk space, then try again.",
    ),
    "store_io_error": (
        "读写 `{path}` 时磁盘报错。请重试；如果反复出现，请检查磁盘并把该文件复制到安全的位置。",
        "The disk reported an error while reading or writing `{path}`. Try again; if it repeats, "
        "check the disk and copy the file somewhere safe.",
    ),
    "store_other": (
        "本地数据文件 `{path}` 出错：{detail}。请重试；如果反复出现，请把该文件移到别处后重启 aipack。",
        "The local data file `{path}` failed: {detail}. Try again; if it repeats, move the file aside "
        "and restart aipack.",
    ),
    "not_saved": (
        "这条回答未能保存到对话记录（咨询结果不受影响）。{reason}",
        "This answer was not saved to the conversation history (the advice itself is unaffected). {reason}",
    ),
}

STARTERS: dict[Lang, list[str]] = {
    "zh": [
        "我在杭州开了一家20人的餐厅，年营收800万，预算3万以内，想解决点餐慢和备货不准的问题",
        "我们是苏州一家80人的五金厂，想用AI做产品质检，预算10万",
        "上海的算力券补贴比例是多少？",
        "Which subsidies can a 15-person AI startup in Shenzhen get?",
    ],
    "en": [
        "We run a 20-person restaurant in Hangzhou, revenue CNY 8 million, budget under CNY 30k; ordering is slow and stock planning is off",
        "We are an 80-person hardware factory in Suzhou and want AI quality inspection, budget CNY 100k",
        "What share does the Shanghai compute voucher cover?",
        "上海的算力券补贴比例是多少？",
    ],
}

FEEDBACK_REASONS = ("wrong_answer", "wrong_evidence", "missing_program", "other")


def text(lang: str, key: str, **values: object) -> str:
    zh, en = _TEXTS[key]
    template = en if lang == "en" else zh
    return template.format(**values) if values else template


def describe_error(lang: str, exc: AipackError) -> str:
    """The message the UI shows for a service error: store failures in the interface language."""
    if isinstance(exc, StoreError):
        path = exc.path
        return text(
            lang, f"store_{exc.kind}", path=path, name=path.name, folder=path.parent, detail=exc.detail
        )
    return str(exc)
