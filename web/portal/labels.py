"""Words the portal shows for codes, and what happens next at each stage."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from processes.documents import KINDS
from processes.portal import RIGHTS

from ..tasks.labels import CATEGORIES, CHANNELS, lang, organ_name, stage_label

NEXT = {
    "registration": _l("The petition department decides within 15 days where your matter goes and tells you (Art. 22)."),
    "acceptance": _l("The organ tells you in writing within 15 days whether it accepts your matter (Art. 23)."),
    "handling": _l("The organ investigates and replies in writing, as a rule within 60 days of acceptance (Art. 34)."),
    "extension": _l("The time limit was extended by at most 30 days; the organ told you why (Art. 34)."),
    "mediation": _l("The organ is mediating between the parties (Art. 33)."),
    "hearing": _l("A hearing is being held on your matter (Art. 31). You are told in writing when and where it "
                  "takes place; the notice appears below once it is served."),
    "replied": _l("You have the written reply. You may evaluate the handling, and ask for review within 30 days (Art. 35)."),
    "review": _l("The review organ gives its written opinion within 30 days of your request (Art. 35)."),
    "reviewed": _l("You have the review opinion. If you do not accept it, you may ask the organ above the review organ for re-review within 30 days of receiving it (Art. 36)."),
    "re_review": _l("The re-review organ gives its written opinion within 30 days of your request (Art. 36)."),
    "closed": _l("The matter is concluded."),
    "not_accepted": _l("The matter was not accepted; the written notice tells you why and where to turn."),
}
# The petitioner's choices (Art. 21), keyed as processes.portal.SATISFACTION is.
EVALUATIONS = {"satisfied": _l("Satisfied"), "basically_satisfied": _l("Mostly satisfied"),
               "dissatisfied": _l("Dissatisfied")}
# How a request for review or re-review that staff recorded came in (processes/review_requests.py).
RECORDED_REQUESTS = {"letter": _l("Your letter was received and the request recorded for you by the organ."),
                     "visit": _l("You made the request at a visit; the organ recorded it for you."),
                     "other": _l("The request reached the organ in another way; the organ recorded it for you.")}
# A petition closed after re-review: the opinion is final (Art. 36 ¶3).
FINAL = _l("The re-review opinion is final. A petition on the same facts and reasons is not accepted again (Art. 36).")


def doc_title(document) -> str:
    """Return the title of a document's kind in the page's language."""
    kind = KINDS.get(document.kind)
    return kind.title(lang()) if kind else document.title


def asked_organ(view, kind: str) -> str | None:
    """Return the name of the organ a review or re-review is asked of, as the reply that opened it names it."""
    opened_by = RIGHTS[kind][1]
    served = [d for d in view.replies if d.kind in opened_by]
    following = ((served[-1].fields or {}).get("organs") or {}).get("next") if served else None
    return following.get(lang()) if following else None


def names() -> dict:
    """Return the names every portal template may use."""
    from processes.petitions.models import today

    from ..ending_words import ending_names

    return {**ending_names(), "today": today(),
            "CHANNELS": CHANNELS, "CATEGORIES": CATEGORIES, "NEXT": NEXT, "FINAL": FINAL,
            "EVALUATIONS": EVALUATIONS, "RECORDED_REQUESTS": RECORDED_REQUESTS, "stage_label": stage_label,
            "organ_name": organ_name, "doc_title": doc_title, "lang": lang, "asked_organ": asked_organ}
