"""Written documents: numbers, required content, service, and the A4 notice each renders."""
from datetime import date

import pytest

from engine.db import db
from processes.documents import (
    KINDS,
    documents_for,
    format_day,
    get_document,
    issue_document,
    render_document,
    serve_document,
)
from processes.errors import InvalidDocument, UnknownDocument
from processes.petitions import set_handling_organ

OPINION = {"opinion": "support", "opinion_text": "责令青山建材有限公司于30日内支付拖欠工资三万元。",
           "basis": "《中华人民共和国劳动合同法》第三十条"}
FIELDS = {
    "acceptance_notice": {},
    "non_acceptance_notice": {"reason": "该事项已经复核终结。", "ground": "final_after_re_review"},
    "forward_notice": {"to_organ": "JN-QS-LX-RSJ"},
    "assign_notice": {"to_organ": "JN-QS-LX-TY", "due_on": "2026-03-20"},
    "assignment_notice": {"to_organ": "JN-QS-LX-TY"},
    "objection": {"to_organ": "JN-QS-LX-XFJ", "reason": "该事项属于自然资源部门职责。"},
    "extension_notice": {"reason": "需调取该公司两年的工资账册。", "extended_until": "2026-05-31"},
    "handling_opinion": OPINION,
    "review_opinion": {**OPINION, "opinion": "explain"},
    "re_review_opinion": {**OPINION, "opinion": "not_support", "hearing_held": True},
    "mediation_agreement": {"parties": ["周丽", "青山建材有限公司"], "terms": ["公司于3月31日前支付工资三万元。"]},
    "hearing_notice": {"hearing_at": "2026-04-10T09:30", "place": "青山市人社局三楼会议室"},
    "supervision_letter": {"to_organ": "JN-QS-LX-RSJ", "issue": "超过法定期限未办结。", "feedback_due": "2026-04-15"},
    "major_report": {"to_organ": "JN-QS-XFJ", "summary": "三十余名工人聚集讨薪。", "measures": "已派员现场疏导。"},
}
ARTICLES = {"acceptance_notice": "第二十三条", "non_acceptance_notice": "第三十六条第三款",
            "forward_notice": "第二十二条", "assign_notice": "第二十二条第一款第三项",
            "assignment_notice": "第二十二条、第二十三条第一款", "objection": "第二十三条第三款",
            "extension_notice": "第三十四条", "handling_opinion": "第三十一条第六项、第三十二条", "review_opinion": "第三十五条",
            "re_review_opinion": "第三十六条", "mediation_agreement": "第三十三条", "hearing_notice": "第三十一条第二款、第三十六条第二款",
            "supervision_letter": "第四十条", "major_report": "第二十五条"}


@pytest.fixture
def petition(submit):
    petition = submit().petition
    set_handling_organ(petition.id, "JN-QS-LX-RSJ")
    db.session.commit()
    return petition


def test_every_kind_of_the_contract_has_fields_and_an_article_here():
    assert set(KINDS) == set(FIELDS) == set(ARTICLES)


@pytest.mark.parametrize("kind", sorted(FIELDS))
def test_every_kind_renders_an_a4_notice_citing_its_article(petition, kind):
    number = issue_document(petition.id, kind, FIELDS[kind])
    document = get_document(number)
    html = render_document(document)
    assert number.startswith(f"{KINDS[kind].prefix}-JN-QS-LX-RSJ-2026-")
    assert KINDS[kind].title_zh in html and number in html
    assert f"《信访工作条例》{ARTICLES[kind]}" in html
    assert "柳溪县人力资源和社会保障局" in html and "2026年3月2日" in html
    english = render_document(document, "en")
    assert "Regulations on Letters and Visits" in english and KINDS[kind].title_en in english


def test_handling_opinion_states_request_facts_reasons_opinion_and_basis(petition):
    html = render_document(get_document(issue_document(petition.id, "handling_opinion", OPINION)))
    for text in (petition.request, petition.facts, petition.reasons, "予以支持", OPINION["opinion_text"],
                 OPINION["basis"], "第三十二条第一款第一项"):
        assert text in html
    assert "30日内向青山市人力资源和社会保障局请求复查" in html  # where review is asked (Art. 35)


def test_re_review_opinion_says_it_is_final(petition):
    html = render_document(get_document(issue_document(petition.id, "re_review_opinion",
                                                       FIELDS["re_review_opinion"])))
    assert "不再受理" in html and "并举行听证" in html


def test_numbers_run_per_kind_and_the_list_is_in_order(petition):
    first = issue_document(petition.id, "acceptance_notice", {})
    second = issue_document(petition.id, "handling_opinion", OPINION)
    third = issue_document(petition.id, "acceptance_notice", {})
    assert first.endswith("-0001") and second.endswith("-0001") and third.endswith("-0002")
    assert [d.number for d in documents_for(petition.id)] == [first, second, third]


