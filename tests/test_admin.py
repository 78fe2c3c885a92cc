"""The back-office: every model has a working admin list and add page."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import make_buyer, make_conversation, make_order

pytestmark = pytest.mark.django_db

OUR_MODELS = sorted(
    (m._meta.app_label, m._meta.model_name)
    for m in admin.site._registry
    if m.__module__.startswith("exportdesk.")
)


def test_every_model_of_the_design_is_registered():
    names = {name for _app, name in OUR_MODELS}
    assert {
        "buyer",
        "tag",
        "buyerevent",
        "conversation",
        "message",
        "product",
        "order",
        "sample",
        "review",
        "followup",
        "project",
        "projectstep",
        "projectupdate",
        "knowledgearticle",
        "replytemplate",
        "repprofile",
        "workspacesettings",
    } <= names


@pytest.mark.parametrize(("app", "model"), OUR_MODELS)
def test_the_owner_can_open_the_admin_list_and_add_pages(cast, client_for, app, model):
    buyer = make_buyer()
    make_order(buyer)
    make_conversation(buyer)
    client = client_for(cast.owner)
    assert client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200
    add = client.get(reverse(f"admin:{app}_{model}_add"))
    assert add.status_code in (200, 403)  # 403 only where adding is refused on purpose


def test_a_rep_cannot_enter_the_admin(cast, client_for):
    response = client_for(cast.rep).get("/admin/")
    assert response.status_code == 302
