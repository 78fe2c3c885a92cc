"""The five roles of a workspace, as Django groups with model permissions.

A rep or senior rep sees their own buyers and the unassigned ones; owners, managers and viewers
see every buyer. Viewers change nothing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission
from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    OWNER = "owner"
    MANAGER = "manager"
    SENIOR_REP = "senior_rep"
    REP = "rep"
    VIEWER = "viewer"


ROLE_LABELS = {
    Role.OWNER: _("Owner"),
    Role.MANAGER: _("Manager"),
    Role.SENIOR_REP: _("Senior rep"),
    Role.REP: _("Rep"),
    Role.VIEWER: _("Viewer"),
}

OUR_APPS = ("accounts", "buyers", "inbox", "orders", "catalog", "projects")
# Models a rep works on every day; catalog, knowledge and settings are the managers' to change.
SALES_MODELS = (
    "buyer",
    "buyerevent",
    "followup",
    "conversation",
    "message",
    "order",
    "orderline",
    "sample",
    "review",
    "project",
    "projectstep",
    "projectupdate",
)
ROLES_SEEING_ALL_BUYERS = frozenset({Role.OWNER, Role.MANAGER, Role.VIEWER})


def permissions_for(role: Role) -> list[Permission]:
    """The model permissions the role's group carries."""
    ours = Permission.objects.filter(content_type__app_label__in=OUR_APPS)
    if role in (Role.OWNER, Role.MANAGER):
        perms = list(ours)
        if role is Role.OWNER:
            perms += list(Permission.objects.filter(content_type__app_label="auth"))
        return perms
    viewing = list(ours.filter(codename__startswith="view_"))
    if role is Role.VIEWER:
        return viewing
    working = ours.filter(content_type__model__in=SALES_MODELS).exclude(
        codename__startswith="delete_"
    )
    return list({p.pk: p for p in [*viewing, *working]}.values())


def ensure_role_groups(**kwargs: Any) -> None:
    """Create or refresh the role groups (runs after every migrate).

    Django creates each app's permissions in that app's own post_migrate handler, and ours runs
    before the later apps' handlers, so it creates every app's permissions first.
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=kwargs.get("using", "default"))
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.set(permissions_for(role))


def user_role(user: AbstractBaseUser | AnonymousUser) -> Role | None:
    """The user's role: superusers are owners; otherwise the highest role group they are in."""
    if not user.is_authenticated:
        return None
    cached = getattr(user, "_exportdesk_role", "unset")
    if cached != "unset":
        return cached  # type: ignore[return-value]
    role: Role | None
    if getattr(user, "is_superuser", False):
        role = Role.OWNER
    else:
        names = set(user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
        role = next((r for r in Role if r.value in names), None)
    user._exportdesk_role = role  # type: ignore[attr-defined]
    return role


def sees_all_buyers(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether the user may see every buyer, not just their own and unassigned ones."""
    return user_role(user) in ROLES_SEEING_ALL_BUYERS
