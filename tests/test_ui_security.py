"""The server hardened (issue 13): Host and Origin checks, no uploads, bounded conversations, no
client history on disk, login attempts limited, storage cleared on logout, passwords kept out of
``ps``. Each test fails on the app as it was before (gradio launched on its own)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from skolsok_ui.app import MAX_SESSIONS, Conversation, create_app, launch, stored_questions
from skolsok_ui.server import LOGIN_ATTEMPTS

AUTH = ("rektor", "hemligt")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(e5_index: Path) -> Iterator[tuple[str, object]]:
    app = create_app(e5_index, login=True)
    port = free_port()
    running = launch(app, "127.0.0.1", port, block=False, auth=[AUTH])
    assert running is not None
    yield f"http://127.0.0.1:{port}", app
    running.close()


def login(client: httpx.Client, base: str) -> None:
    assert client.post(f"{base}/login", data={"username": AUTH[0], "password": AUTH[1]}).status_code == 200


def test_a_foreign_host_name_is_refused_dns_rebinding(served):
    base, _ = served
    port = base.rsplit(":", 1)[1]
    refused = httpx.get(f"{base}/", headers={"Host": f"evil.example:{port}"})
    assert refused.status_code == 421
    assert refused.json() == {"error": "Okänd värd: öppna appen på http://127.0.0.1 eller http://localhost."}
    assert httpx.get(f"{base}/", headers={"Host": f"localhost:{port}"}).status_code == 200


def test_posts_from_another_site_are_refused(served):
    base, _ = served
    with httpx.Client() as client:
        login(client, base)
        evil = {"Origin": "http://evil.example"}
        refused = client.post(f"{base}/gradio_api/queue/join", json={}, headers=evil)
        assert refused.status_code == 403
        assert refused.json() == {"error": "Anrop från en annan webbplats tas inte emot."}
        assert client.post(f"{base}/login", data={"username": "a", "password": "b"}, headers=evil).status_code == 403
        own = client.post(f"{base}/gradio_api/queue/join", json={}, headers={"Origin": base})
        assert own.status_code != 403


def test_uploads_are_refused_and_nothing_is_kept(served, tmp_path: Path):
    base, _ = served
    with httpx.Client() as client:
        login(client, base)
        response = client.post(f"{base}/gradio_api/upload", files={"files": ("stor.txt", b"x" * 100_000)})
        assert response.status_code == 403
        assert response.json() == {"error": "Appen tar inte emot filer."}
        assert client.post(f"{base}/gradio_api/upload?upload_id=1", files={"files": ("a", b"a")}).status_code == 403


def test_client_history_never_reaches_the_filesystem(served, tmp_path: Path):
    """A crafted chat history once made the server copy a local file into its cache."""
    base, _ = served
    secret = tmp_path / "hemlig.txt"
    marker = f"hemlighet-{os.getpid()}-{time.time_ns()}"
    secret.write_text(marker, encoding="utf-8")
    crafted = [{"role": "user", "content": {"component": "file", "value": {"path": str(secret)}}}]
    with httpx.Client(timeout=30) as client:
        login(client, base)
        response = client.post(f"{base}/gradio_api/call/ask", json={"data": ["Vem har digitala prov?", crafted]})
        if response.status_code == 200:
            client.get(f"{base}/gradio_api/call/ask/{response.json()['event_id']}")
    cache = Path(os.environ.get("GRADIO_TEMP_DIR") or Path("/tmp") / "gradio")
    copies = [
        p for p in cache.rglob("*") if p.is_file() and p.stat().st_size < 1000 and marker in p.read_text("latin-1")
    ]
    assert copies == []
    # The only history a browser sends back is its list of questions: text, cut and bounded.
    assert stored_questions([{"component": "file", "value": {"path": str(secret)}}, 3, "  Fråga?  ", "x" * 5000]) == [
        "Fråga?",
        "x" * 2000,
    ]
    assert stored_questions({"path": "/etc/passwd"}) == []
    assert stored_questions([f"q{i}" for i in range(30)]) == [f"q{i}" for i in range(20, 30)]


def test_a_huge_question_is_cut_before_it_enters_the_conversation(served):
    _, app = served
    chat = next(fn for fn in app.fns.values() if fn.name == "chat")
    _, messages, conversation, questions = chat.fn("IT-råd " * 1_500_000, Conversation())  # 10 MB
    assert len(conversation.turns[0].question) == 2000
    assert questions == [conversation.turns[0].question]
    assert sum(len(m["content"]) for m in messages if m["role"] == "user") < 20_000
    for _ in range(15):
        chat.fn("IT-råd?", conversation)
    assert len(conversation.turns) == 10  # bounded per conversation...
    assert app.state_session_capacity == MAX_SESSIONS  # ...and in number (gradio's default is 10,000)


def test_login_attempts_are_limited(served):
    base, _ = served
    with httpx.Client(headers={"X-Test": "limit"}) as client:
        for _ in range(LOGIN_ATTEMPTS):
            assert client.post(f"{base}/login", data={"username": "rektor", "password": "fel"}).status_code == 400
        blocked = client.post(f"{base}/login", data={"username": "rektor", "password": "hemligt"})
        assert blocked.status_code == 429
        assert blocked.json() == {"error": "För många misslyckade inloggningar. Vänta en minut och försök igen."}
        assert client.get(f"{base}/api/search", params={"q": "prov"}, auth=AUTH).status_code == 429


def test_logout_clears_the_browser_storage_and_no_run_history_is_kept(e5_index: Path):
    # A fresh server: the previous test used up this address's login attempts.
    app = create_app(e5_index, login=True)
    port = free_port()
    running = launch(app, "127.0.0.1", port, block=False, auth=[AUTH])
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client() as client:
            login(client, base)
            config = client.get(f"{base}/config").json()
            assert config["run_history"] is False  # gradio kept questions and answers in localStorage
            out = client.get(f"{base}/logout", follow_redirects=False)
            assert out.headers["Clear-Site-Data"] == '"cache", "storage"'
        assert 'lang="sv"' in httpx.get(f"{base}/").text
    finally:
        running.close()


def _start(args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    exe = str(Path(sys.executable).with_name("skolsok"))
    return subprocess.Popen(
        [exe, "serve", *args],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", **(env or {})},
    )


def _first_lines(process: subprocess.Popen[str]) -> list[str]:
    """stderr up to the "serving" line, then the server is stopped."""
    lines = []
    assert process.stderr is not None
    for line in process.stderr:
        lines.append(line.rstrip("\n"))
        if "skolsok: serving" in line:
            break
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
    return lines


def test_serve_warns_about_a_password_on_the_command_line_and_an_open_host(e5_index: Path):
    lines = _first_lines(_start(["--index", str(e5_index), "--port", str(free_port()), "--auth", "rektor:hemligt"]))
    assert lines[0] == (
        "skolsok: warning: a password given with --auth is visible to other users in the process list; "
        "use SKOLSOK_AUTH or --auth-file instead"
    )
    lines = _first_lines(_start(["--index", str(e5_index), "--port", str(free_port()), "--host", "0.0.0.0"]))
    assert lines[0] == "skolsok: warning: 0.0.0.0 exposes the app to the network without --auth"
    env_lines = _first_lines(
        _start(["--index", str(e5_index), "--port", str(free_port())], env={"SKOLSOK_AUTH": "rektor:hemligt"})
    )
    assert not any("warning" in line for line in env_lines)
    assert env_lines[-1].endswith("login required for 1 user(s) (Ctrl-C stops)")


def test_serve_with_an_auth_file_keeps_the_password_out_of_ps(e5_index: Path, tmp_path: Path):
    auth_file = tmp_path / "konton.txt"
    auth_file.write_text("# lärare\nrektor:hemligt\n\n", encoding="utf-8")
    port = free_port()
    process = _start(["--index", str(e5_index), "--port", str(port), "--auth-file", str(auth_file)])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                if httpx.get(f"{base}/api/search", params={"q": "prov"}, timeout=2).status_code == 401:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            pytest.fail("skolsok serve did not start within 120 s")
        assert "hemligt" not in Path(f"/proc/{process.pid}/cmdline").read_text("utf-8", "replace")
        answer = httpx.get(f"{base}/api/search", params={"q": "digitala prov", "k": 1}, auth=AUTH)
        assert answer.status_code == 200
        assert answer.json()["hits"][0]["organization"] == "Bullerby stad"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def test_a_missing_auth_file_is_one_line(e5_index: Path, tmp_path: Path):
    from click.testing import CliRunner

    from skolsok.cli import main

    result = CliRunner().invoke(main, ["serve", "--index", str(e5_index), "--auth-file", str(tmp_path / "nej")])
    assert result.exit_code == 1
    assert result.stderr == (
        f"skolsok: error: cannot read the auth file {tmp_path / 'nej'}: No such file or directory "
        "(give a text file with one USER:PASSWORD a line)\n"
    )
