"""Petitions: intake (Art. 17–20), progress, query and evaluation (Art. 21), visibility (Art. 30).

Functions flush and never commit: the caller owns the transaction, so a petition, its number
and the engine instance it starts are written together or not at all.
"""
from processes.petitions.access import may_see, only_visible, visible_organs
from processes.petitions.intake import (
                                        MAX_ATTACHMENT_BYTES,
                                        MAX_REPRESENTATIVES,
                                        NewAttachment,
                                        Submitted,
                                        case_data,
                                        start_case,
                                        submit_petition,
)
from processes.petitions.lookup import (
                                        SearchPage,
                                        check_query_code,
                                        find_by_number,
                                        get_petition,
                                        search_petitions,
)
from processes.petitions.models import (
                                        CATEGORIES,
                                        CHANNELS,
                                        STAGE_LABELS,
                                        STAGES,
                                        Attachment,
                                        Evaluation,
                                        Petition,
)
from processes.petitions.progress import (
                                        close_petition,
                                        evaluate,
                                        public_view,
                                        set_handling_organ,
                                        set_stage,
)

__all__ = [
    "CATEGORIES", "CHANNELS", "MAX_ATTACHMENT_BYTES", "MAX_REPRESENTATIVES", "STAGES", "STAGE_LABELS",
    "Attachment", "Evaluation", "NewAttachment", "Petition", "SearchPage", "Submitted",
    "case_data", "check_query_code", "close_petition", "evaluate", "find_by_number", "get_petition",
    "may_see", "only_visible", "public_view", "search_petitions", "set_handling_organ", "set_stage",
    "start_case", "submit_petition", "visible_organs",
]
