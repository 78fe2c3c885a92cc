"""Forms of the accounts app: login and the workspace settings."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxValueValidator, MinValueValidator, validate_email
from django.utils.translation import gettext_lazy as _

from exportdesk.accounts.models import WorkspaceSettings, default_followup_dormant_days
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

GRADES = ("A", "B", "C")
MAX_ALERT_EMAILS = 20
# Settings the form computes in clean() from several fields (per-grade days, rubric weights).
DERIVED_FIELDS = ("followup_dormant_days", "rubric_weights")


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
    alert_emails = forms.CharField(
        label=_("Alert email addresses"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One address per line. They get an email when a conversation is due soon."),
    )
    # https:// is assumed when no scheme is typed (Django 6's default).
    alert_webhook_url = forms.URLField(
        label=_("Alert webhook URL"),
        required=False,
        assume_scheme="https",
        help_text=_("Slack-, Teams- or Google-Chat-style incoming webhook; leave empty for none."),
    )
    llm_base_url = forms.URLField(
        label=_("LLM base URL"),
        required=False,
        assume_scheme="https",
        help_text=_("Any OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 for Ollama."),
    )
    auto_reply_threshold = forms.FloatField(
        label=_("Auto-reply confidence threshold"),
        min_value=0.0,
        max_value=1.0,
        help_text=_(
            "From 0.0 to 1.0. The assistant sends a reply on its own only when it is at least "
            "this sure that a knowledge-base answer fits the question; 0.75 means 75 percent. "
            "Higher is safer: fewer automatic replies, more drafts for a person to approve."
        ),
    )
    llm_api_key = forms.CharField(
        label=_("LLM API key"),
        required=False,
        max_length=255,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the stored key."),
    )
    llm_api_key_clear = forms.BooleanField(label=_("Remove the stored API key"), required=False)

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
            "followup_checkin_days",
            "followup_review_days",
            "followup_reorder_lead_days",
            "followup_sample_days",
            "followup_new_product_days",
            "due_soon_minutes",
            "alert_emails",
            "alert_webhook_url",
            "auto_reply_enabled",
            "auto_reply_threshold",
            "llm_enabled",
            "llm_base_url",
            "llm_model",
        ]
        widgets = {
            "business_hours_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "business_hours_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["priority_countries"] = ", ".join(self.instance.priority_countries or [])
        self.initial["alert_emails"] = "\n".join(self.instance.alert_emails or [])
        # Never send the stored key back to the browser; the page says whether one is stored.
        self.initial["llm_api_key"] = ""
        # "Due soon" needs at least a minute; a day ahead is the most that still means "soon".
        due_soon = self.fields["due_soon_minutes"]
        due_soon.validators += [MinValueValidator(1), MaxValueValidator(1440)]
        due_soon.widget.attrs.update({"min": 1, "max": 1440})
        dormant = {**default_followup_dormant_days(), **(self.instance.followup_dormant_days or {})}
        for grade in GRADES:
            self.fields[f"followup_dormant_{grade.lower()}"] = forms.IntegerField(
                label=_("%(grade)s buyers") % {"grade": grade},
                min_value=1,
                max_value=365,
                initial=dormant.get(grade),
            )
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

    def dormant_fields(self) -> list[forms.BoundField]:
        """The per-grade dormant days fields, for the template."""
        return [self[f"followup_dormant_{grade.lower()}"] for grade in GRADES]

    def clean_alert_emails(self) -> list[str]:
        raw = self.cleaned_data.get("alert_emails") or ""
        if isinstance(raw, list):  # the stored list, shown back as initial data
            raw = "\n".join(raw)
        addresses: list[str] = []
        invalid: list[str] = []
        for line in raw.replace(",", "\n").replace(";", "\n").splitlines():
            address = line.strip()
            if not address:
                continue
            try:
                validate_email(address)
            except forms.ValidationError:
                invalid.append(address)
                continue
            if address.lower() not in (a.lower() for a in addresses):
                addresses.append(address)
        if invalid:
            raise forms.ValidationError(
                _("Not valid email addresses: %(addresses)s. Write one address per line.")
                % {"addresses": ", ".join(invalid)},
                code="invalid_email",
            )
        if len(addresses) > MAX_ALERT_EMAILS:
            raise forms.ValidationError(
                _("At most %(max)d alert email addresses.") % {"max": MAX_ALERT_EMAILS},
                code="too_many",
            )
        return addresses

    def changes(self) -> dict[str, Any]:
        """The validated values to save (the stored API key stays unless replaced or removed)."""
        changes = {f: self.cleaned_data[f] for f in self.Meta.fields}
        for name in DERIVED_FIELDS:
            changes[name] = self.cleaned_data[name]
        if self.cleaned_data.get("llm_api_key"):
            changes["llm_api_key"] = self.cleaned_data["llm_api_key"]
        elif self.cleaned_data.get("llm_api_key_clear"):
            changes["llm_api_key"] = ""
        return changes

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
        dormant = {grade: cleaned.get(f"followup_dormant_{grade.lower()}") for grade in GRADES}
        cleaned["followup_dormant_days"] = dormant
        if cleaned.get("llm_enabled"):
            for name in ("llm_base_url", "llm_model"):
                if name in cleaned and not cleaned[name]:
                    self.add_error(
                        name, _("Needed to polish drafts with an LLM (or turn that off).")
                    )
        return cleaned
