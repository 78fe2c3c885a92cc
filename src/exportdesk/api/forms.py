"""The form of the API tokens page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from exportdesk.api.services import TOKEN_NAME_MAX


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=TOKEN_NAME_MAX,
        help_text=_("What will use it, e.g. “Zapier” or “order sync script”."),
    )
