"""What a petitioner sees and does with a registration number and query code (Art. 21, 35, 36).

The petition diagram offers the petitioner user tasks (lane `petitioner`) while a right is open:
`evaluate`, `request_review`, `request_re_review`. Completing one is the petitioner's act; when
none is offered, the refusal names the article and the days the window ran. After the 30 days the
diagram keeps a step open a few days more (`review_in_post`, `re_review_in_post`, on the same form)
for a letter posted in time: staff record it at the desk; the portal takes no request any more.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from engine.db import db
from engine.models import TaskRow
from engine.tasks import complete_task
from processes.case_end import CaseEnd, case_end
from processes.case_view import instances_of
from processes.documents import GROUNDS, Document, documents_for
from processes.errors import EvaluationRefused, InvalidInput, Said
from processes.functions import deadline
from processes.periods import CST, last_day_of
from processes.petitions import Petition, check_query_code, evaluate, public_view
from processes.petitions.models import Evaluation, today
from processes.query_attempts import check_not_locked, record_wrong
from processes.task_deadlines import governing_limits

RIGHTS = {  # kind -> (form of the task, reply kind whose service opens it, article zh, article en)
    # The article is the one a late request is refused under (documents/kinds.py GROUNDS).
    "review": ("request_review", ("handling_opinion",), *GROUNDS["late_review"][2:]),
    "re_review": ("request_re_review", ("review_opinion",), *GROUNDS["late_re_review"][2:]),
}
REQUEST_FIELDS = {  # kind -> the case data the request task writes: wanted, on which day, why, how it came in
    "review": ("wants_review", "review_requested_on", "review_request_reasons", "review_request_channel"),
    "re_review": ("wants_re_review", "re_review_requested_on", "re_review_request_reasons",
                  "re_review_request_channel"),
}
REQUEST_PAPERS = {  # kind -> the case data naming the files handed in with a request staff recorded
    "review": "review_request_papers", "re_review": "re_review_request_papers"}
# kind -> the case data holding the day the organ received a request made earlier (a letter posted before it
# arrived): the organ's 30 days run from it (Art. 35, 36); the diagrams take the day requested when it is not given.
REQUEST_RECEIVED = {"review": "review_received_on", "re_review": "re_review_received_on"}
RIGHT_WORDS = {"review": ("A review", "复查"), "re_review": ("A re-review", "复核")}  # English, Chinese
WINDOW_DAYS = 30
# Stages that wait on the petitioner or are over: no organ owes her anything by a date then.
PETITIONERS_TURN = {"replied", "reviewed", "closed", "not_accepted"}
# Procedures between organs (supervision letters and the feedback they ask for, Art. 39-40, and
# the petition department's own checks in the petition process): their limits are not hers.
BETWEEN_ORGANS = {"supervision", "petition"}
SATISFACTION = {"satisfied": 5, "basically_satisfied": 3, "dissatisfied": 1}


class RequestRefused(InvalidInput):
    """A review or re-review cannot be requested now; the message names the article and dates."""

    code = "request_refused"


@dataclass(frozen=True)
class Window:
    """A petitioner's right to ask for review or re-review, and where it stands."""

    kind: str
    open: bool
    task_id: str | None
    served_on: date | None
    last_day: date | None
    article_zh: str
    article_en: str
    requested_on: date | None = None  # the day the right was used
    channel: str | None = None  # how the request came in: online, or a letter or visit staff recorded
    received_on: date | None = None  # the day the organ received it (its 30 days run from it): for a letter
    # that day, not the postmark day it counts as made on; otherwise the day it was made
    letters_until: date | None = None  # after the last day: letters posted in time are taken until this day

    @property
    def takes_letters(self) -> bool:
        """Tell whether staff may still record a request received by letter (or, in time, at a visit)."""
        return self.task_id is not None


