"""Who holds a hearing (Art. 31, 36 ¶2): the handlers of the handling organ during handling, the
reviewers of the re-review organ during re-review; each sees the tasks in the inbox, no one else."""
from __future__ import annotations

from sqlalchemy import select

from engine import db
from processes.access import may_work
from processes.accounts import User, create_user, get_user
from processes.case_walk import REVIEW, task_at
from processes.demo import load_demo
from processes.inbox import InboxFilters, inbox
from tests.diagrams.walker import LABOUR, REPLIED, Walker, at

PROVINCE_LABOUR = "JN-RSJ"  # 江南省人社厅: re-reviews what the city labour bureau reviewed
SIXTY_DAYS = at("2026-03-07", 0)
# The organs above the demo's handling organs (labour, land, environment, township, county):
# review one level up (Art. 35), re-review and its hearing two levels up (Art. 36).
REVIEWING_ORGANS = ("JN-QS-RSJ", "JN-RSJ", "JN-QS-ZRZYJ", "JN-ZRZYJ", "JN-QS-STHJJ", "JN-STHJJ",
                    "JN-QS-LX", "JN-QS", "JN")


def inbox_elements(username: str) -> set[str]:
    """Return the elements of the tasks a user's inbox lists."""
    page = inbox(get_user(username), InboxFilters(tab="all", per_page=100))
    return {row.task.element for row in page.rows}


def may_take(case: Walker, username: str, element: str) -> bool:
    """Tell whether a user may claim and complete the ready task of an element."""
    return may_work(get_user(username), task_at(case.instance_id, element))


def test_re_review_hearing_goes_to_the_reviewers_of_the_re_review_organ(walker):
    create_user("province_labour_handler", "handler", organ=PROVINCE_LABOUR, password="x" * 12)
    case = walker(receiving_organ=LABOUR).steps(REPLIED).request("review").steps(REVIEW).request("re_review")
    case.step("examine_re_review", hold_hearing=True)
    assert case.stage == "hearing"
    assert case.offered("prepare_re_review_hearing") == ("reviewer", PROVINCE_LABOUR)
    assert "prepare_re_review_hearing" in inbox_elements("re_reviewer")
    assert may_take(case, "re_reviewer", "prepare_re_review_hearing")
    for other in ("province_labour_handler", "handler", "reviewer"):  # its handlers; the organs below
        assert "prepare_re_review_hearing" not in inbox_elements(other)
        assert not may_take(case, other, "prepare_re_review_hearing")

    case.step("prepare_re_review_hearing", hearing_date="2026-01-12", hearing_place="江南省人社厅听证室")
    assert case.document("hearing_notice").issued_by == PROVINCE_LABOUR
    assert case.offered("record_re_review_hearing") == ("reviewer", PROVINCE_LABOUR)
    assert "record_re_review_hearing" in inbox_elements("re_reviewer")
    assert "record_re_review_hearing" not in inbox_elements("province_labour_handler")
    case.step("record_re_review_hearing", hearing_ended_on="2026-01-05", hearing_record="听取双方意见。")
    assert case.stage == "re_review" and "decide_re_review" in case.ready()
    assert case.data["hearing_held"] is True


def test_handling_hearing_still_goes_to_the_handlers(investigating):
    case = investigating.step("investigate", next_step="hearing")
    assert case.offered("prepare_hearing") == ("handler", LABOUR)
    assert case.due("prepare_hearing") == SIXTY_DAYS  # the hearing is part of the 60 days of Art. 34
    assert "prepare_hearing" in inbox_elements("handler")
    assert not may_take(case, "reviewer", "prepare_hearing")
    case.step("prepare_hearing", hearing_date="2026-01-09", hearing_place="柳溪县人社局听证室")
    assert case.offered("record_hearing") == ("handler", LABOUR)
    assert case.due("record_hearing") == SIXTY_DAYS
    assert "record_hearing" in inbox_elements("handler")


def test_demo_re_review_hearing_waits_for_a_demo_reviewer(ctx):
    load_demo()
    db.session.commit()
    assert ("record_re_review_hearing", "工伤待遇核定不服") in {
        (row.task.element, row.petition.title)
        for row in inbox(get_user("re_reviewer"), InboxFilters(tab="all", per_page=100)).rows}
    for code in REVIEWING_ORGANS:  # every organ a demo case can reach on review or re-review
        assert db.session.scalar(select(User.id).where(User.role == "reviewer", User.organ_code == code)), code
