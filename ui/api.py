"""The JSON API beside the app: the same JSON as ``skolsok search|ask|show|similar --json``.

Routes are plain ``def``: FastAPI runs them in its thread pool, so a search never blocks the server.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, Field

from skolsok import (
    Filters,
    InvalidQueryError,
    LiveSearcher,
    RecordNotFoundError,
    SkolsokError,
    UnknownOrganizationError,
    open_source,
    similar_organizations,
)
from skolsok import ask as ask_answer
from skolsok.conversation import MAX_QUESTION
from skolsok.similar import MAX_SIMILAR

MAX_TOP_K = 50
Text = Annotated[str, Query(min_length=1, max_length=MAX_QUESTION)]
Name = Annotated[str | None, Query(max_length=200)]


class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_QUESTION, description="Frågan, på svenska eller engelska.")
    organization: str | None = Field(None, max_length=200, description="Bara denna huvudman (del av namnet).")
    year: int | None = Field(None, ge=1900, le=2100)
    school_form: str | None = Field(None, max_length=100)
    kind: str | None = Field(None, max_length=50, description="jury_motivation, press_release eller article.")


def _fail(exc: SkolsokError) -> HTTPException:
    status = 404 if isinstance(exc, RecordNotFoundError | UnknownOrganizationError) else 400
    if not isinstance(exc, InvalidQueryError | RecordNotFoundError | UnknownOrganizationError):
        status = 503  # the index cannot be read: the server, not the request, needs fixing
    return HTTPException(status_code=status, detail=str(exc))


def router(live: LiveSearcher) -> APIRouter:
    api = APIRouter(prefix="/api", tags=["skolsok"])

    @api.get("/search", summary="Sök stycken")
    def search(
        q: Text,
        k: Annotated[int, Query(ge=1, le=MAX_TOP_K)] = 10,
        organization: Name = None,
        year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
        school_form: Name = None,
        kind: Name = None,
    ) -> dict[str, Any]:
        """The ``k`` best passages for ``q``, as ``skolsok search --json``."""
        try:
            filters = Filters(organization=organization, year=year, school_form=school_form, kind=kind)
            hits = live.get().search(q, top_k=k, filters=filters)
        except SkolsokError as exc:
            raise _fail(exc) from None
        return {"query": q, "hits": [h.to_dict() for h in hits]}

    @api.post("/ask", summary="Ställ en fråga")
    def ask(request: AskRequest) -> dict[str, Any]:
        """An answer with verbatim quotes, as ``skolsok ask --json``."""
        filters = Filters(
            organization=request.organization, year=request.year, school_form=request.school_form, kind=request.kind
        )
        try:
            answer = ask_answer(live.get(), request.question, filters=filters)
        except SkolsokError as exc:
            raise _fail(exc) from None
        return answer.to_dict()

    @api.get("/records/{record_id:path}", summary="Ett dokument, med citatet utpekat")
    def record(
        record_id: str,
        start: Annotated[int | None, Query(ge=0)] = None,
        end: Annotated[int | None, Query(ge=0)] = None,
    ) -> dict[str, Any]:
        """The record and, with ``start``, the quote at ``[start, end)``, as ``skolsok show --json``."""
        try:
            return open_source(live.get().index.records, record_id, start, end).to_dict()
        except SkolsokError as exc:
            raise _fail(exc) from None

    @api.get("/similar", summary="Liknande huvudmän")
    def similar(
        organization: Annotated[str, Query(min_length=1, max_length=200, description="Namn eller record-id.")],
        about: Annotated[str | None, Query(max_length=MAX_QUESTION)] = None,
        k: Annotated[int, Query(ge=1, le=MAX_SIMILAR)] = 5,
    ) -> dict[str, Any]:
        """The closest organizations by what their documents say, as ``skolsok similar --json``."""
        try:
            return similar_organizations(live.get(), organization, about=about, top_k=k).to_dict()
        except SkolsokError as exc:
            raise _fail(exc) from None

    return api
