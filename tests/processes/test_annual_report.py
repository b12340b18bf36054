"""The annual report of Art. 41: statistics and fields, most complained organs, passing on, suggestions."""
from __future__ import annotations

import pytest

from engine import current_clock
from processes.annual_report import annual_report
from processes.errors import UnknownOrgan
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
