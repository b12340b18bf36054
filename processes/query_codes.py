"""A new query code for a petitioner who lost hers.

The query code is given once, when the petition is registered (on the portal's receipt, or by the desk
to the person at the counter), and only its hash is kept: nobody can read it back. A petitioner who
lost it asks the organ that received her petition; its registrar checks who she is and gives her a
new code, which replaces the old one at once. Who gave it, when and why is kept in the history of the
registration number (the console's accounts page).
"""
from __future__ import annotations

from processes.access_events import CODE_REISSUED, REGISTRATION_NUMBER, record_event
from processes.errors import InvalidInput
from processes.numbering import hash_query_code, new_query_code
from processes.petitions import Petition

ROLES = ("registrar",)
REASON_LIMIT = 500


class CodeReissueRefused(InvalidInput):
    """A new query code cannot be given by this person, or without a reason."""

    code = "code_reissue_refused"


def may_reissue(user, petition: Petition) -> bool:
    """Whether the person may give the petitioner a new query code: a registrar of the organ that received
    the petition (or an administrator)."""
    return user.role == "admin" or (user.role in ROLES and user.organ_code == petition.receiving_organ)


def reissue_query_code(petition: Petition, user, reason: str | None) -> str:
    """Give the petition a new query code, which replaces the old one; return it (it is shown once)."""
    if not may_reissue(user, petition):
        raise CodeReissueRefused("Only a registrar of the organ that received the petition gives a new query code.",
                                 code="not_allowed")
    reason = (reason or "").strip()
    if not reason:
        raise CodeReissueRefused("Say how the petitioner's identity was checked.", fields=["reason"],
                                 code="no_reason")
    if len(reason) > REASON_LIMIT:
        raise CodeReissueRefused("At most %(limit)s characters.", fields=["reason"], code="reason_too_long",
                                 limit=REASON_LIMIT)
    code = new_query_code()
    petition.query_code_hash = hash_query_code(petition.registration_number, code)
    record_event(REGISTRATION_NUMBER, petition.registration_number, CODE_REISSUED, None, actor=user.username,
                 reason=reason)
    return code
