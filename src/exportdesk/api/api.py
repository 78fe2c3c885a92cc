"""The REST API under /api/v1/ (OpenAPI docs at /api/v1/docs)."""

from __future__ import annotations

from ninja import NinjaAPI, Schema

api = NinjaAPI(title="ExportDesk API", version="1", urls_namespace="api")


class Health(Schema):
    status: str
    version: str


@api.get("/health", response=Health, auth=None, summary="Is the server up?")
def health(request: object) -> dict[str, str]:
    """Liveness check for monitors and load balancers."""
    from exportdesk import __version__

    return {"status": "ok", "version": __version__}
