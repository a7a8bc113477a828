"""``skolsok serve`` as users start it: a real process on a free loopback port, spoken to only
through its public HTTP surface (the page, gradio's config and its named API endpoints)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import ARTICLE, PRESS_RELEASE, RECIPIENTS_PAGE, write_corpus

from skolsok import build_index
from skolsok.store import current_generation

pytestmark = pytest.mark.slow

APP_TEXT = "juryns motiveringar"  # in the app's header: only in a page that carries the app
START_TIMEOUT = 180.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``skolsok -v serve …`` in a subprocess; its stderr lines are collected as they come."""

    def __init__(self, index: Path, *args: str, host: str = "127.0.0.1", env: dict[str, str] | None = None) -> None:
        self.port = _free_port()
        self.url = f"http://{host}:{self.port}"
        environment = {k: v for k, v in os.environ.items() if k != "SKOLSOK_AUTH"}
        command = [sys.executable, "-m", "skolsok", "-v", "serve", "--index", str(index), "--host", host]
        command += ["--port", str(self.port), *args]
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**environment, "GRADIO_ANALYTICS_ENABLED": "False", **(env or {})},
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._wait_until_up()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._reader.join(5)
                pytest.fail(f"skolsok serve exited with {self.process.returncode}:\n" + "\n".join(self.lines))
            try:
                if httpx.get(self.url + "/", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        pytest.fail("skolsok serve did not answer within the timeout:\n" + "\n".join(self.lines))

    def wait_for_line(self, pattern: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if re.search(pattern, line):
                    return line
            time.sleep(0.05)
        pytest.fail(f"no stderr line matching {pattern!r}:\n" + "\n".join(self.lines))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM: gradio lingers for seconds after Ctrl-C
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(5)


def call(client: httpx.Client, url: str, endpoint: str, first: str) -> httpx.Response | list[object]:
    """Call a named API endpoint the way any HTTP client can: the first parameter given, the
    others at the defaults the server's API description declares. Returns the output data, or
    the refusing response."""
    info = client.get(f"{url}/gradio_api/info")
    if info.status_code != 200:
        return info
    parameters = info.json()["named_endpoints"][f"/{endpoint}"]["parameters"]
    data = [first] + [p["parameter_default"] for p in parameters[1:]]
    started = client.post(f"{url}/gradio_api/call/{endpoint}", json={"data": data})
    if started.status_code != 200:
        return started
    stream = client.get(f"{url}/gradio_api/call/{endpoint}/{started.json()['event_id']}", timeout=60)
    events = re.findall(r"event: (\w+)\ndata: (.*)", stream.text)
    assert events and events[-1][0] == "complete", stream.text[:500]
    return list(json.loads(events[-1][1]))


def search_html(client: httpx.Client, url: str, query: str) -> str:
    result = call(client, url, "search", query)
    assert isinstance(result, list), result
    return str(result[0])


def login(client: httpx.Client, url: str, user: str, password: str) -> int:
    return client.post(f"{url}/login", data={"username": user, "password": password}).status_code


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("serve")
    corpus = write_corpus(
        root / "corpus",
        {"mottagare-2023.txt": RECIPIENTS_PAGE, "cederkoping.txt": PRESS_RELEASE, "dalby.md": ARTICLE},
    )
    build_index(corpus, root / "index")
    return root / "index"


@pytest.fixture
def served() -> Iterator[list[Server]]:
    """Servers started by a test, always stopped."""
    servers: list[Server] = []
    yield servers
    for server in servers:
        server.stop()


def _assert_locked_then_open(url: str, users: list[tuple[str, str]]) -> None:
    with httpx.Client(timeout=30) as anonymous:
        page = anonymous.get(f"{url}/")
        assert page.status_code == 200 and '"auth_required":true' in page.text and APP_TEXT not in page.text
        assert anonymous.get(f"{url}/config").status_code == 401
        assert anonymous.get(f"{url}/gradio_api/info").status_code == 401
        refused = anonymous.post(
            f"{url}/gradio_api/call/search", json={"data": ["prov", "Alla", "Alla", "Alla", "Alla"]}
        )
        assert refused.status_code == 401
        assert login(anonymous, url, users[0][0], "fel") == 400
        assert anonymous.get(f"{url}/config").status_code == 401
    for user, password in users:
        with httpx.Client(timeout=30) as client:
            assert login(client, url, user, password) == 200
            page = client.get(f"{url}/")
            assert page.status_code == 200 and APP_TEXT in page.text and '"auth_required":true' not in page.text
            assert client.get(f"{url}/config").json()["title"] == "skolsok"
            assert "Bullerby stad" in search_html(client, url, "Vem använder digitala prov?")
            answer = call(client, url, "ask", "Vem använder digitala prov?")
            assert isinstance(answer, list) and "Bullerby stad" in json.dumps(answer, ensure_ascii=False)


def test_auth_flag_locks_every_page_and_api_until_login(index: Path, served: list[Server]):
    server = Server(index, "--auth", "rektor:hemligt", "--auth", "vikarie:annat")
    served.append(server)
    _assert_locked_then_open(server.url, [("rektor", "hemligt"), ("vikarie", "annat")])
    assert server.wait_for_line(r"^skolsok: serving ") == (
        f"skolsok: serving {index} on {server.url}, login required for 2 user(s) (Ctrl-C stops)"
    )
    # The one warning: a password on the command line shows in `ps` (no host warning: it is local).
    assert [line for line in server.lines if "warning" in line.casefold() and "skolsok" in line] == [
        "skolsok: warning: a password given with --auth is visible to other users in the process list; "
        "use SKOLSOK_AUTH or --auth-file instead"
    ]


def test_skolsok_auth_in_the_environment_locks_it_too_and_silences_the_host_warning(index: Path, served: list[Server]):
    # 127.0.0.2 is loopback on Linux but not one of the local names: as if exposed, yet private.
    server = Server(index, host="127.0.0.2", env={"SKOLSOK_AUTH": "rektor:hemligt, vikarie:annat"})
    served.append(server)
    _assert_locked_then_open(server.url, [("rektor", "hemligt"), ("vikarie", "annat")])
    assert server.wait_for_line(r"^skolsok: serving ").endswith("login required for 2 user(s) (Ctrl-C stops)")
    assert not [line for line in server.lines if "warning: 127.0.0.2" in line]


def test_a_non_local_host_without_login_is_warned_about(index: Path, served: list[Server]):
    server = Server(index, host="127.0.0.2")
    served.append(server)
    assert server.lines[:2] == [
        "skolsok: warning: 127.0.0.2 exposes the app to the network without --auth",
        f"skolsok: serving {index} on {server.url} (Ctrl-C stops)",
    ]
    with httpx.Client(timeout=30) as client:  # and it serves, without a login
        assert client.get(f"{server.url}/config").status_code == 200


def test_a_running_server_follows_rebuilds_on_sighup_and_within_two_seconds(
    index: Path, tmp_path: Path, served: list[Server]
):
    server = Server(index)
    served.append(server)
    assert not [line for line in server.lines if "warning:" in line]  # 127.0.0.1 needs no login
    corpus = Path(json.loads((current_generation(index) / "manifest.json").read_text())["corpus"]["path"])
    with httpx.Client(timeout=30) as client:
        assert "Omby kommun" not in search_html(client, server.url, "planetarium med digitala teleskop")

        # SIGHUP: the new generation is loaded at once, before any request asks for it.
        (corpus / "omby.txt").write_text(
            "Omby kommun bygger ett planetarium\n\nOmby kommun har byggt ett planetarium för alla elever i "
            "årskurs sex, där lärarna undervisar i astronomi med digitala teleskop.\n",
            encoding="utf-8",
        )
        build_index(corpus, index)
        second = current_generation(index).name
        server.process.send_signal(signal.SIGHUP)
        server.wait_for_line(rf"serving index generation {second}$", timeout=30)
        assert "Omby kommun" in search_html(client, server.url, "planetarium med digitala teleskop")

        # Without a signal: requests see a new generation within 2 seconds of the switch.
        (corpus / "pelleby.txt").write_text(
            "Pelleby kommun startar en robotklubb\n\nPelleby kommun har startat en robotklubb där eleverna "
            "bygger och programmerar undervattensrobotar tillsammans med biblioteket.\n",
            encoding="utf-8",
        )
        build_index(corpus, index)
        third = current_generation(index).name
        switched = time.monotonic()
        while "Pelleby kommun" not in search_html(client, server.url, "undervattensrobotar i en robotklubb"):
            assert time.monotonic() - switched < 4.0, "the new generation was not served within 2 s (+ load time)"
            time.sleep(0.2)
        assert server.wait_for_line(rf"serving index generation {third}$", timeout=1)


def test_serving_a_missing_index_says_how_to_build_it(tmp_path: Path, served: list[Server]):
    missing = tmp_path / "index"
    server = Server(missing)
    served.append(server)
    assert server.lines[:2] == [
        f"skolsok: warning: no index found in {missing} (build it with: skolsok index build --index {missing})",
        f"skolsok: serving {missing} on {server.url} (Ctrl-C stops)",
    ]
