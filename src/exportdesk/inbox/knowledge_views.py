"""The knowledge pages: list with search and intent filter, article form, delete, "try a question".

Everyone signed in reads the knowledge base; owners, managers and senior reps change it
(``knowledge_services.KNOWLEDGE_EDITOR_ROLES``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.assistant.pipeline import TriageContext, triage
from exportdesk.inbox.knowledge_base import (
    ANSWER_LANGUAGES,
    INTENT_LABELS,
    embeddings_enabled,
    knowledge_list,
    workspace_knowledge_base,
)
from exportdesk.inbox.knowledge_services import (
    can_edit_knowledge,
    knowledge_article_create,
    knowledge_article_delete,
    knowledge_article_update,
    knowledge_article_validate,
)
from exportdesk.inbox.models import KnowledgeArticle

MAX_TRY_CHARS = 2000
TRY_LIMIT = 5


class KnowledgeArticleForm(forms.Form):
    """The article form; answers in languages other than ko/en come as extra rows."""

    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Optional: the first question is used when left empty."),
    )
    questions = forms.CharField(
        label=gettext_lazy("Question variants"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=gettext_lazy(
            "One question per line, in the buyers' own words and languages. More variants find "
            "more messages."
        ),
    )
    answer_ko = forms.CharField(
        label=gettext_lazy("Answer in Korean"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "ko"}),
        required=False,
    )
    answer_en = forms.CharField(
        label=gettext_lazy("Answer in English"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
        required=False,
    )
    intents = forms.MultipleChoiceField(
        label=gettext_lazy("Intents"),
        choices=list(INTENT_LABELS.items()),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        required=False,
        help_text=gettext_lazy("Messages with these intents are routed to this article."),
    )
    auto_reply_allowed = forms.BooleanField(
        label=gettext_lazy("May auto-reply"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
        help_text=gettext_lazy(
            "The assistant may send this answer on its own when it matches well and automatic "
            "replies are on in Settings. Leave off for answers that need a person."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("title", "questions", "answer_ko", "answer_en"):
            self.fields[name].widget.attrs.setdefault("class", "form-control")


def _extra_rows(request: HttpRequest) -> list[tuple[str, str]]:
    """The posted "other language" rows as (code, text), blank rows dropped."""
    codes = request.POST.getlist("extra_language")
    texts = request.POST.getlist("extra_answer")
    return [
        (code.strip().lower(), text)
        for code, text in zip(codes, texts, strict=False)
        if code.strip() or text.strip()
    ]


def _form_context(
    form: KnowledgeArticleForm,
    article: KnowledgeArticle | None,
    extra_rows: list[tuple[str, str]],
    answer_errors: list[str],
) -> dict[str, Any]:
    return {
        "form": form,
        "article": article,
        "extra_rows": [
            {"code": code, "text": text, "known": code in ANSWER_LANGUAGES}
            for code, text in extra_rows
        ],
        "answer_errors": answer_errors,
        "languages": [(c, n) for c, n in ANSWER_LANGUAGES.items() if c not in ("ko", "en")],
    }


def _save(
    request: HttpRequest, article: KnowledgeArticle | None
) -> tuple[KnowledgeArticle | None, dict[str, Any]]:
    """Validate and save the posted form; (article, {}) on success, else the re-render context.

    Every problem is reported at once: the form's own checks and the service's validation.
    """
    form = KnowledgeArticleForm(request.POST)
    extra = _extra_rows(request)
    errors: dict[str, list[str]] = {}
    answers: dict[str, str] = {}
    for code, text in extra:
        if not code:
            errors.setdefault("answers", []).append(_("Choose the language of each extra answer."))
        elif code in answers or code in ("ko", "en"):
            errors.setdefault("answers", []).append(
                _("The answer in “%(code)s” is given twice.") % {"code": code}
            )
        else:
            answers[code] = text
    answers["ko"] = request.POST.get("answer_ko", "")
    answers["en"] = request.POST.get("answer_en", "")
    form_valid = form.is_valid()
    values: dict[str, Any] = {
        "title": form.cleaned_data.get("title", "") if form_valid else "",
        "question_variants": request.POST.get("questions", "").splitlines(),
        "answers": answers,
        # an unknown intent is already the form's error
        "intents": form.cleaned_data.get("intents", []) if form_valid else [],
    }
    try:
        if not form_valid or errors:
            knowledge_article_validate(**values)
        else:
            auto_reply = bool(form.cleaned_data["auto_reply_allowed"])
            if article is None:
                saved = knowledge_article_create(
                    actor=request.user, auto_reply_allowed=auto_reply, **values
                )
            else:
                saved = knowledge_article_update(
                    article=article, actor=request.user, auto_reply_allowed=auto_reply, **values
                )
            return saved, {}
    except ValidationError as error:
        for field, problems in error.message_dict.items():
            errors.setdefault(field, []).extend(problems)
    for field, problems in errors.items():
        if field == "answers":
            continue
        target = {"question_variants": "questions"}.get(field, field)
        for problem in problems:
            form.add_error(target if target in form.fields else None, problem)
    return None, _form_context(form, article, extra, errors.get("answers", []))


def _require_editor(request: HttpRequest) -> None:
    if not can_edit_knowledge(request.user):
        raise PermissionDenied


@login_required
def knowledge_list_view(request: HttpRequest) -> HttpResponse:
    """Every article, searchable and filterable by intent; HTMX gets only the results."""
    result = knowledge_list(q=request.GET.get("q", ""), intent=request.GET.get("intent", ""))
    context = {
        "result": result,
        "intent_labels": INTENT_LABELS,
        "language_names": ANSWER_LANGUAGES,
        "can_edit": can_edit_knowledge(request.user),
    }
    template = "inbox/_knowledge_results.html" if request.htmx else "inbox/knowledge_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def knowledge_create_view(request: HttpRequest) -> HttpResponse:
    """A new article; ``?question=…&intent=…`` prefill it (links from the Patterns page)."""
    _require_editor(request)
    if request.method == "POST":
        saved, context = _save(request, None)
        if saved is not None:
            messages.success(request, _("Article “%(title)s” added.") % {"title": saved.title})
            return redirect("inbox:knowledge")
        messages.error(request, _("Please correct the errors below. Nothing was saved."))
    else:
        initial = {
            "questions": request.GET.get("question", "")[:500],
            "intents": [i for i in request.GET.getlist("intent") if i in INTENT_LABELS],
        }
        context = _form_context(KnowledgeArticleForm(initial=initial), None, [], [])
    return render(request, "inbox/knowledge_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def knowledge_edit_view(request: HttpRequest, article_id: int) -> HttpResponse:
    """Edit an article's questions, answers, intents and auto-reply permission."""
    _require_editor(request)
    article = get_object_or_404(KnowledgeArticle, pk=article_id)
    if request.method == "POST":
        saved, context = _save(request, article)
        if saved is not None:
            messages.success(request, _("Article “%(title)s” saved.") % {"title": saved.title})
            return redirect("inbox:knowledge")
        messages.error(request, _("Please correct the errors below. Nothing was saved."))
    else:
        answers = dict(article.answers or {})
        form = KnowledgeArticleForm(
            initial={
                "title": article.title,
                "questions": "\n".join(map(str, article.question_variants or [])),
                "answer_ko": answers.pop("ko", ""),
                "answer_en": answers.pop("en", ""),
                "intents": list(article.intents or []),
                "auto_reply_allowed": article.auto_reply_allowed,
            }
        )
        context = _form_context(form, article, list(answers.items()), [])
    return render(request, "inbox/knowledge_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def knowledge_delete_view(request: HttpRequest, article_id: int) -> HttpResponse:
    """Confirm, then delete an article."""
    _require_editor(request)
    article = get_object_or_404(KnowledgeArticle, pk=article_id)
    if request.method == "POST":
        title = article.title
        knowledge_article_delete(article=article, actor=request.user)
        messages.success(request, _("Article “%(title)s” deleted.") % {"title": title})
        return redirect("inbox:knowledge")
    return render(request, "inbox/knowledge_confirm_delete.html", {"article": article})


@login_required
def knowledge_language_row_view(request: HttpRequest) -> HttpResponse:
    """One empty "answer in another language" row (HTMX, appended to the form)."""
    _require_editor(request)
    languages = [(c, n) for c, n in ANSWER_LANGUAGES.items() if c not in ("ko", "en")]
    return render(
        request,
        "inbox/_knowledge_language_row.html",
        {"code": "", "text": "", "languages": languages},
    )


@login_required
def knowledge_try_view(request: HttpRequest) -> HttpResponse:
    """Run a question through triage and retrieval: which articles answer it, how well."""
    text = request.GET.get("q", "")[:MAX_TRY_CHARS].strip()
    context: dict[str, Any] = {"q": text, "intent_labels": INTENT_LABELS}
    if text:
        base = workspace_knowledge_base()
        use_embeddings = embeddings_enabled()
        result = triage(
            text,
            TriageContext(use_embeddings=use_embeddings, knowledge=base, knowledge_limit=TRY_LIMIT),
        )
        scores = {item["article_id"]: item["score"] for item in result.knowledge}
        titles = KnowledgeArticle.objects.in_bulk(list(scores)) if scores else {}
        workspace = getattr(request, "workspace", None) or WorkspaceSettings.current()
        threshold = float(workspace.auto_reply_threshold)
        context.update(
            {
                "language": result.language,
                "intents": [i for i in result.intents if i in INTENT_LABELS],
                "low_intent": result.low_intent,
                "matches": [
                    {
                        "article": titles[aid],
                        "score": score,
                        "percent": round(score * 100),
                        "would_auto_reply": bool(
                            workspace.auto_reply_enabled
                            and titles[aid].auto_reply_allowed
                            and score >= threshold
                        ),
                    }
                    for aid, score in scores.items()
                    if aid in titles
                ],
                "threshold": threshold,
                "auto_reply_enabled": workspace.auto_reply_enabled,
                "has_articles": base is not None,
            }
        )
    template = (
        "inbox/_knowledge_try.html"
        if request.htmx  # type: ignore[attr-defined]
        else "inbox/knowledge_try.html"
    )
    return render(request, template, context)