def test_a_missing_field_or_unknown_kind_is_refused(petition):
    with pytest.raises(InvalidDocument, match="handling opinion needs: basis") as caught:
        issue_document(petition.id, "handling_opinion", {**OPINION, "basis": " "})
    assert caught.value.fields == ["basis"]
    with pytest.raises(InvalidDocument, match="Art. 32"):
        issue_document(petition.id, "handling_opinion", {**OPINION, "opinion": "maybe"})
    with pytest.raises(InvalidDocument) as caught:
        issue_document(petition.id, "love_letter", {})
    assert caught.value.code == "unknown_document_kind"


def test_an_accusation_is_never_sent_to_the_organ_accused(submit):
    accusation = submit(category="accusation", accused_organ="JN-QS-LX-CGJ").petition
    with pytest.raises(InvalidDocument, match="Art. 30") as caught:
        issue_document(accusation.id, "assign_notice", {"to_organ": "JN-QS-LX-CGJ"})
    assert caught.value.code == "accused_organ"
    assert issue_document(accusation.id, "assign_notice", {"to_organ": "JN-QS-LX-JW"})


def test_the_document_keeps_what_it_said_when_the_petition_changes(petition):
    number = issue_document(petition.id, "acceptance_notice", {})
    original = petition.request
    petition.request = "改过的请求"
    db.session.commit()
    html = render_document(get_document(number))
    assert original in html and "改过的请求" not in html


def test_typed_markup_is_escaped(submit):
    petition = submit(request="<script>alert(1)</script>请求支付工资").petition
    html = render_document(get_document(issue_document(petition.id, "acceptance_notice", {})))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_serving_a_reply_lets_the_petitioner_evaluate(petition):
    number = issue_document(petition.id, "handling_opinion", OPINION)
    serve_document(number, "2026-03-02")
    assert get_document(number).served_on == date(2026, 3, 2)
    assert petition.replied_on == date(2026, 3, 2)
    serve_document(number, "2026-03-02")  # recording the same day again is harmless
    with pytest.raises(InvalidDocument) as caught:
        serve_document(number, "2026-03-01")
    assert "cannot be served" in caught.value.message


def test_serving_checks_the_day(petition):
    number = issue_document(petition.id, "acceptance_notice", {})
    with pytest.raises(InvalidDocument, match="not a date"):
        serve_document(number, "soon")
    with pytest.raises(InvalidDocument, match="cannot be served"):
        serve_document(number, "2026-03-05")
    serve_document(number, date(2026, 3, 2))
    assert petition.replied_on is None  # an acceptance notice is no reply to the request
    with pytest.raises(UnknownDocument):
        serve_document("CL-NOPE", "2026-03-02")


def test_dates_read_as_in_an_official_document():
    assert format_day("2026-03-02") == "2026年3月2日"
    assert format_day(date(2026, 10, 1), "en") == "1 October 2026"


def test_acceptance_notice_gives_the_day_of_acceptance_and_ends_each_sentence_once(petition):
    number = issue_document(petition.id, "acceptance_notice",
                            {"accepted_on": "2026-03-02", "procedure": "由社会救助科调查核实后出具处理意见。"})
    html = render_document(get_document(number))
    assert "本机关于2026年3月2日决定受理。" in html  # the 60 days of Art. 34 run from it
    assert "由社会救助科调查核实后出具处理意见。对属于第三十一条第六项" in html and "。。" not in html
    english = render_document(get_document(number), "en")
    assert "was accepted on 2 March 2026." in english and "处理意见。." not in english


@pytest.mark.parametrize("kind", ["handling_opinion", "review_opinion", "re_review_opinion"])
def test_an_opinion_prints_the_facts_and_reasons_the_organ_wrote(petition, kind):
    stated = {**OPINION, "request": "请求支付拖欠工资三万元。", "facts": "经查，该公司拖欠周丽工资三万元属实。",
              "reasons": "用人单位应当按时足额支付劳动报酬。"}
    html = render_document(get_document(issue_document(petition.id, kind, stated)))
    for text in (stated["request"], stated["facts"], stated["reasons"]):
        assert text in html  # Art. 32: what the organ found, not only what the petitioner wrote
    assert petition.facts not in html


def test_hearing_notice_gives_the_day_and_time_as_a_notice_writes_them_and_what_is_heard(petition):
    timed = get_document(issue_document(petition.id, "hearing_notice", {**FIELDS["hearing_notice"],
                                                                        "matters": "工资数额是否属实"}))
    html = render_document(timed)
    assert "听证时间：2026年4月10日9时30分" in html and "听证事项：工资数额是否属实" in html
    assert "2026-04-10" not in html
    assert "Time: 10 April 2026, 09:30" in render_document(timed, "en")
    day_only = get_document(issue_document(petition.id, "hearing_notice",
                                           {"hearing_at": "2026-04-10", "place": "会议室"}))
    assert "听证时间：2026年4月10日</p>" in render_document(day_only)
