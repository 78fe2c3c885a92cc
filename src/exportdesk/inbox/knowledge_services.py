"""Writes of the knowledge base: create, update and delete articles.

Who may change the knowledge base: owners, managers and senior reps (the people whose answers
the assistant repeats to buyers). Reps and viewers read it. Invalid input raises a
``ValidationError`` keyed by field, so a form can show each message next to its field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from exportdesk.accounts.roles import Role, user_role
from exportdesk.assistant.intents import INTENTS
from exportdesk.inbox.models import KnowledgeArticle

KNOWLEDGE_EDITOR_ROLES = frozenset({Role.OWNER, Role.MANAGER, Role.SENIOR_REP})
MAX_QUESTIONS = 50
MAX_QUESTION_CHARS = 500
MAX_ANSWER_CHARS = 5000
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")


def can_edit_knowledge(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether the user may create, edit and delete knowledge articles."""
    return user_role(user) in KNOWLEDGE_EDITOR_ROLES


def _check_actor(actor: Any) -> None:
    if actor is not None and not can_edit_knowledge(actor):
        raise PermissionDenied(_("Only owners, managers and senior reps may change knowledge."))


def knowledge_article_validate(
    *,
    title: str,
    question_variants: Iterable[str],
    answers: Mapping[str, str],
    intents: Iterable[str],
) -> dict[str, Any]:
    """Normalised field values, or a ``ValidationError`` listing every problem by field.

    The services call it before writing; forms may call it to show every problem at once.
    """
    errors: dict[str, list[str]] = {}
    questions = list(dict.fromkeys(q.strip() for q in question_variants if q and q.strip()))
    if not questions:
        errors.setdefault("question_variants", []).append(
            _("Write at least one question, as a buyer would ask it.")
        )
    elif len(questions) > MAX_QUESTIONS:
        errors.setdefault("question_variants", []).append(
            _("At most %(max)d question variants.") % {"max": MAX_QUESTIONS}
        )
    elif any(len(q) > MAX_QUESTION_CHARS for q in questions):
        errors.setdefault("question_variants", []).append(
            _("A question variant may have at most %(max)d characters.")
            % {"max": MAX_QUESTION_CHARS}
        )

    cleaned_answers: dict[str, str] = {}
    for raw_language, raw_text in answers.items():
        language = (raw_language or "").strip().lower()
        text = (raw_text or "").strip()
        if not text:
            continue
        if not _LANGUAGE_CODE.match(language):
            errors.setdefault("answers", []).append(
                _("“%(code)s” is not a language code (use two letters, such as ko, en, es).")
                % {"code": raw_language}
            )
            continue
        if len(text) > MAX_ANSWER_CHARS:
            errors.setdefault("answers", []).append(
                _("The %(code)s answer may have at most %(max)d characters.")
                % {"code": language, "max": MAX_ANSWER_CHARS}
            )
            continue
        cleaned_answers[language] = text
    if not ({"ko", "en"} & cleaned_answers.keys()):
        errors.setdefault("answers", []).append(_("Write the answer in Korean or English."))

    chosen = list(dict.fromkeys(i.strip() for i in intents if i and i.strip()))
    unknown = [i for i in chosen if i not in INTENTS]
    if unknown:
        errors.setdefault("intents", []).append(
            _("Unknown intents: %(names)s.") % {"names": ", ".join(unknown)}
        )

    title = (title or "").strip()
    if not title and questions:
        title = questions[0]
    if len(title) > 200:
        title = title[:199] + "…"
    if errors:
        raise ValidationError(errors)
    return {
        "title": title,
        "question_variants": questions,
        "answers": cleaned_answers,
        "intents": [i for i in INTENTS if i in chosen],
    }


@transaction.atomic
def knowledge_article_create(
    *,
    actor: Any,
    question_variants: Iterable[str],
    answers: Mapping[str, str],
    intents: Iterable[str] = (),
    title: str = "",
    auto_reply_allowed: bool = False,
) -> KnowledgeArticle:
    """Add an article; the title defaults to the first question variant.

    ``actor=None`` is the system (demo seed, imports); a person must be a knowledge editor.
    """
    _check_actor(actor)
    values = knowledge_article_validate(
        title=title, question_variants=question_variants, answers=answers, intents=intents
    )
    return KnowledgeArticle.objects.create(**values, auto_reply_allowed=bool(auto_reply_allowed))


@transaction.atomic
def knowledge_article_update(
    *,
    article: KnowledgeArticle,
    actor: Any,
    question_variants: Iterable[str],
    answers: Mapping[str, str],
    intents: Iterable[str] = (),
    title: str = "",
    auto_reply_allowed: bool = False,
) -> KnowledgeArticle:
    """Replace an article's questions, answers, intents and auto-reply permission."""
    _check_actor(actor)
    values = knowledge_article_validate(
        title=title, question_variants=question_variants, answers=answers, intents=intents
    )
    for name, value in values.items():
        setattr(article, name, value)
    article.auto_reply_allowed = bool(auto_reply_allowed)
    article.save()
    return article


@transaction.atomic
def knowledge_article_delete(*, article: KnowledgeArticle, actor: Any) -> None:
    """Delete an article. Triage results that cited it keep the id; answers skip unknown ids."""
    _check_actor(actor)
    article.delete()
