"""Logs never hold the LLM key, the API token or a customer's identifiers.

Every logger (ours, uvicorn's access log, httpx, openai, langchain) is opened up to DEBUG
and every record is formatted the way a handler would, args and traceback included,
while an LLM-mode ask runs over the fake server, while the API serves a token-protected
request, and while `aipack ask` runs through its entry point. Operators ship these logs
to third parties; a phone number in them is a leak.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn.logging
from click.testing import CliRunner
from pydantic import SecretStr

from app.cli import main
from app.container import Container, configure_process
from tests.fake_llm_server import Error, FakeLLMServer, Hang, Reply, StructuredReply
from tests.helpers import fresh_fake_llm, serving
from tests.test_advisor_llm import make_advisor, offline_answer

KEY = "sk-test-SECRET-123"
TOKEN = "api-token-SECRET-456"
WRONG_TOKEN = "sk-wrong-SECRET-789"  # a caller's mistyped credential is a secret too
PII = {
    "phone": "13812345678",
    "id_card": "110101199003074514",
    "credit_code": "91310000MA1FL8XQ3K",
    "bank_card": "6222021234567890123",
    "email": "boss@example.com",
}
MESSAGE = (
    "我是杭州一家20人的餐厅老板，想解决备货不准。电话{phone}，身份证{id_card}，"
    "信用代码{credit_code}，收款卡{bank_card}，邮箱{email}"
).format(**PII)
NEVER_LOGGED = (KEY, TOKEN, WRONG_TOKEN, *PII.values())
# An answer that repeats the customer's phone in a claim the guard rejects: the warning
# quotes the offending sentence, which must not carry the number into the log.
ECHOING_ANSWER = f"机主{PII['phone']}您好，您可以申请补贴 [1]。"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))  # message with args, exc_info and stack_info text


@pytest.fixture
def log_lines() -> Iterator[list[str]]:
    """Every record any logger emits during the test, at DEBUG, formatted."""
    handler = _Collect()
    root = logging.getLogger()
    loggers = [root, *(lg for lg in root.manager.loggerDict.values() if isinstance(lg, logging.Logger))]
    saved = [(lg, lg.level, lg.disabled) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
        lg.disabled = False
    # Loggers that do not propagate (uvicorn's, once configured) would bypass the root handler.
    hooked = [root, *(lg for lg in loggers if not lg.propagate)]
    for lg in hooked:
        lg.addHandler(handler)
    try:
        yield handler.lines
    finally:
        for lg in hooked:
            lg.removeHandler(handler)
        for lg, level, disabled in saved:
            lg.setLevel(level)
            lg.disabled = disabled


def assert_clean(lines: list[str]) -> None:
    assert lines, "nothing was logged: the capture is broken"
    leaks = [(secret, line) for line in lines for secret in NEVER_LOGGED if secret in line]
    assert not leaks, leaks[:3]


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with fresh_fake_llm() as fake:
        yield fake


@pytest.mark.parametrize("redact_pii", [True, False], ids=["redacted-for-llm", "sent-to-llm"])
def test_llm_mode_logs_hold_no_key_and_no_identifiers(
    shared_container: Container, server: FakeLLMServer, log_lines: list[str], redact_pii: bool
):
    advisor = make_advisor(shared_container, server, api_key=SecretStr(KEY), redact_pii=redact_pii)
    configure_process(advisor.settings)  # as the entry points do
    server.enqueue(
        StructuredReply({"city": "杭州", "employees": 20}),
        Reply(offline_answer(shared_container, MESSAGE)),  # carries every decision: accepted
        Error(500),  # extraction fails (a failure, not a refusal): the rules' profile stands
        Hang(3),  # the answer times out: the offline answer, with a notice
        StructuredReply({}),
        Reply(ECHOING_ANSWER),  # rejected by the guard
    )
    modes = [advisor.ask(MESSAGE, session_id=f"log-{n}").mode for n in range(3)]
    assert modes == ["llm", "offline", "offline"]
    assert server.pending == 0
    assert server.requests[0]["headers"]["authorization"] == f"Bearer {KEY}"  # the key was in play
    # The failures were logged (so the capture saw them), without their secrets.
    warnings = [line for line in log_lines if " WARNING " in line]
    assert any("LLM answer failed: timeout" in line for line in warnings), warnings
    assert any("LLM answer rejected" in line for line in warnings), warnings
    assert any(line.startswith(("openai", "httpx")) for line in log_lines)
    assert_clean(log_lines)


def test_api_logs_hold_no_token_and_no_identifiers(
    shared_container: Container, server: FakeLLMServer, log_lines: list[str], monkeypatch
):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    llm = make_advisor(shared_container, server).settings
    settings = llm.model_copy(update={"api": llm.api.model_copy(update={"token": SecretStr(TOKEN)})})
    box = shared_container.derive(settings)
    server.enqueue(StructuredReply({}), Error(503), StructuredReply({}), Reply(ECHOING_ANSWER))
    # log_config=None: uvicorn keeps the host's logging, so its access log reaches the capture.
    with (
        serving(box, log_config=None, log_level=None) as url,
        httpx.Client(base_url=url, timeout=60, trust_env=False) as http,
    ):
        refused = http.post(
            "/v1/advise", json={"message": MESSAGE}, headers={"Authorization": f"Bearer {WRONG_TOKEN}"}
        )
        assert refused.status_code == 401
        allowed = {"Authorization": f"Bearer {TOKEN}"}
        answered = http.post("/v1/advise", json={"message": MESSAGE}, headers=allowed)
        assert answered.status_code == 200, answered.text
        assert answered.json()["mode"] == "offline" and answered.json()["notices"]
        chat = {"model": "aipack-advisor", "messages": [{"role": "user", "content": MESSAGE}]}
        assert http.post("/v1/chat/completions", json=chat, headers=allowed).status_code == 200
        # A client that puts identifiers in the URL still gets them kept out of the access log.
        assert http.get(f"/healthz?phone={PII['phone']}&email={PII['email']}").status_code == 200
    assert server.pending == 0
    assert any(line.startswith("uvicorn.access") and "/v1/advise" in line for line in log_lines), log_lines
    assert_clean(log_lines)


def test_api_keys_from_a_keys_file_are_masked_in_logs(
    shared_container: Container, log_lines: list[str], tmp_path: Path
):
    file_key = "ops-file-key-SECRET-321"  # not key-shaped: only registering it can mask it
    keys_file = tmp_path / "keys.txt"
    keys_file.write_text(f"# operators\nops {file_key}\n", encoding="utf-8")
    settings = shared_container.settings
    box = shared_container.derive(
        settings.model_copy(update={"api": settings.api.model_copy(update={"keys_file": keys_file})})
    )
    with (
        serving(box, log_config=None, log_level=None) as url,
        httpx.Client(base_url=url, timeout=60, trust_env=False) as http,
    ):
        assert http.get("/v1/models", headers={"Authorization": f"Bearer {file_key}"}).status_code == 200
        # A client that pastes its key into the URL: the access log records the URL.
        assert http.get(f"/healthz?api_key={file_key}").status_code == 200
    access = [line for line in log_lines if line.startswith("uvicorn.access")]
    assert any("/healthz?api_key=" in line for line in access), access
    assert not [line for line in log_lines if file_key in line]


def test_cli_ask_logs_hold_no_key_and_no_identifiers(
    shared_data_dir: Path, server: FakeLLMServer, log_lines: list[str], monkeypatch
):
    for name, value in {
        "AIPACK_PATHS__DATA_DIR": str(shared_data_dir),
        "AIPACK_ADVISOR__TODAY": "2026-11-23",
        "AIPACK_LLM__MODE": "openai",
        "AIPACK_LLM__MODEL": "fake-model",
        "AIPACK_LLM__TIMEOUT_S": "2",
        "AIPACK_LLM__MAX_RETRIES": "0",
        "OPENAI_BASE_URL": server.base_url,
        "OPENAI_API_KEY": KEY,
    }.items():
        monkeypatch.setenv(name, value)
    server.enqueue(StructuredReply({}), Error(500))
    result = CliRunner().invoke(main, ["ask", MESSAGE, "--json"])
    assert result.exit_code == 0, result.output
    assert '"mode": "offline"' in result.stdout
    assert server.requests[-1]["headers"]["authorization"] == f"Bearer {KEY}"
    assert any("LLM answer failed: HTTP 500" in line for line in log_lines), log_lines
    assert_clean([*log_lines, result.stderr])


def test_any_library_record_is_masked_but_kept(shared_container: Container, log_lines: list[str]):
    """Whatever a dependency logs — headers, an int arg, a traceback — comes out masked, still readable."""
    settings = shared_container.settings
    configure_process(  # what every entry point does once (CLI, API, UI, app.Advisor)
        settings.model_copy(update={"api": settings.api.model_copy(update={"token": SecretStr(TOKEN)})})
    )
    library = logging.getLogger("some.dependency")
    library.debug("request headers: %r", {"Authorization": f"Bearer {TOKEN}", "x-api-key": KEY})
    library.info("card %d, key %s", int(PII["bank_card"]), KEY)
    try:
        raise ValueError(f"cannot parse {MESSAGE!r}")
    except ValueError:
        library.exception("parse failed for %s", PII["email"])
    # uvicorn's access formatter unpacks the args tuple: it must still get five values.
    access = logging.getLogger("uvicorn.access")
    record = access.makeRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/healthz?id={PII['id_card']}", "1.1", 200),
        None,
    )
    log_lines.append(uvicorn.logging.AccessFormatter(use_colors=False).format(record))

    assert_clean(log_lines)
    text = "\n".join(log_lines)
    assert "request headers:" in text and "[密钥]" in text
    assert "card [银行卡号], key [密钥]" in text
    assert "parse failed for [邮箱]" in text and "ValueError: cannot parse" in text and "[电话]" in text
    assert 'GET /healthz?id=[身份证号] HTTP/1.1" 200' in text
