"""The annual report of Art. 41: statistics and fields, most complained organs, passing on, suggestions."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete

from engine import current_clock, db
from engine.tasks import TaskQuery, complete_task, list_tasks
from engine.timers import advance_clock
from processes.annual_report import annual_report
from processes.errors import UnknownOrgan
from processes.suggestions import SuggestionRecord, record_past_suggestions
from tests.console_data import console_app, register_petitions


@pytest.fixture
def app(app_pool, db_kind):
    return console_app(app_pool, db_kind)


@pytest.fixture
def report(ctx):
    register_petitions()
    return annual_report(2026, "JN-QS-LX-XFJ", current_clock().now())


def _values(table) -> dict:
    return {row[0]: row[1] if len(row) == 2 else row[1:] for row in table.rows}


def test_part_one_counts_matters_their_fields_and_the_organs_complained_about(report):
    summary = _values(report.summary)
    assert (summary["received"], summary["online"], summary["group"], summary["evaluated"]) == (4, 2, 0, 2)
    assert summary["satisfied_share"] == 50.0 and summary["limits_kept_share"] == 25.0
    assert _values(report.by_channel) == {"online": 2, "letter": 1, "phone": 0, "fax": 0, "visit": 1}
    assert _values(report.by_category)["labour"] == 2 and _values(report.by_category)["land"] == 1
    assert report.most_complained.rows == [["JN-QS-LX-RSJ", 2, 0], ["JN-QS-LX-TY", 1, 0]]
    assert report.organ.code == "JN-QS-LX-XFJ" and report.year == 2026


def test_part_two_counts_forwarding_assigning_and_supervising_by_target(report):
    assert _values(report.passing_on) == {"forwarded": 1, "assigned": 1, "supervised": 1}
    assert _values(report.passed_to) == {"JN-QS-LX-RSJ": [1, 0, 1], "JN-QS-LX-TY": [0, 1, 0]}


def test_part_three_counts_suggestions_and_their_adoption(report):
    suggestions = _values(report.suggestions)
    assert (suggestions["improvement_made"], suggestions["policy_made"], suggestions["accountability_made"]) == (1, 1, 0)
    assert (suggestions["letters_with_suggestions"], suggestions["adopted"], suggestions["awaiting_feedback"]) == (1, 1, 0)


def test_another_year_is_empty_and_an_unknown_organ_is_refused(ctx):
    register_petitions()
    empty = annual_report(2025, "JN-QS-LX-XFJ", current_clock().now())
    assert _values(empty.summary)["received"] == 0 and empty.most_complained.rows == []
    with pytest.raises(UnknownOrgan):
        annual_report(2026, "NOWHERE", current_clock().now())


def _submitted(receiving_organ: str = "JN-QS-LX-XFJ", territory: str = "JN-QS-LX", **extra):
    from processes.petitions import submit_petition

    person = {"name": "周丽", "address": "柳溪县桃源镇幸福村5号", "phone": "13800000001"}
    submitted = submit_petition({"receiving_organ": receiving_organ, "territory": territory, "petitioners": [person],
                                 "channel": "letter", "category": "land", "request": "请求依法补偿。",
                                 "facts": "征地补偿未到位。", "reasons": "应当依法补偿。", **extra}, "registrar")
    db.session.commit()
    return submitted.petition


def _petition(receiving_organ: str = "JN-QS-LX-XFJ", territory: str = "JN-QS-LX") -> int:
    return int(_submitted(receiving_organ, territory).instance_id)


def test_an_organ_accused_counts_each_matter_about_it_once(ctx):
    register_petitions()  # the labour office handles two matters, the township one
    _submitted(category="accusation", accused_organ="JN-QS-LX-RSJ")
    handled_by_the_accused = _submitted(category="accusation", accused_organ="JN-QS-LX-TY")
    handled_by_the_accused.handling_organ = "JN-QS-LX-TY"  # as a case from before the rule of Art. 30 may be
    db.session.commit()
    report = annual_report(2026, "JN-QS-LX-XFJ", current_clock().now())
    assert report.most_complained.rows == [["JN-QS-LX-RSJ", 3, 1], ["JN-QS-LX-TY", 2, 1]]
    assert _values(report.summary)["accusations"] == 2 and _values(report.by_category)["accusation"] == 2


def _complete_next(instance: int, data: dict) -> None:
    (task,) = list_tasks(TaskQuery(instance=instance))[0]
    complete_task(task.id, data, "handler")
    db.session.commit()


def test_suggestions_kept_as_made_count_as_those_read_out_of_the_history(ctx):
    # Letters with and without suggestions, blank ones, feedback of each kind: the figures counted
    # from the rows kept when each step completes are those the history's data gives.
    register_petitions()  # one letter with two suggestions, adopted
    second, third, fourth = _petition(), _petition(), _petition("JN-QS-LX-TY", "JN-QS-LX-TY")
    _complete_next(second, {"accountability_suggestion": "追究拖延责任", "improvement_suggestions": "  "})
    _complete_next(second, {"suggestions_adoption": "partly_adopted", "policy_suggestions": ""})
    _complete_next(third, {"improvement_suggestions": "", "policy_suggestions": None, "note": "no suggestion"})
    _complete_next(third, {"suggestions_adoption": "none_made"})
    _complete_next(fourth, {"policy_suggestions": "规范征地补偿", "accountability_suggestion": "约谈"})
    kept = _values(annual_report(2026, "JN-QS-LX-XFJ", current_clock().now()).suggestions)
    assert kept == {"improvement_made": 1, "policy_made": 2, "accountability_made": 2, "letters_with_suggestions": 3,
                    "adopted": 1, "partly_adopted": 1, "not_adopted": 0, "awaiting_feedback": 1}
    assert db.session.query(SuggestionRecord).count() == 5  # the blank letter and "none made" keep nothing

    db.session.execute(delete(SuggestionRecord))
    assert record_past_suggestions() == 5
    assert _values(annual_report(2026, "JN-QS-LX-XFJ", current_clock().now()).suggestions) == kept


def test_suggestions_count_in_the_year_they_were_made_and_for_the_scope_of_the_case(ctx):
    register_petitions()
    in_county, in_city = _petition(), _petition("JN-QS-XFJ", "JN-QS")
    for instance in (in_county, in_city):
        _complete_next(instance, {})  # registered in time; handled the next year
    advance_clock(by=timedelta(days=365))
    _complete_next(in_county, {"policy_suggestions": "规范征地补偿"})
    _complete_next(in_city, {"improvement_suggestions": "改进接访流程"})
    now = current_clock().now()
    county, city = annual_report(2027, "JN-QS-LX-XFJ", now), annual_report(2027, "JN-QS-XFJ", now)
    assert _values(county.suggestions)["policy_made"] == 1 and _values(county.suggestions)["improvement_made"] == 0
    assert _values(city.suggestions)["improvement_made"] == 1
    last_year = _values(annual_report(2026, "JN-QS-LX-XFJ", now).suggestions)  # the first case's letter
    assert (last_year["improvement_made"], last_year["policy_made"]) == (1, 1)
