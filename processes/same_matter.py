"""Tell whether a petition repeats an earlier one of the same petitioner (Art. 19 ¶4, Art. 36 ¶3).

A matter in hand at a lower level bars the same matter brought to a higher level only while the
limit of the step it is at runs (Art. 19 ¶4: "在规定期限内"); once that limit has ended unmet, the
higher level may take it up.

Two texts are "the same matter" when the cosine similarity of their character bigrams reaches
``THRESHOLD``. Bigrams suit Chinese, which has no spaces between words: rewording a sentence
keeps most two-character words, while a different complaint shares few. Measured on the texts
in tests/processes/test_same_matter.py: a retelling of a wage complaint in other words scores
0.75, a shortened copy 0.97; a social-insurance complaint against a similar company 0.42, and
complaints about land or pollution below 0.05.
"""
from __future__ import annotations

import math
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from datetime import date

from sqlalchemy import or_, select

from engine.db import db
from engine.models import Instance
from processes.errors import PeriodError
from processes.holidays import load_calendar
from processes.identity_documents import RESIDENT_ID, document_key
from processes.organs import get_organ, territory_chain
from processes.periods import Deadline, extend, statutory_deadline
from processes.petitions import Petition

THRESHOLD = 0.6
# The stages of a petition accepted or handled.
IN_HAND = ("handling", "extension", "mediation", "hearing", "replied", "review", "reviewed", "re_review")
FINAL = "final"  # the outcome of a petition closed after re-review


@dataclass(frozen=True)
class SameMatterResult:
    """An earlier petition with the same matter, and which rule bars this one (None: no bar)."""

    earlier: str
    rule: str | None
    similarity: float
    message: str


def bigrams(text: str) -> Counter[str]:
    """Return the character bigrams of a text, ignoring punctuation, spaces and letter case."""
    kept = [ch for ch in unicodedata.normalize("NFKC", text or "").lower()
            if not unicodedata.category(ch).startswith(("P", "Z", "S", "C"))]
    if len(kept) == 1:
        return Counter(kept)
    return Counter(a + b for a, b in pairwise(kept))


def similarity(a: str, b: str) -> float:
    """Return the cosine similarity (0 to 1) of two texts' character bigrams."""
    va, vb = bigrams(a), bigrams(b)
    dot = sum(count * vb[gram] for gram, count in va.items())
    norm = math.sqrt(sum(c * c for c in va.values())) * math.sqrt(sum(c * c for c in vb.values()))
    return dot / norm if norm else 0.0


def find_same_matter(petition: Petition) -> SameMatterResult | None:
    """Return the earlier petition of the same petitioner with the same matter, if there is one."""
    text = f"{petition.request}\n{petition.facts}"
    matches = [(similarity(text, f"{e.request}\n{e.facts}"), e) for e in _earlier_of_same_petitioner(petition)]
    matches = [(score, e) for score, e in matches if score >= THRESHOLD]
    if not matches:
        return None
    barred = [(score, e, _rule(petition, e)) for score, e in matches]
    # A bar outranks a mere resemblance, Art. 36 outranks Art. 19, then the closest text.
    score, earlier, rule = max(barred, key=lambda m: (m[2] is not None, m[2] == "art36", m[0]))
    return SameMatterResult(earlier.registration_number, rule, round(score, 3),
                            _message(rule, earlier.registration_number))


def document_of(person: dict) -> tuple[str, str] | None:
    """Return the kind and number of a person's identity document as compared, or None if none was given."""
    # Petitions registered before numbers were checked may hold them as typed, and name no kind.
    kind = person.get("document_type") or RESIDENT_ID
    number = document_key(kind, person.get("id_number") or "")
    return (kind, number) if number else None


def _earlier_of_same_petitioner(petition: Petition) -> list[Petition]:
    ids = {found for p in petition.petitioners if (found := document_of(p))}
    name_phones = {(p["name"], p["phone"]) for p in petition.petitioners if p.get("name") and p.get("phone")}
    words = sorted({number for _, number in ids} | {phone for _, phone in name_phones})
    if not words:
        return []
    query = select(Petition).where(Petition.id != petition.id, Petition.received_on <= petition.received_on)
    # The search column narrows the rows; the exact comparison below decides.
    query = query.where(or_(*(Petition.petitioner_keys.contains(w, autoescape=True) for w in words)))
    found = []
    for earlier in db.session.scalars(query.order_by(Petition.id)):
        # A petition not yet registered (the desk's warning) has no id: all that is registered came first.
        if petition.id is not None and earlier.id > petition.id and earlier.received_on == petition.received_on:
            continue
        people = earlier.petitioners
        if any(document_of(p) in ids for p in people) or any(
                (p.get("name"), p.get("phone")) in name_phones for p in people):
            found.append(earlier)
    return found


def _rule(petition: Petition, earlier: Petition) -> str | None:
    if earlier.outcome == FINAL:
        return "art36"
    if earlier.stage in IN_HAND:
        handled_by = get_organ(earlier.handling_organ or earlier.receiving_organ)
        receiving = get_organ(petition.receiving_organ)
        if receiving.rank > handled_by.rank and receiving.territory in territory_chain(handled_by.territory) \
                and not _limit_ran_out(earlier, petition.received_on):
            return "art19"
    return None


def limit_in_hand(stage: str, data: dict) -> Deadline | None:
    """Return the statutory limit of the step a petition in hand is at, counted from its case data as the diagrams
    count it: the handling period (with an extension), the review or re-review organ's 30 days (hearing days not
    counted), or the petitioner's 30 days to ask for review or re-review; None when the data do not say."""
    cal = load_calendar(db.session)
    if stage == "hearing":
        stage = data.get("hearing_return_stage") or "handling"
    try:
        if stage in ("handling", "extension", "mediation") and data.get("accepted_on"):
            return extend(statutory_deadline(data["accepted_on"], 60, cal=cal), int(data.get("extension_days") or 0),
                          cal)
        if stage == "review" and data.get("review_received_on"):
            return statutory_deadline(data["review_received_on"], 30, cal=cal)
        if stage == "re_review" and data.get("re_review_received_on"):
            return statutory_deadline(data["re_review_received_on"], 30, cal=cal,
                                      paused_days=int(data.get("hearing_days") or 0))
        if stage == "replied" and data.get("reply_served_on"):
            return statutory_deadline(data["reply_served_on"], 30, cal=cal)
        if stage == "reviewed" and data.get("review_served_on"):
            return statutory_deadline(data["review_served_on"], 30, cal=cal)
    except (PeriodError, TypeError, ValueError):
        return None
    return None


def _limit_ran_out(earlier: Petition, day: date) -> bool:
    """Tell whether the earlier petition's limit in hand ended before ``day`` (Art. 19 ¶4 bars only within it)."""
    if not earlier.instance_id or not str(earlier.instance_id).isdigit():
        return False
    instance = db.session.get(Instance, int(earlier.instance_id))
    limit = limit_in_hand(earlier.stage, (instance.data if instance else None) or {})
    return limit is not None and day > limit.last_day


def _message(rule: str | None, number: str) -> str:
    if rule == "art36":
        return (f"The same matter was finally decided on re-review under {number}; a petition on the same "
                "facts and reasons is not accepted again (Art. 36 ¶3).")
    if rule == "art19":
        return (f"The same matter is already accepted or being handled under {number}, within its time limit; a "
                "higher level does not accept it again (Art. 19 ¶4).")
    return f"An earlier petition of the same petitioner, {number}, concerns a similar matter."
