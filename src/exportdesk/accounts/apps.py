from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "exportdesk.accounts"
    verbose_name = _("Accounts and workspace")

    def ready(self) -> None:
        from exportdesk.accounts.roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, sender=self)
