"""Written documents: notices, letters, opinions, agreements and reports, each citing its article.

Functions flush and never commit: the caller owns the transaction.
"""
from processes.documents.kinds import GROUNDS, KINDS, OPINIONS, DocumentKind
from processes.documents.models import Document
from processes.documents.rendering import format_day, render_document
from processes.documents.service import (
    documents_for,
    get_document,
    issue_document,
    serve_document,
)

__all__ = [
    "GROUNDS", "KINDS", "OPINIONS", "Document", "DocumentKind", "documents_for", "format_day",
    "get_document", "issue_document", "render_document", "serve_document",
]
