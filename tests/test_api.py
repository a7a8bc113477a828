"""The HTTP JSON API beside the app: same JSON as the CLI, limits, OpenAPI, and the login."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from click.testing import CliRunner
from skolsok_ui.app import create_app, launch

from skolsok.cli import main

AUTH = ("rektor", "hemligt")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base(seed_index: Path) -> Iterator[str]:
    running = launch(create_app(seed_index), "127.0.0.1", (port := free_port()), block=False)
    assert running is not None
    yield f"http://127.0.0.1:{port}"
    running.close()


@pytest.fixture(scope="module")
def locked(seed_index: Path) -> Iterator[str]:
    running = launch(create_app(seed_index, login=True), "127.0.0.1", (port := free_port()), block=False, auth=[AUTH])
    assert running is not None
    yield f"http://127.0.0.1:{port}"
    running.close()


def cli_json(*args: str) -> dict:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_search_returns_the_same_json_as_the_cli(base: str, seed_index: Path):
    response = httpx.get(f"{base}/api/search", params={"q": "styrkedja", "k": 3})
    assert response.status_code == 200
    assert response.json() == cli_json("search", "styrkedja", "-k", "3", "--json", "--index", str(seed_index))


def test_search_takes_filters(base: str):
    hits = httpx.get(f"{base}/api/search", params={"q": "styrkedja", "year": 2020}).json()["hits"]
    assert hits and {h["year"] for h in hits} == {2020}
    assert hits[0]["organization"] == "Södertälje kommun"


def test_ask_returns_the_same_json_as_the_cli(base: str, seed_index: Path):
    response = httpx.post(f"{base}/api/ask", json={"question": "Vilka kommuner har IT-råd?"})
    assert response.status_code == 200
    expected = cli_json("ask", "Vilka kommuner har IT-råd?", "--json", "--index", str(seed_index))
    assert response.json() == expected
    assert expected["organizations"][0]["name"] == "Karlstads kommun"


def test_a_record_opens_at_a_quote(base: str):
    answer = httpx.post(f"{base}/api/ask", json={"question": "Vilka kommuner har IT-råd?"}).json()
    q = answer["organizations"][0]["quotes"][0]
    response = httpx.get(
        f"{base}/api/records/{quote(q['record_id'], safe='')}", params={"start": q["start"], "end": q["end"]}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == q["record_id"] == "guldtrappan-2021-mottagare.txt#5"
    assert data["at"] == {"start": q["start"], "end": q["end"], "page": None, "text": q["text"]}
    assert data["text"][q["start"] : q["end"]] == q["text"]


def test_similar_returns_the_same_json_as_the_cli(base: str, seed_index: Path):
    response = httpx.get(f"{base}/api/similar", params={"organization": "Karlstads kommun", "k": 2})
    assert response.json() == cli_json("similar", "Karlstads kommun", "-k", "2", "--json", "--index", str(seed_index))


def test_limits_and_errors_are_explained(base: str):
    assert httpx.get(f"{base}/api/search", params={"q": "x" * 2001}).status_code == 422
    assert httpx.get(f"{base}/api/search", params={"q": "prov", "k": 51}).status_code == 422
    assert httpx.post(f"{base}/api/ask", json={"question": "x" * 2001}).status_code == 422
    assert httpx.post(f"{base}/api/ask", json={"question": ""}).status_code == 422
    missing = httpx.get(f"{base}/api/records/saknas.txt%231")
    assert missing.status_code == 404
    assert missing.json() == {
        "detail": "no record 'saknas.txt#1' in the index (record ids are in: skolsok search --json; "
        "the index may have been rebuilt since)"
    }
    unknown = httpx.get(f"{base}/api/similar", params={"organization": "Ingenstans"})
    assert unknown.status_code == 404
    empty = httpx.get(f"{base}/api/search", params={"q": "   "})
    assert empty.status_code == 400
    assert empty.json() == {"detail": "the query is empty: type a question or some search words"}


def test_openapi_schema_lists_the_routes(base: str):
    schema = httpx.get(f"{base}/api/openapi.json").json()
    assert set(schema["paths"]) == {"/api/search", "/api/ask", "/api/records/{record_id}", "/api/similar"}
    assert httpx.get(f"{base}/docs").status_code in (401, 404)  # no page that loads scripts from a CDN


def test_gradio_api_clients_can_use_filters(base: str):
    """The app's own API (gradio) accepted only "Alla" for filters: the choices were fixed at start."""
    with httpx.Client(timeout=30) as client:
        event = client.post(
            f"{base}/gradio_api/call/search", json={"data": ["styrkedja", "Alla", "2020", "Alla", "Alla"]}
        ).json()["event_id"]
        body = client.get(f"{base}/gradio_api/call/search/{event}").text
    assert "event: complete" in body
    shown = json.loads(body.split("data: ", 1)[1])[0]
    assert "Södertälje kommun" in shown and "Karlstads kommun" not in shown


def test_without_login_nothing_is_served(locked: str):
    for path in ("/api/search?q=prov", "/api/records/x", "/api/similar?organization=Karlstad", "/api/openapi.json"):
        response = httpx.get(f"{locked}{path}")
        assert response.status_code == 401, path
        assert response.json() == {"error": "Logga in först."}
    assert httpx.post(f"{locked}/api/ask", json={"question": "IT-råd?"}).status_code == 401
    assert httpx.get(f"{locked}/kalla/x").status_code == 401
    assert httpx.get(f"{locked}/api/search", params={"q": "prov"}, auth=("rektor", "fel")).status_code == 401


def test_with_login_the_api_answers(locked: str):
    response = httpx.get(f"{locked}/api/search", params={"q": "styrkedja", "k": 1}, auth=AUTH)
    assert response.status_code == 200
    assert response.json()["hits"][0]["organization"] == "Södertälje kommun"
    with httpx.Client() as client:  # the app's login cookie opens the API and the pages too
        assert client.post(f"{locked}/login", data={"username": "rektor", "password": "hemligt"}).status_code == 200
        assert client.get(f"{locked}/").status_code == 200
        assert client.get(f"{locked}/config").status_code == 200
        asked = client.post(f"{locked}/api/ask", json={"question": "Vilka kommuner har IT-råd?"})
        assert asked.status_code == 200 and asked.json()["answered"] is True
        page = client.get(f"{locked}/kalla/{quote('guldtrappan-2021-mottagare.txt#5', safe='')}")
        assert page.status_code == 200 and "Karlstads kommun" in page.text
