"""The console's words: its own catalogue, and words for the codes it shows (statuses, events, figures).

Every part's catalogue is also merged into the app's shared one, where a word another part
translates differently wins or loses by load order. The console reads its own catalogue
(web/admin/translations) first, so its pages read as written there; words it does not have (the
layout's, the sign-in's) come from the shared catalogue as on every other page.
"""
from __future__ import annotations

from pathlib import Path

from flask_babel import Domain, LazyString, get_translations

DOMAIN = Domain(translation_directories=[str(Path(__file__).resolve().parent / "translations")])


def gettext(string: str, **variables) -> str:
    """Translate with the console's catalogue, else the shared one; fill in %(name)s variables."""
    own = DOMAIN.get_translations()
    catalog = own if string in getattr(own, "_catalog", {}) else get_translations()
    text = catalog.ugettext(string)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    """Translate a count's words (one timer, 2 timers) as `gettext` does; %(num)s is the count."""
    own = DOMAIN.get_translations()
    catalog = own if (singular, 0) in getattr(own, "_catalog", {}) else get_translations()
    return catalog.ungettext(singular, plural, num) % {"num": num, **variables}


def lazy_gettext(string: str, **variables) -> LazyString:
    """Translate when the text is used (module-level labels), as `gettext` does."""
    return LazyString(gettext, string, **variables)


_l = lazy_gettext

STATUS = {
    "running": _l("Running"), "waiting": _l("Waiting"), "suspended": _l("Suspended"),
    "error": _l("Error"), "completed": _l("Completed"), "terminated": _l("Terminated"),
}
STATUS_TONE = {"running": "info", "waiting": "", "suspended": "warn", "error": "bad", "completed": "ok",
               "terminated": ""}

EVENTS = {
    "started": _l("Case started"), "task_completed": _l("Task completed"), "task_claimed": _l("Task claimed"),
    "task_released": _l("Task released"), "task_assigned": _l("Task reassigned"), "task_saved": _l("Draft saved"),
    "timer_fired": _l("Timer fired"), "suspended": _l("Case suspended"), "resumed": _l("Case resumed"),
    "error": _l("Step failed"), "retried": _l("Step retried"), "terminated": _l("Case terminated"),
    "migrated": _l("Migrated"), "rewound": _l("Went back to an earlier step"),
    "data_changed": _l("Case data changed"), "timers_recalculated": _l("Deadlines recalculated"),
    "completed": _l("Case completed"), "message_received": _l("Message received"),
}

# What a case does at an element it stands on (a migration's preview).
STANDING = {"task": _l("Task waiting to be done"), "timer": _l("Waiting timer"), "error": _l("Step in error"),
            "waiting": _l("Waiting")}

CHANNELS = {"online": _l("Online"), "letter": _l("Letter"), "phone": _l("Phone"), "fax": _l("Fax"),
            "visit": _l("Visit")}
CATEGORIES = {
    "land": _l("Land and resources"), "labour": _l("Labour"), "social_security": _l("Social security"),
    "environment": _l("Environment"), "urban_management": _l("Urban management"), "accusation": _l("Accusation"),
    "litigation": _l("Litigation"), "suggestion": _l("Suggestion"), "other": _l("Other"),
}
STAGES = {
    "registration": _l("Registered"), "acceptance": _l("Deciding on acceptance"), "handling": _l("Being handled"),
    "extension": _l("Extended"), "mediation": _l("In mediation"), "hearing": _l("Hearing"),
    "replied": _l("Replied"), "review": _l("Under review"),
    "reviewed": _l("Review opinion served"), "re_review": _l("Under re-review"),
    "closed": _l("Closed"), "not_accepted": _l("Not accepted for handling"),
}

FIGURES = {
    # statistics: supervision
    "letters_issued": _l("Supervision letters issued"), "under_supervision": _l("Cases under supervision now"),
    "feedback_in_time": _l("Feedback within the limit"), "feedback_late": _l("Feedback late or missing"),
    # annual report: part one
    "received": _l("Matters received"), "group": _l("Group matters"), "online": _l("Received online"),
    "accusations": _l("Reports and accusations"), "not_accepted": _l("Not accepted for handling"),
    "closed": _l("Closed"),
    "replied": _l("Replied in writing"), "evaluated": _l("Evaluated by the petitioner"),
    "satisfied_share": _l("Satisfied (score 4 or 5), %"), "limits_kept_share": _l("Statutory limits kept, %"),
    # part two
    "forwarded": _l("Forwarded"), "assigned": _l("Assigned"), "supervised": _l("Supervised"),
    # part three
    "improvement_made": _l("Suggestions to improve work"), "policy_made": _l("Suggestions to improve policy"),
    "accountability_made": _l("Suggestions to pursue responsibility"),
    "letters_with_suggestions": _l("Supervision letters with suggestions"), "adopted": _l("Adopted"),
    "partly_adopted": _l("Partly adopted"), "not_adopted": _l("Not adopted"),
    "awaiting_feedback": _l("Awaiting written feedback"),
    # part four
    "major_reported": _l("Major or urgent matters reported (Art. 25)"), "hearings": _l("Hearings held"),
    "mediation_agreements": _l("Mediation agreements"), "re_reviews_decided": _l("Re-review opinions issued"),
}

COLUMNS = {
    "month": _l("Month"), "channel": _l("Channel"), "total": _l("Total"), "category": _l("Field"),
    "count": _l("Matters"),
    "territory": _l("Territory"), "stage": _l("Stage"), "organ": _l("Organ"), "limit": _l("Statutory limit"),
    "met": _l("Kept"), "missed": _l("Missed"), "overdue": _l("Overdue now"), "rate": _l("Kept, %"),
    "registration_number": _l("Registration number"), "step": _l("Step"), "due_at": _l("Due"),
    "days_overdue": _l("Days late"), "status": _l("Status"), "instance_id": _l("Instance"),
    "figure": _l("Figure"), "value": _l("Count"), "score": _l("Score"), "evaluations": _l("Evaluations"),
    "average": _l("Average score"), "satisfied_share": _l("Satisfied, %"), "petitions": _l("Matters"),
    "accusations": _l("Of which accusations"), "forwarded": _l("Forwarded"), "assigned": _l("Assigned"),
    "supervised": _l("Supervised"), **{key: value for key, value in CHANNELS.items()},
}

ACTIONS = {
    "suspend": _l("Suspend"), "resume": _l("Resume"), "terminate": _l("Terminate"), "retry": _l("Retry"),
    "migrate": _l("Migrate to the newest version"), "recalculate": _l("Recalculate deadlines"),
}


def status_label(code: str) -> str:
    """Return the words for an instance status."""
    return str(STATUS.get(code, code))


def event_label(code: str) -> str:
    """Return the words for a history event."""
    return str(EVENTS.get(code, code))


def column_label(code: str) -> str:
    """Return the heading of a table column."""
    return str(COLUMNS.get(code, code))
