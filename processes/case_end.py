"""How a case ended and why: the ground and article, the organ the matter went to, the notice.

A petition closes with an outcome (petition.bpmn, `close_petition`): transferred to discipline
inspection or to the political-legal department, directed to the organ with authority, refused as
the same matter, or concluded by a reply, a mediation agreement, a review or a re-review opinion.
"Concluded" alone tells a petitioner nothing when the matter left the petition channel; the desk
and the portal say which of these it was, under which article, and where the matter went.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from processes.documents import GROUNDS, Document, documents_for
from processes.petitions.models import Petition

# outcome -> (article zh, article en) that the ending rests on
ARTICLES = {
    "discipline": ("第二十二条第三款、第二十三条第四款、第三十条", "Art. 22 ¶3, Art. 23 ¶4, Art. 30"),
    "political_legal": ("第二十二条第二款、第二十三条第四款", "Art. 22 ¶2, Art. 23 ¶4"),
    "redirected": GROUNDS["not_within_scope"][2:],
    "final": ("第三十六条", "Art. 36"),
    "reviewed": ("第三十五条", "Art. 35"),
    "opinion": ("第三十二条", "Art. 32"),
    "mediated": ("第三十三条", "Art. 33"),
    "other_procedure": ("第三十一条", "Art. 31"),
}
# outcome -> the document that carried it out: its kind, and the route it names (a transfer)
NOTICES = {"discipline": ("forward_notice", "discipline"), "political_legal": ("forward_notice", "political_legal"),
           "redirected": ("non_acceptance_notice", None), "same_matter": ("non_acceptance_notice", None)}


@dataclass(frozen=True)
class CaseEnd:
    """How a closed or refused petition ended."""

    outcome: str  # the petition's outcome: a key of ARTICLES, or `same_matter`
    article_zh: str
    article_en: str
    ground: str | None  # a refusal's ground (documents/kinds.py GROUNDS)
    organ: str | None  # the code of the organ the matter went to, when it went to one
    notice: Document | None  # the document that carried the ending out, when there is one
    closed_on: date | None

    @property
    def transferred(self) -> bool:
        """Tell whether the matter left the petition channel for another organ's own procedure."""
        return self.outcome in ("discipline", "political_legal")


def _notice(outcome: str, documents: list[Document]) -> Document | None:
    kind, route = NOTICES.get(outcome, (None, None))
    found = [d for d in documents if d.kind == kind and (route is None or (d.fields or {}).get("route") == route)]
    return found[-1] if found else None


def case_end(petition: Petition, documents: list[Document] | None = None) -> CaseEnd | None:
    """Return how the petition ended, or None while it is open; `documents` are its own, when already read."""
    if petition.stage not in ("closed", "not_accepted") or not petition.outcome:
        return None
    notice = _notice(petition.outcome, documents_for(petition.id) if documents is None else documents)
    fields = notice.fields or {} if notice else {}
    ground = fields.get("ground") if notice and notice.kind == "non_acceptance_notice" else None
    zh, en = ARTICLES.get(petition.outcome, ("", ""))
    if ground in GROUNDS:
        zh, en = GROUNDS[ground][2:]
    organ = fields.get("to_organ") or fields.get("competent_organ") or None
    return CaseEnd(petition.outcome, zh, en, ground, organ, notice, petition.closed_on)
