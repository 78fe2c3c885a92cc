"""Forms of the inbox: the reply composer and the "new inquiry" form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from exportdesk.buyers.display import country_choices
from exportdesk.buyers.models import Channel
from exportdesk.inbox.services import MAX_BODY_CHARS


class ReplyForm(forms.Form):
    """The composer: the reply text and how it leaves."""

    body = forms.CharField(
        label=_("Reply"),
        max_length=MAX_BODY_CHARS,
        widget=forms.Textarea(attrs={"rows": 10, "class": "font-reply"}),
    )


class InquiryForm(forms.Form):
    """A buyer message typed or pasted by hand (e.g. copied from the Alibaba.com message centre).

    Only the text is required: the rest is read from a pasted Alibaba.com inquiry when present,
    and what the user types wins over what was read.
    """

    text = forms.CharField(
        label=_("Message"),
        max_length=MAX_BODY_CHARS,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Paste the buyer's message. A whole Alibaba.com inquiry (with name, country and "
            "quantity) is read automatically."
        ),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial="alibaba")
    company = forms.CharField(label=_("Company"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("Contact name"), max_length=120, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    platform_buyer_id = forms.CharField(label=_("Platform buyer ID"), max_length=64, required=False)
    subject = forms.CharField(label=_("Subject"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [  # type: ignore[attr-defined]
            ("", _("Unknown / read from the text")),
            *country_choices(),
        ]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
