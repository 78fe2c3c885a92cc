"""Forms of the accounts app: login and the workspace settings."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.accounts.throttle import login_blocked, login_failed, login_succeeded
from exportdesk.domain.grading import DEFAULT_RUBRIC_WEIGHTS
from exportdesk.domain.identity import country_codes
from exportdesk.domain.money import UnknownCurrencyError, normalise_currency

WEEKDAYS = [
    (0, _("Mon")),
    (1, _("Tue")),
    (2, _("Wed")),
    (3, _("Thu")),
    (4, _("Fri")),
    (5, _("Sat")),
    (6, _("Sun")),
]
RUBRIC_LABELS = {
    "company_size": _("Company size"),
    "order_potential": _("Order potential"),
    "buying_intent": _("Buying intent"),
    "platform_level": _("Platform level (L0–L4)"),
    "other": _("Other indicators"),
}


class ThrottledAuthenticationForm(AuthenticationForm):
    """The login form, refusing further tries after too many failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": _("Too many failed logins. Please wait 15 minutes and try again."),
    }

    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "")
        address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        if login_blocked(username=username, address=address):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            login_failed(username=username, address=address)
            raise
        login_succeeded(username=username)
        return cleaned


class WorkspaceSettingsForm(forms.ModelForm):
    """The Settings page: every workspace-level business setting."""

    business_days = forms.TypedMultipleChoiceField(
        label=_("Business days"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    priority_countries = forms.CharField(
        label=_("Priority countries"),
        required=False,
        max_length=800,
        help_text=_(
            "ISO country codes separated by commas, e.g. HU, US, AE. Buyers there earn "
            "points under other indicators."
        ),
    )

    class Meta:
        model = WorkspaceSettings
        fields = [
            "name",
            "timezone",
            "currency",
            "business_hours_start",
            "business_hours_end",
            "business_days",
            "sla_hours",
            "sla_uses_business_hours",
            "sample_share_a",
            "sample_share_b",
            "sample_share_c",
            "grade_a_threshold",
            "grade_b_threshold",
            "dormant_days",
            "priority_countries",
            "auto_allocate",
            "reassign_on_grade_change",
        ]
        widgets = {
            "business_hours_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "business_hours_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["priority_countries"] = ", ".join(self.instance.priority_countries or [])
        weights = {**DEFAULT_RUBRIC_WEIGHTS, **(self.instance.rubric_weights or {})}
        for key, label in RUBRIC_LABELS.items():
            self.fields[f"weight_{key}"] = forms.IntegerField(
                label=label, min_value=0, max_value=100, initial=weights.get(key, 0)
            )
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                field.widget.attrs.setdefault("class", "form-check-input")
            else:
                field.widget.attrs.setdefault("class", "form-control")

    def clean_priority_countries(self) -> list[str]:
        raw = self.cleaned_data.get("priority_countries") or ""
        if isinstance(raw, list):  # the stored list, shown back as initial data
            raw = ",".join(raw)
        codes: list[str] = []
        unknown: list[str] = []
        for part in raw.replace(";", ",").replace(" ", ",").split(","):
            code = part.strip().upper()
            if not code:
                continue
            if code not in country_codes():
                unknown.append(part.strip())
            elif code not in codes:
                codes.append(code)
        if unknown:
            raise forms.ValidationError(
                _("Unknown country codes: %(codes)s. Use two-letter ISO codes such as HU or US.")
                % {"codes": ", ".join(unknown)}
            )
        return codes

    def rubric_fields(self) -> list[forms.BoundField]:
        """The rubric weight fields, for the template."""
        return [self[f"weight_{key}"] for key in RUBRIC_LABELS]

    def clean_timezone(self) -> str:
        value: str = self.cleaned_data["timezone"].strip()
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise forms.ValidationError(
                _("Unknown time zone. Use a name like Asia/Seoul or Europe/Budapest.")
            ) from exc
        return value

    def clean_currency(self) -> str:
        try:
            return normalise_currency(self.cleaned_data["currency"])
        except UnknownCurrencyError as exc:
            raise forms.ValidationError(
                _("Unknown currency. Use a three-letter ISO code such as USD or KRW.")
            ) from exc

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        a, b = cleaned.get("grade_a_threshold"), cleaned.get("grade_b_threshold")
        if a is not None and b is not None and a <= b:
            self.add_error(
                "grade_a_threshold", _("The A threshold must be higher than the B threshold.")
            )
        start, end = cleaned.get("business_hours_start"), cleaned.get("business_hours_end")
        if start and end and start >= end:
            self.add_error("business_hours_end", _("Business hours must end after they start."))
        weights = {key: cleaned.get(f"weight_{key}") for key in RUBRIC_LABELS}
        if all(v is not None for v in weights.values()) and sum(weights.values()) == 0:  # type: ignore[arg-type]
            self.add_error(None, _("At least one rubric weight must be above zero."))
        cleaned["rubric_weights"] = weights
        return cleaned
