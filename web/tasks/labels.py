"""Words the desk shows for codes: channels, categories, stages, history events, deadline states."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from flask import g
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from processes.diagram_index import bilingual
from processes.petitions import STAGE_LABELS
from processes.petitions.models import today

from ..actor_words import system_actor
from ..deadline_words import deadline_end, rule_words
from ..decision_words import step_decision
from ..i18n import page_lang as lang
from ..step_words import element_title, request_title, step_title, timer_sort, timer_title
from ..step_words import timer_detail as step_timer_detail

CHANNELS = {"online": _l("Online"), "letter": _l("Letter"), "phone": _l("Telephone"), "fax": _l("Fax"),
            "visit": _l("Visit")}
CATEGORIES = {"land": _l("Land"), "labour": _l("Labour"), "social_security": _l("Social security"),
              "environment": _l("Environment"), "urban_management": _l("Urban management"),
              "accusation": _l("Report or accusation"), "litigation": _l("Litigation-related"),
              "suggestion": _l("Suggestion"), "other": _l("Other")}
EVENTS = {"started": _l("Procedure started"), "task_completed": _l("Step completed"),
          "task_claimed": _l("Task claimed"), "task_released": _l("Task released"),
          "task_assigned": _l("Task handed over"), "timer_fired": _l("Time limit reached"),
          "suspended": _l("Suspended"), "resumed": _l("Resumed"), "error": _l("Stopped by an error"),
          "retried": _l("Retried"), "terminated": _l("Terminated"), "data_changed": _l("Case data corrected"),
          "rewound": _l("Sent back to an earlier step"), "message_received": _l("Received"),
          "completed": _l("Procedure ended"), "received": _l("Petition received"),
          "document_issued": _l("Document issued"), "document_served": _l("Document served")}
DEADLINE_STATES = {"met": _l("Met"), "running": _l("Counting down"), "missed": _l("Missed"), "paused": _l("Paused"),
                   "lapsed": _l("Window closed unused"), "declined": _l("Declined by the petitioner"),
                   "closed": _l("Closed unused")}
DEADLINE_BADGES = {"met": "ok", "running": "info", "missed": "bad", "paused": "warn", "lapsed": "", "declined": "",
                   "closed": ""}
# A petitioner's window (processes/case_deadlines.py) is said by what she did with it, by the form of its step.
WINDOW_USED = {"request_review": _l("Review requested on %(day)s, within the 30 days"),
               "request_re_review": _l("Re-review requested on %(day)s, within the 30 days"),
               "evaluate": _l("Evaluated on %(day)s, within the time limit")}
WINDOW_DECLINED = {"request_review": _l("The petitioner declined a review"),
                   "request_re_review": _l("The petitioner declined a re-review")}
URGENCY = {"overdue": _l("Overdue"), "soon": _l("Due soon"), "ok": _l("On time")}
URGENCY_BADGES = {"overdue": "bad", "soon": "warn", "ok": "ok"}
REMINDED = re.compile(r"; reminder (\d+) days before")  # the rule of a reminder (processes/periods.py)
DAY_ONLY = ("received", "document_issued", "document_served")  # timeline entries that carry a day, not a time
REQUEST_CHANNELS = {"online": _l("online, by the petitioner"), "letter": _l("by letter"), "visit": _l("at a visit"),
                    "other": _l("in another way")}  # how a request for review came in (processes/portal.py)


def stage_label(stage: str | None) -> str:
    """Return the petitioner-visible stage in the page's language."""
    return STAGE_LABELS[lang()].get(stage or "", stage or "")


def pick(name: str | None) -> str:
    """Return the page-language part of a bilingual name like `复查 Review`."""
    return bilingual(name or "", lang())


def template_names() -> dict:
    """Return the names every desk template may use."""
    from ..ending_words import ending_names

    return {**ending_names(),
            "CHANNELS": CHANNELS, "CATEGORIES": CATEGORIES, "EVENTS": EVENTS, "DEADLINE_STATES": DEADLINE_STATES,
            "DEADLINE_BADGES": DEADLINE_BADGES, "URGENCY": URGENCY, "URGENCY_BADGES": URGENCY_BADGES,
            "stage_label": stage_label, "pick": pick, "lang": lang,
            "organ_name": organ_name, "task_title": task_title, "doc_title": doc_title, "person_name": person_name,
            "step_name": step_name, "request_note": request_note,
            "request_days": request_days, "today": today, "REQUEST_CHANNELS": REQUEST_CHANNELS,
            "timer_detail": timer_detail, "event_name": event_name, "deadline_stage": deadline_stage,
            "deadline_state": deadline_state,
            "step_decision": step_decision, "DAY_ONLY": DAY_ONLY}


def organ_name(code: str | None) -> str:
    """Return an organ's name in the page's language (the code when it is unknown)."""
    from processes.errors import UnknownOrgan
    from processes.organs import get_organ

    if not code:
        return ""
    # A page names the same few organs on many rows: each is read once a request.
    known = g.setdefault("organ_names", {})
    key = (code, lang())
    if key not in known:
        try:
            known[key] = get_organ(code).name(key[1])
        except UnknownOrgan:
            known[key] = code
    return known[key]


def task_title(task) -> str:
    """Return a task's name in the page's language: its form's title, else the step's name."""
    from engine import NotFound
    from engine.tasks import task_form

    from ..form_values import text

    try:
        form = task_form(task)
    except NotFound:
        form = None
    return text(form.get("title"), lang()) if form and form.get("title") else pick(task.name)


