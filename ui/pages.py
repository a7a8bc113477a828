"""Pages beside the gradio app: a record opened at its quote (``/kalla``) and the organizations
most like one (``/liknande``). Plain HTML, no script: they load fast, print and link well."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from skolsok import (
    LiveSearcher,
    RecordNotFoundError,
    SkolsokError,
    UnknownOrganizationError,
    open_source,
    similar_organizations,
)
from skolsok.conversation import MAX_QUESTION

from .render import error_page, similar_html, source_html


def router(live: LiveSearcher) -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    @pages.get("/kalla/{record_id:path}", response_class=HTMLResponse)
    def source(
        record_id: str,
        start: Annotated[int | None, Query(ge=0)] = None,
        end: Annotated[int | None, Query(ge=0)] = None,
    ) -> HTMLResponse:
        try:
            view = open_source(live.get().index.records, record_id, start, end)
        except RecordNotFoundError:
            return HTMLResponse(error_page("Dokumentet finns inte (längre) i sökindexet."), status_code=404)
        except SkolsokError as exc:
            return HTMLResponse(error_page(str(exc)), status_code=503)
        return HTMLResponse(source_html(view))

    @pages.get("/liknande", response_class=HTMLResponse)
    def similar(
        huvudman: Annotated[str, Query(min_length=1, max_length=200)],
        om: Annotated[str | None, Query(max_length=MAX_QUESTION)] = None,
    ) -> HTMLResponse:
        try:
            result = similar_organizations(live.get(), huvudman, about=om or None, top_k=5)
        except UnknownOrganizationError:
            return HTMLResponse(error_page(f"Ingen huvudman heter ”{huvudman}” i sökindexet."), status_code=404)
        except SkolsokError as exc:
            return HTMLResponse(error_page(str(exc)), status_code=503)
        return HTMLResponse(similar_html(result))

    return pages
