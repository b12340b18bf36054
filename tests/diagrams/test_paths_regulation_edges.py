"""Edges of the regulation's text the other path tests do not reach: the exception of Art. 23 ¶2 for a
petitioner whose name or address is unclear, the publication of a re-review opinion that only a
hearing allows (Art. 36 ¶2), the bar of Art. 19 ¶4 that holds only within the lower level's time
limit, and limits that run across the Spring Festival (5 working days of Art. 23, the petitioner's
last day of Art. 35 rolled past the break), and a recused handler kept off the case (Art. 28 ¶3).
docs/regulation_coverage.md lists what each checks."""
from __future__ import annotations

import pytest

from engine import db
from engine.errors import Conflict, FormInvalid
from engine.tasks import complete_task, task_form
from engine.timers import advance_clock
from processes.accounts import create_user
from processes.case_walk import REVIEW, form_values, task_at
from processes.errors import InvalidInput
from processes.hand_over import hand_over_candidates, hand_over_task
from processes.portal import RequestRefused
from processes.task_checks import check_task_submission
from tests.diagrams.test_paths_limits import reach
from tests.diagrams.walker import LABOUR, REPLIED, at

COUNTY_DESK = "JN-QS-LX-XFJ"


@pytest.mark.parametrize(("channel", "clear", "owed"), [
    ("letter", False, False),  # no name or address to write to: nothing owed, nothing served
    ("letter", True, True),
    ("online", False, True),  # an online petitioner is answered on the portal whatever the address
], ids=["letter_unclear", "letter_clear", "online_unclear"])
def test_the_written_notice_is_owed_unless_name_or_address_is_unclear(walker, channel, clear, owed):
    recorded = {"recorded_by": "registrar"} if channel != "online" else {}
    case = walker(channel=channel, **recorded)
    case.step("register_petition", name_address_clear=clear)
    forwarded = case.document("forward_notice")
    assert (forwarded.served_on is not None) is owed
    case.step("decide_acceptance", accept=True)
    reach(case, "notify_acceptance", "missed")  # 00:00 after the 15th day from receipt
    if owed:  # the organ did not tell the petitioner within 15 days: supervised (Art. 23, 44 (3))
        assert case.ready() == {"notify_acceptance", "issue_supervision_letter"}
        assert case.offered("issue_supervision_letter")[1] == COUNTY_DESK
    else:  # Art. 23 ¶2: "except where the name or address is unclear"
        assert case.ready() == {"notify_acceptance"}
    case.step("notify_acceptance")
    notice = case.document("acceptance_notice")
    assert (notice.served_on is not None) is owed
    assert case.stage == "handling"


def _submit_check(case, element: str, **choices) -> None:
    """Check a submission of a ready task as the desk and the API check it before completing it."""
    row = task_at(case.instance_id, element)
    values = form_values(task_form(row), choices, case.data, "2026-01-05")
    check_task_submission(row.id, values)


def test_only_a_re_review_opinion_given_after_a_hearing_may_be_published(walker):
    case = walker(receiving_organ=LABOUR).steps(REPLIED).request("review").steps(REVIEW).request("re_review")
    case.step("examine_re_review", hold_hearing=False)
    with pytest.raises(FormInvalid) as refused:  # Art. 36 ¶2: "经过听证的复核意见可以依法向社会公示"
        _submit_check(case, "decide_re_review", publish_opinion=True)
    (words,) = refused.value.errors["publish_opinion"]
    assert "no hearing" in words and "未经听证" in words.zh
    _submit_check(case, "decide_re_review", publish_opinion=False)
    # A completion that skips the desk's check still publishes nothing that was not heard.
    case.steps([("decide_re_review", {"publish_opinion": True}), ("serve_re_review_opinion", {})])
    opinion = case.document("re_review_opinion")
    assert (opinion.fields["hearing_held"], opinion.fields["publish"]) == (False, False)


def test_a_re_review_opinion_given_after_a_hearing_may_be_published(walker):
    case = walker(receiving_organ=LABOUR).steps(REPLIED).request("review").steps(REVIEW).request("re_review")
    case.step("examine_re_review", hold_hearing=True)
    case.step("prepare_re_review_hearing", hearing_date="2026-01-12", hearing_place="江南省人社厅听证室")
    case.advance(to=at("2026-01-12", 17))
    case.step("record_re_review_hearing", hearing_ended_on="2026-01-12", hearing_record="听取双方意见。")
    _submit_check(case, "decide_re_review", publish_opinion=True)
    case.steps([("decide_re_review", {"publish_opinion": True}), ("serve_re_review_opinion", {})])
    opinion = case.document("re_review_opinion")
    assert (opinion.fields["hearing_held"], opinion.fields["publish"]) == (True, True)


CITY_DESK = "JN-QS-XFJ"