def step_name(entry) -> str:
    """Return the step a timeline entry is about in the page's language: the diagram names it in
    Chinese; in English, the title of the step's form says it, or a timer's kind and article."""
    if entry.kind == "timer_fired":  # the event says reminder or limit; in English the article says which
        if lang() == "en" and entry.info and entry.info.article_en:
            return entry.info.article_en
        return timer_title(entry.info, entry.detail, entry.step)
    if entry.kind == "message_received" and lang() == "en" and entry.info and entry.info.article_en:
        return request_title(entry.info)  # 请求督办, in English by what the article provides
    return step_title(entry.step, entry.form)


def deadline_stage(deadline) -> str:
    """Return the step or stage a statutory limit of the case page is set on, in the page's language."""
    if lang() == "zh" or deadline.index is None:
        return deadline.step
    return element_title(deadline.index, deadline.stage)


def deadline_state(deadline) -> str:
    """Return how a limit of the case page stands; a petitioner's window by what she did with it."""
    if deadline.window:
        if deadline.used_on is not None:
            words = WINDOW_USED.get(deadline.window, _l("Used on %(day)s, within the time limit"))
            return str(words) % {"day": deadline.used_on.isoformat()}
        if deadline.state == "declined":
            return str(WINDOW_DECLINED.get(deadline.window, DEADLINE_STATES["declined"]))
        if deadline.state == "running" and deadline.last_day is not None:
            return str(_l("Still open until %(day)s", day=deadline.last_day.isoformat()))
    return str(DEADLINE_STATES.get(deadline.state, deadline.state))


def event_name(entry) -> str:
    """Return what a timeline entry records: its event, a reminder told from a limit reached."""
    sort = timer_sort(entry.info, entry.detail) if entry.kind == "timer_fired" else None
    if sort == "reminder":
        return str(_l("Reminder before a time limit"))
    if sort == "post":
        return str(_l("Days for letters in the post ended"))
    return str(EVENTS.get(entry.kind, entry.kind))


def timer_detail(entry) -> str:
    """Return when a timer on the timeline was due and by what rule, in the page's language; for a
    reminder, when the time limit it reminds of runs out."""
    if entry.kind != "timer_fired":
        return ""
    detail = entry.detail or {}
    ahead = REMINDED.search(str(detail.get("rule") or ""))
    if ahead and detail.get("due_at"):
        # The reminder's own moment, said as "届满时间" (due), read as a limit already run out days early.
        ends = datetime.fromisoformat(str(detail["due_at"])) + timedelta(days=int(ahead.group(1)))
        return " · ".join((gettext("time limit runs out %(time)s", time=deadline_end(ends)),
                           rule_words(str(detail["rule"]))))
    return step_timer_detail(detail)


def doc_title(document) -> str:
    """Return the title of a written document's kind in the page's language."""
    from processes.documents import KINDS

    kind = KINDS.get(document.kind)
    return kind.title(lang()) if kind else document.title


def person_name(actor: str | None) -> str:
    """Return who acted as colleagues know them: a user's display name, the petitioner, or the system."""
    from processes.accounts import get_user
    from processes.errors import UnknownUser

    if not actor:
        return ""
    if (words := system_actor(actor)) is not None:
        return words
    if actor.startswith("petitioner:"):  # processes/portal.py: the petitioner acting with the query code
        return str(_l("The petitioner"))
    known = g.setdefault("person_names", {})
    if actor not in known:
        try:
            known[actor] = get_user(actor).display_name
        except UnknownUser:
            known[actor] = actor  # a user since removed: shown as recorded
    return known[actor]


def request_days(channel: str | None, made: date | str | None, received: date | str | None) -> str:
    """Return the two days of a request staff recorded: the day it counts as made (a letter's postmark
    day, to which the petitioner's 30 days are measured) and the day the organ received it (from which
    the organ's own 30 days run). Empty for a request made online, where they are one day."""
    if not made or not received or channel not in REQUEST_CHANNELS or channel == "online":
        return ""
    made, received = str(made)[:10], str(received)[:10]
    if made == received:
        return str(_l("Received by the organ on %(received)s, from which its 30 days run.", received=received))
    if channel == "letter":
        return str(_l("Request made on %(made)s (the postmark day); received by the organ on %(received)s, "
                      "from which its 30 days run.", made=made, received=received))
    return str(_l("Request made on %(made)s; received by the organ on %(received)s, from which its 30 days run.",
                  made=made, received=received))


def request_note(entry) -> str:
    """Return how a request for review or re-review came in and the day that counts, for its timeline entry."""
    from processes.portal import REQUEST_FIELDS, REQUEST_PAPERS, REQUEST_RECEIVED, RIGHTS

    kind = next((kind for kind, right in RIGHTS.items() if right[0] == entry.form), None)
    if entry.kind != "task_completed" or kind is None:
        return ""
    data = entry.detail.get("data") or {}
    _wanted, on, reasons, channel = REQUEST_FIELDS[kind]
    if not data.get(on) or data.get(channel) not in REQUEST_CHANNELS:
        return ""
    note = str(_l("Received %(how)s; the day that counts: %(day)s.", how=REQUEST_CHANNELS[data[channel]],
                  day=data[on]))
    if data.get(REQUEST_RECEIVED[kind]):  # written only when the organ received it after the day it counts as made
        note += " " + request_days(data[channel], data[on], data[REQUEST_RECEIVED[kind]])
    if data.get(reasons):
        note += " " + str(_l("The petitioner's reasons: %(reasons)s", reasons=data[reasons]))
    if data.get(REQUEST_PAPERS[kind]):
        note += " " + str(_l("Papers handed in: %(papers)s", papers=data[REQUEST_PAPERS[kind]]))
    return note
