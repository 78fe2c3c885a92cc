"""The "API tokens" page: a signed-in user creates, lists and revokes their own tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exportdesk.api.forms import ApiTokenForm
from exportdesk.api.models import ApiToken
from exportdesk.api.services import api_token_create, api_token_revoke


@login_required
def token_list_view(request: HttpRequest) -> HttpResponse:
    """The user's tokens, newest first, and the form to create one.

    A created token is shown in this response only (never stored, never put in the session),
    so the page answers the POST itself instead of redirecting.
    """
    new_token = None
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_token = api_token_create(user=request.user, name=form.cleaned_data["name"])  # type: ignore[arg-type]
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = ApiTokenForm()
    # Active tokens first (NULL revoked_at), then the revoked ones, newest first in each.
    tokens = ApiToken.objects.filter(user=request.user).order_by(  # type: ignore[misc]
        F("revoked_at").asc(nulls_first=True), "-created_at"
    )
    response = render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens, "new_token": new_token},
    )
    if new_token:
        response["Cache-Control"] = "no-store"  # the secret must not sit in any cache
    return response


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the user's own tokens (another user's is 404)."""
    token = ApiToken.objects.filter(pk=token_id, user=request.user).first()  # type: ignore[misc]
    if token is None:
        raise Http404("No such token")
    api_token_revoke(token=token, actor=request.user)
    messages.success(
        request, _("Token %(prefix)s… revoked: it no longer works.") % {"prefix": token.prefix}
    )
    return redirect("tokens:list")
