"""Login, the Settings page and the friendly error pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from exportdesk.accounts.forms import ThrottledAuthenticationForm, WorkspaceSettingsForm
from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.accounts.services import workspace_settings_update


class LoginView(auth_views.LoginView):
    """Django's login view with throttling."""

    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True


@login_required
def workspace_settings(request: HttpRequest) -> HttpResponse:
    """Show the workspace settings; owners and managers may change them."""
    workspace = WorkspaceSettings.current()
    # Read before the form runs; the key itself never reaches the page, only that one is stored.
    has_llm_api_key = bool(workspace.llm_api_key)
    can_edit = request.user.has_perm("accounts.change_workspacesettings")
    if request.method == "POST":
        if not can_edit:
            return permission_denied(request, None)
        form = WorkspaceSettingsForm(request.POST, instance=workspace)
        if form.is_valid():
            workspace_settings_update(changes=form.changes())
            messages.success(request, _("Settings saved."))
            return redirect("workspace_settings")
        messages.error(request, _("Please correct the errors below. Nothing was saved."))
    else:
        form = WorkspaceSettingsForm(instance=workspace)
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
        # A chat webhook URL is a secret (anyone holding it can post to the channel): people who
        # cannot change the settings see whether one is set, not the URL.
        if workspace.alert_webhook_url:
            form.initial["alert_webhook_url"] = _("(set; only owners and managers see it)")
    return render(
        request,
        "accounts/settings.html",
        {"form": form, "can_edit": can_edit, "has_llm_api_key": has_llm_api_key},
    )


def permission_denied(request: HttpRequest, exception: Exception | None) -> HttpResponse:
    """403 page."""
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None) -> HttpResponse:
    """404 page."""
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 page (static: no context processors, which might fail the same way again)."""
    from django.template import loader

    body = loader.get_template("errors/500_static.html").render()
    return HttpResponse(body, status=500)