@dataclass
class Progress:
    """The petitioner's view of a case."""

    petition: Petition
    public: dict
    next_due: date | None
    replies: list[Document] = field(default_factory=list)
    evaluation_task: str | None = None
    windows: dict[str, Window] = field(default_factory=dict)
    evaluation_until: date | None = None  # the last day the evaluation is offered (30 days after the reply)
    evaluated: tuple[str, date] | None = None  # the petitioner's choice (a key of SATISFACTION) and its day
    end: CaseEnd | None = None  # how the case ended, once it has

    @property
    def evaluation_closed(self) -> bool:
        """Tell whether the days offered for evaluating have passed without an evaluation."""
        return (self.evaluation_task is None and self.evaluation_until is not None
                and today() > self.evaluation_until and not self.public.get("evaluated"))


def open_with_code(number: str, code: str) -> Petition:
    """Return the petition if the number and query code match, never saying which was wrong."""
    petition = check_query_code((number or "").strip(), code or "")
    if petition is None:
        raise InvalidInput("The registration number and query code do not match.", fields=["number", "code"],
                           code="wrong_query_code")
    return petition


def look_up(number: str, code: str, browser: str | None = None, address: str | None = None) -> Petition:
    """Open a case for a visitor who typed its number and code; wrong codes count towards a rest.

    `browser` is the id of a browser that opened this case before: its look-ups count on their own.
    `address` is the network address the look-up came from: a stranger's wrong codes count for it too.
    """
    check_not_locked(number, browser, address)
    try:
        return open_with_code(number, code)
    except InvalidInput:
        record_wrong(number, browser, address)
        raise


def _petitioner_tasks(petition: Petition) -> list[TaskRow]:
    ids = [i.id for i in instances_of(petition)]
    if not ids:
        return []
    return list(db.session.scalars(select(TaskRow).where(TaskRow.instance_id.in_(ids), TaskRow.state == "ready")))


def served_replies(petition: Petition, documents: list[Document] | None = None) -> list[Document]:
    """Return the notices and replies served on the petitioner, oldest first (`documents`: the petition's
    own, when already read).

    Letters between organs (assignment, objection, supervision, reports) are not his, nor is the
    notice of a transfer to discipline inspection (Art. 23 ¶4, Art. 30).
    """
    return [d for d in (documents_for(petition.id) if documents is None else documents)
            if d.served_on and d.for_petitioner]


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def _requested(kind: str, petition: Petition) -> tuple[date | None, str | None, date | None]:
    wanted, on, _reasons, channel = REQUEST_FIELDS[kind]
    for instance in instances_of(petition):
        data = instance.data or {}
        if data.get(wanted) and data.get(on):
            made = _day(data[on])
            return made, data.get(channel), _day(data.get(REQUEST_RECEIVED[kind])) or made
    # A case's data is that of its latest branch: once a parallel branch (the check that follows
    # a dissatisfied evaluation) outlives the review, the request is known from its completed step.
    ids = [i.id for i in instances_of(petition)]
    done = db.session.scalar(select(TaskRow.completed_at).where(
        TaskRow.instance_id.in_(ids), TaskRow.form == RIGHTS[kind][0], TaskRow.state == "completed")
        .order_by(TaskRow.completed_at.desc()).limit(1)) if ids else None
    return (done.astimezone(CST).date(), None, None) if done else (None, None, None)


def _window(kind: str, petition: Petition, tasks: list[TaskRow], replies: list[Document]) -> Window:
    form, opened_by, zh, en = RIGHTS[kind]
    task = next((t for t in tasks if t.form == form), None)
    served = [d.served_on for d in replies if d.kind in opened_by]
    if kind == "review" and not served and petition.replied_on:
        served = [petition.replied_on]  # a reply other than an opinion (Art. 31 routes) also starts it
    served_on = max(served) if served else None
    last_day = deadline(served_on.isoformat(), WINDOW_DAYS).last_day if served_on else None
    requested = (None, None, None) if task is not None else _requested(kind, petition)
    in_time = last_day is None or today() <= last_day
    # Past the last day, the step still open waits for letters posted in time, until its own timer.
    letters_until = last_day_of(task.due_at) if task is not None and not in_time and task.due_at else None
    return Window(kind, task is not None and in_time, task.id if task else None, served_on, last_day, zh, en,
                  *requested, letters_until)


