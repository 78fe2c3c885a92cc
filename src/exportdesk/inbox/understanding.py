"""The inbox's one door to the assistant: every inbound message is understood through here.

Keeping it to one function lets the inbox, the API, the importer and the mail sync share the
same knowledge base, the same embedding switch and the same stored result shape.
"""

from __future__ import annotations

from django.conf import settings

from exportdesk.assistant.pipeline import Triage, TriageContext, triage


def understand(text: str) -> Triage:
    """Triage one inbound message with the workspace's knowledge base."""
    from exportdesk.inbox.knowledge_base import workspace_knowledge_base

    use_embeddings = bool(getattr(settings, "EXPORTDESK_TRIAGE_EMBEDDINGS", True))
    context = TriageContext(
        use_embeddings=use_embeddings,
        knowledge=workspace_knowledge_base(embeddings=use_embeddings),
    )
    return triage(text, context)
