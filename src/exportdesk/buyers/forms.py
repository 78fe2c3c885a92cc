"""Forms for creating and editing buyers (validation messages in Korean and English)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from exportdesk.accounts.roles import Role, sees_all_buyers
from exportdesk.buyers.display import country_choices
from exportdesk.buyers.models import Buyer
from exportdesk.domain.money import Money, UnknownCurrencyError, normalise_currency


class BuyerForm(forms.ModelForm):
    """Profile fields of a buyer; the grade is computed, never typed."""

    country = forms.ChoiceField(label=_("Country"))
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    annual_purchase = forms.DecimalField(
        label=_("Estimated annual purchase"),
        required=False,
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
    )
    annual_purchase_currency = forms.CharField(
        label=_("Currency"), max_length=3, initial="USD", required=False
    )

    class Meta:
        model = Buyer
        fields = [
            "company",
            "contact_name",
            "email",
            "phone",
            "country",
            "website",
            "channel",
            "platform_buyer_id",
            "platform_level",
            "company_size",
            "business_type",
            "verified",
            "assigned_rep",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]  # type: ignore[attr-defined]
        reps = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=[Role.SENIOR_REP, Role.REP])
            .distinct()
            .order_by("first_name", "username")
        )
        if user is not None and not sees_all_buyers(user):
            # A rep may take a buyer or leave it unassigned, not hand it to a colleague.
            reps = reps.filter(pk=user.pk)
        self.fields["assigned_rep"].queryset = reps  # type: ignore[attr-defined]
        self.fields["assigned_rep"].help_text = _(
            "Leave empty to let the allocation rules choose a rep (when automatic allocation "
            "is on in Settings)."
        )
        self.fields["verified"].help_text = _("The platform shows the buyer as verified.")
        self.fields["assigned_rep"].label_from_instance = (  # type: ignore[attr-defined]
            lambda user: user.get_full_name() or user.get_username()
        )
        if self.instance.pk and self.instance.annual_purchase_minor is not None:
            amount = Money(
                self.instance.annual_purchase_minor, self.instance.annual_purchase_currency
            )
            self.initial["annual_purchase"] = amount.to_decimal()
        if self.instance.pk:
            self.initial["annual_purchase_currency"] = self.instance.annual_purchase_currency
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "form-check-input")
                continue
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
            if name in {"country", "platform_level"}:
                field.widget.attrs["class"] = "form-select"

    def clean_annual_purchase_currency(self) -> str:
        value = self.cleaned_data.get("annual_purchase_currency") or "USD"
        try:
            return normalise_currency(value)
        except UnknownCurrencyError as exc:
            raise forms.ValidationError(
                _("Unknown currency. Use a three-letter ISO code such as USD or KRW.")
            ) from exc

    def service_changes(self) -> dict[str, Any]:
        """The cleaned data as the fields the buyer services take."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        amount = self.cleaned_data.get("annual_purchase")
        currency = self.cleaned_data.get("annual_purchase_currency") or "USD"
        data["annual_purchase_currency"] = currency
        data["annual_purchase_minor"] = (
            Money.from_decimal(amount, currency).minor if amount is not None else None
        )
        return data


class TagForm(forms.Form):
    """Add a user tag to a buyer."""

    name = forms.CharField(label=_("Tag"), max_length=60)


class GradeLockForm(forms.Form):
    """Lock a buyer's grade by hand: the letter and why."""

    grade = forms.ChoiceField(
        label=_("Grade"),
        choices=[("A", "A"), ("B", "B"), ("C", "C")],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-sm",
                "placeholder": _("e.g. key distributor in Hungary, met at Cosmoprof"),
            }
        ),
        error_messages={
            "required": _("Say why the grade is locked; the reason is shown on the buyer page.")
        },
    )

    def clean_reason(self) -> str:
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError(
                _("Say why the grade is locked; the reason is shown on the buyer page.")
            )
        return reason