def progress(petition: Petition, lang: str = "zh", documents: list[Document] | None = None) -> Progress:
    """Return what the petitioner may see: stage, next deadline, served replies, open rights, how it
    ended (`documents`: the petition's own, when already read)."""
    if documents is None:
        documents = documents_for(petition.id)
    tasks = _petitioner_tasks(petition)
    staff = [t for t in tasks if t.group != "petitioner" and t.process not in BETWEEN_ORGANS]
    limits = governing_limits(staff) if petition.stage not in PETITIONERS_TURN else {}
    next_due = min((limit.last_day for limit in limits.values()), default=None)
    replies = served_replies(petition, documents)
    evaluation = next((t.id for t in tasks if t.form == "evaluate"), None)
    until = deadline(petition.replied_on.isoformat(), WINDOW_DAYS).last_day if petition.replied_on else None
    return Progress(petition, public_view(petition, lang), next_due, replies, evaluation,
                    {kind: _window(kind, petition, tasks, replies) for kind in RIGHTS}, until, _evaluated(petition),
                    case_end(petition, documents))


def _evaluated(petition: Petition) -> tuple[str, date] | None:
    row = db.session.scalar(select(Evaluation).where(Evaluation.petition_id == petition.id))
    if row is None:
        return None
    choice = min(SATISFACTION, key=lambda key: abs(SATISFACTION[key] - row.satisfaction))  # staff may record 1-5
    return choice, row.at.astimezone(CST).date()


def request_right(petition: Petition, kind: str, reasons: str) -> None:
    """Ask for review or re-review; refused with the article and dates when the window is not open."""
    view = progress(petition)
    window = view.windows[kind]
    if not window.open:
        raise RequestRefused("%(kind)s cannot be requested now (%(article)s).", fields=["kind"],
                             kind=Said(*RIGHT_WORDS[kind]), article=Said(window.article_en, window.article_zh))
    complete_request(window, today(), reasons, "online", f"petitioner:{petition.registration_number}")


def complete_request(window: Window, requested_on: date, reasons: str, channel: str, actor: str,
                     papers: str = "", received_on: date | None = None) -> None:
    """Complete the petitioner's request step: the right used, the day it was made (which the 30 days
    are measured to), why, how it came in, the papers handed in with it and, when it arrived later, the
    day the organ received it (which the organ's own 30 days run from)."""
    values = (True, requested_on.isoformat(), (reasons or "").strip()[:4000], channel)
    data = dict(zip(REQUEST_FIELDS[window.kind], values))
    if papers:
        data[REQUEST_PAPERS[window.kind]] = papers[:1000]
    if received_on is not None and received_on != requested_on:
        data[REQUEST_RECEIVED[window.kind]] = received_on.isoformat()
    complete_task(window.task_id, data, actor)


def evaluate_handling(petition: Petition, code: str, evaluation: str, comment: str) -> None:
    """Record the petitioner's evaluation (Art. 21) and complete the evaluation step if offered."""
    if evaluation not in SATISFACTION:
        raise InvalidInput("Choose an evaluation.", fields=["evaluation"], code="invalid_evaluation")
    view = progress(petition)
    task_id = view.evaluation_task
    if view.evaluation_closed:
        raise EvaluationRefused("The evaluation was offered until %(until)s.", code="evaluation_closed",
                                until=str(view.evaluation_until))
    try:
        evaluate(petition.registration_number, code, SATISFACTION[evaluation], comment)
    except EvaluationRefused as exc:
        # The diagram may offer the step before the reply's service reaches the petition record.
        if task_id is None or exc.code != "not_yet_replied":
            raise
    if task_id is not None:
        complete_task(task_id, {"evaluation": evaluation, "evaluation_comment": (comment or "").strip()[:2000]},
                      f"petitioner:{petition.registration_number}")
