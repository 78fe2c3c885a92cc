"""Forms of the order, sample, review and follow-up screens: amounts typed in major units,
turned into minor units here."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from exportdesk.catalog.models import Product
from exportdesk.domain.money import Money, UnknownCurrencyError, minor_exponent, normalise_currency
from exportdesk.orders.followup_services import DISMISS_REASON_MAX, SNOOZE_DAYS
from exportdesk.orders.models import Order, Sample
from exportdesk.orders.services import LOST_REASON_MAX, ORDER_NUMBER_MAX

AMOUNT_ERRORS = {
    "min_value": _("A cost cannot be negative."),
    "invalid": _("Enter an amount, e.g. 12.50."),
}


def _amount_field(label: Any, *, required: bool) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_digits=14,
        error_messages=AMOUNT_ERRORS,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )


class SampleRequestForm(forms.Form):
    """A sample request: products (optional), sample cost (required), courier cost, currency."""

    products = forms.ModelMultipleChoiceField(
        label=_("Products"),
        queryset=Product.objects.order_by("category", "sku"),
        required=False,
        help_text=_("Optional. Hold Ctrl (⌘ on a Mac) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    cost = _amount_field(_("Sample cost"), required=True)
    courier_cost = _amount_field(_("Courier cost"), required=False)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        self.fields["cost"].help_text = _("Your cost of the sample goods, before any split.")
        self.fields["courier_cost"].help_text = _("Leave empty if there is none.")

    def clean_currency(self) -> str:
        try:
            return normalise_currency(self.cleaned_data["currency"])
        except UnknownCurrencyError:
            raise forms.ValidationError(
                _("Not a currency code. Use three letters, e.g. USD, EUR, KRW."),
                code="unknown_currency",
            ) from None

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        currency = data.get("currency")
        if not currency:
            return data
        digits = minor_exponent(currency)
        for name in ("cost", "courier_cost"):
            amount = data.get(name)
            if name not in data:
                continue  # already has its own error
            if amount is None:
                amount = Decimal(0)
            if amount != amount.quantize(Decimal(1).scaleb(-digits)):
                self.add_error(
                    name,
                    _("%(currency)s amounts have at most %(digits)d decimal places.")
                    % {"currency": currency, "digits": digits},
                )
                continue
            data[f"{name}_minor"] = Money.from_decimal(amount, currency).minor
        return data


class SampleLostForm(forms.Form):
    """Why a sample did not lead to an order."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=LOST_REASON_MAX,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )


class SampleConvertForm(forms.Form):
    """The order that followed the sample, chosen among the buyer's orders."""

    order = forms.ModelChoiceField(label=_("Order"), queryset=Order.objects.none())

    def __init__(self, *args: Any, sample: Sample, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["order"]
        field.queryset = sample.buyer.orders.exclude(  # type: ignore[attr-defined]
            status=Order.Status.CANCELLED
        )
        field.error_messages["invalid_choice"] = _("Choose one of this buyer's orders.")


def _styled(form: forms.BaseForm, small: bool = False) -> None:
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", f"{css} {css}-sm" if small else css)


def _to_minor(form: forms.Form, name: str, amount: Decimal, currency: str) -> int | None:
    digits = minor_exponent(currency)
    if amount != amount.quantize(Decimal(1).scaleb(-digits)):
        form.add_error(
            name,
            _("%(currency)s amounts have at most %(digits)d decimal places.")
            % {"currency": currency, "digits": digits},
        )
        return None
    return Money.from_decimal(amount, currency).minor


class OrderForm(forms.Form):
    """The order header: number, payment channel, currency."""

    number = forms.CharField(label=_("Order number"), max_length=ORDER_NUMBER_MAX)
    channel = forms.ChoiceField(
        label=_("Payment channel"), choices=Order.Channel.choices, initial=Order.Channel.TT
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)

    def clean_currency(self) -> str:
        try:
            return normalise_currency(self.cleaned_data["currency"])
        except UnknownCurrencyError:
            raise forms.ValidationError(
                _("Not a currency code. Use three letters, e.g. USD, EUR, KRW."),
                code="unknown_currency",
            ) from None


class OrderLineForm(forms.Form):
    """One line: a product or a description, a quantity and a unit price (major units)."""

    product = forms.ModelChoiceField(
        label=_("Product"), queryset=Product.objects.order_by("category", "sku"), required=False
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, required=False)
    unit_price = forms.DecimalField(
        label=_("Unit price"),
        min_value=Decimal(0),
        max_digits=14,
        required=False,
        error_messages={"min_value": _("A price cannot be negative.")},
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self, small=True)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(k) for k in ("product", "description", "quantity", "unit_price"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_blank():
            return data
        if not data.get("product") and not data.get("description"):
            self.add_error("description", _("Choose a product or describe the goods."))
        if data.get("quantity") is None and "quantity" not in self.errors:
            self.add_error("quantity", _("Enter a quantity."))
        if data.get("unit_price") is None and "unit_price" not in self.errors:
            self.add_error("unit_price", _("Enter a unit price."))
        return data


OrderLineFormSet = forms.formset_factory(OrderLineForm, extra=3, max_num=50, absolute_max=50)


def order_lines_from(formset: Any, currency: str) -> list[dict[str, Any]] | None:
    """The filled lines of a valid formset in minor units; None (with errors added) if not."""
    lines = []
    ok = True
    for line_form in formset.forms:
        if line_form.is_blank():
            continue
        data = line_form.cleaned_data
        minor = _to_minor(line_form, "unit_price", data["unit_price"], currency)
        if minor is None:
            ok = False
            continue
        lines.append(
            {
                "product": data.get("product"),
                "description": data.get("description") or "",
                "quantity": data["quantity"],
                "unit_price_minor": minor,
            }
        )
    return lines if ok else None


class ReviewForm(forms.Form):
    """A review the buyer left: rating 1–5 and the text."""

    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[(n, "★" * n) for n in range(5, 0, -1)],
        coerce=int,
    )
    text = forms.CharField(
        label=_("Review text"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class FollowUpSnoozeForm(forms.Form):
    days = forms.TypedChoiceField(choices=[(d, d) for d in SNOOZE_DAYS], coerce=int)


class FollowUpDismissForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=DISMISS_REASON_MAX)