@pytest.mark.parametrize(("day", "extended", "rule"), [
    ("2026-03-06", False, "art19"),  # the 60th day from acceptance on 5 January: still within the limit
    ("2026-03-09", False, None),  # the limit ended unmet on 6 March: the city may take the matter up
    ("2026-03-09", True, "art19"),  # extended by 30 days to 7 April: still within the limit
], ids=["last_day", "after_the_limit", "after_the_sixty_days_extended"])
def test_the_higher_level_refuses_the_same_matter_only_within_the_lower_levels_limit(investigating, walker, day,
                                                                                     extended, rule):
    earlier = investigating
    if extended:
        earlier.steps([("investigate", {"next_step": "extension"}), ("request_extension", {"extension_days": 30}),
                       ("approve_extension", {"extension_approved": True})])
    earlier.advance(to=at(day, 10))
    assert earlier.stage in ("handling", "extension")
    case = walker(receiving_organ=CITY_DESK, territory="JN-QS-LX")
    check = case.data["same_matter_check"]
    assert (check["found"], check["earlier"], check["rule"]) == (True, earlier.petition.registration_number, rule)
    case.step("confirm_same_matter", same_matter_confirmed=rule is not None)
    if rule is None:  # a resemblance the registrar weighs; nothing bars registering it
        assert case.offered("register_petition") == ("registrar", CITY_DESK)
    else:
        assert case.document("non_acceptance_notice").fields["ground"] == "same_matter_in_hand"


@pytest.mark.parametrize("outcome", ("met", "missed"))
def test_objection_days_skip_the_spring_festival_and_count_its_make_up_saturday(ctx, walker, outcome):
    # Forwarded on Wednesday 11 February: 12, 13, Saturday 14 (worked in lieu), then 24 and 25 February.
    advance_clock(to=at("2026-02-11"))
    db.session.commit()
    case = walker().step("register_petition", handling_organ="JN-QS-LX-ZRZYJ")
    assert case.due("decide_acceptance") == at("2026-02-26", 0)
    reach(case, "decide_acceptance", outcome)
    if outcome == "met":  # 23:59 of the fifth working day: the objection is in time
        case.step("decide_acceptance", accept=False, decision_reason="不属本局职责。")
        assert case.ready() == {"verify_objection"}
    else:
        assert case.ready() == {"notify_acceptance"} and "objection" not in case.documents()


@pytest.mark.parametrize("outcome", ("met", "missed"))
def test_a_review_asked_on_the_last_day_rolled_past_the_spring_festival_is_in_time(walker, outcome):
    case = walker(receiving_organ=LABOUR).steps(REPLIED[:-1])
    case.advance(to=at("2026-01-17"))
    case.step("serve_reply")  # the 30th day is Monday 16 February, in the break: the last day is 24 February
    assert case.window("review").last_day.isoformat() == "2026-02-24"
    reach(case, "request_review", outcome)
    if outcome == "met":
        case.request("review")
        assert case.stage == "review" and case.data["review_requested_on"] == "2026-02-24"
    else:
        with pytest.raises(RequestRefused, match="Art. 35"):
            case.request("review")


def test_a_handler_who_recused_is_kept_off_the_case_and_the_designated_one_holds_its_steps(accepted):
    create_user("handler2", "handler", organ=LABOUR, password="x" * 12)
    create_user("county_desk_handler", "handler", organ=COUNTY_DESK, password="x" * 12)
    db.session.commit()
    case = accepted
    assert task_at(case.instance_id, "check_recusal").assignee is None  # the first check is the group's
    case.step("check_recusal", has_direct_interest=True, interest_note="承办人系被投诉公司股东的亲属。")
    assert task_at(case.instance_id, "reassign_handler").group == "head"
    for name, words in (("handler", "已在本案回避"), ("nobody", "不是本案办理机关"),
                        ("county_desk_handler", "不是本案办理机关"), ("head", "不是本案办理机关")):
        with pytest.raises(FormInvalid) as refused:
            _submit_check(case, "reassign_handler", assigned_handler=name)
        assert words in refused.value.errors["assigned_handler"][0].zh
    _submit_check(case, "reassign_handler", assigned_handler="handler2")
    case.step("reassign_handler", assigned_handler="handler2")

    row = task_at(case.instance_id, "check_recusal")
    assert row.assignee == "handler2"
    with pytest.raises(Conflict):  # the handler who recused cannot take the designated handler's step
        complete_task(row.id, {"has_direct_interest": False}, "handler")
    db.session.rollback()
    case.step("check_recusal", has_direct_interest=False)
    route = task_at(case.instance_id, "choose_route")
    assert route.assignee == "handler2"
    # Nor can the head hand a step of the case back to the handler who recused (the one holding it is not
    # offered it either: nobody is left to offer).
    assert [user.username for user in hand_over_candidates(route)] == []
    with pytest.raises(InvalidInput):
        hand_over_task(route.id, "handler", "head", "忙不过来。")
    db.session.rollback()
    case.step("choose_route", handling_route="investigate")
    assert task_at(case.instance_id, "investigate").assignee == "handler2"
    case.step("investigate", next_step="extension")
    assert task_at(case.instance_id, "request_extension").assignee == "handler2"


@pytest.mark.parametrize("clear", (False, True), ids=["unclear", "clear"])
def test_the_extension_notice_to_a_petitioner_without_a_clear_address_stays_on_file(walker, clear):
    case = walker(receiving_organ=LABOUR, channel="letter", recorded_by="registrar")
    case.steps([("register_petition", {"name_address_clear": clear}), ("notify_acceptance", {}),
                ("check_recusal", {}), ("choose_route", {"handling_route": "investigate"}),
                ("investigate", {"next_step": "extension"}), ("request_extension", {"extension_days": 30}),
                ("approve_extension", {"extension_approved": True})])
    notice = case.document("extension_notice")
    assert (notice.served_on is not None) is clear
