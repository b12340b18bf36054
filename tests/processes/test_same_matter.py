"""The same matter again: Art. 19 ¶4 (already in hand, now to a higher level), Art. 36 ¶3 (final)."""
import pytest

from engine.db import db
from processes.petitions import close_petition, find_by_number, set_handling_organ, set_stage
from processes.petitions.stored_numbers import normalise_stored_numbers
from processes.same_matter import THRESHOLD, find_same_matter, similarity

WAGES = ("请求责令青山建材有限公司支付拖欠的工资三万元。",
         "本人于2025年在青山建材有限公司工作八个月，公司至今拖欠工资三万元未付，多次催要无果。")
WAGES_RETOLD = ("要求青山建材有限公司支付拖欠我的工资三万元！",
                "我2025年在青山建材有限公司干了八个月，公司一直拖欠三万元工资不给，多次催要都没有结果。")
INSURANCE = ("请求责令青山物流有限公司补缴社会保险费。", "本人于2024年在青山物流有限公司工作两年，公司未缴纳社会保险。")
LAND = ("请求退还被占用的承包地。", "村委会占用我家承包地两亩，至今未给任何补偿。")
POLLUTION = ("请求查处桃源镇化工厂夜间排放废气。", "桃源镇化工厂每天夜里排放刺鼻废气，附近村民难以入睡。")


def joined(texts):
    return "\n".join(texts)


@pytest.mark.parametrize("other", [WAGES_RETOLD, (WAGES[0], WAGES[1][:30])])
def test_retellings_of_one_complaint_reach_the_threshold(other):
    assert similarity(joined(WAGES), joined(other)) >= THRESHOLD


@pytest.mark.parametrize("other", [INSURANCE, LAND, POLLUTION])
def test_different_complaints_stay_below_the_threshold(other):
    assert similarity(joined(WAGES), joined(other)) < THRESHOLD


def test_similarity_ignores_punctuation_and_spacing():
    assert similarity("拖欠工资，三万元！", "拖欠 工资 三万元") == pytest.approx(1.0)
    assert similarity("", "拖欠工资") == 0.0


def wages_again(submit, texts=WAGES_RETOLD, **changes):
    return submit(request=texts[0], facts=texts[1], **changes).petition


def test_same_matter_in_hand_is_not_accepted_by_a_higher_level(submit):
    earlier = submit(request=WAGES[0], facts=WAGES[1]).petition
    set_handling_organ(earlier.id, "JN-QS-LX-RSJ")
    set_stage(earlier.id, "handling")
    later = wages_again(submit, receiving_organ="JN-QS-XFJ")  # the city petition bureau
    result = find_same_matter(later)
    assert result.rule == "art19" and result.earlier == earlier.registration_number
    assert earlier.registration_number in result.message and "Art. 19" in result.message


def test_same_petitioner_is_recognised_by_name_and_phone_without_id_number(submit):
    earlier = submit(request=WAGES[0], facts=WAGES[1]).petition
    set_stage(earlier.id, "handling")
    person = {"name": "周丽", "phone": "13800000001", "address": "桃源镇"}
    later = wages_again(submit, receiving_organ="JN-QS-RSJ", petitioners=[person])
    assert find_same_matter(later).earlier == earlier.registration_number


def test_same_matter_at_the_same_level_is_reported_without_a_bar(submit):
    earlier = submit(request=WAGES[0], facts=WAGES[1]).petition
    set_stage(earlier.id, "handling")
    result = find_same_matter(wages_again(submit))
    assert result.rule is None and result.earlier == earlier.registration_number


def test_same_matter_after_re_review_is_final(submit):
    earlier = submit(request=WAGES[0], facts=WAGES[1]).petition
    close_petition(earlier.id, "final")
    db.session.commit()
    result = find_same_matter(wages_again(submit))
    assert result.rule == "art36" and result.earlier == earlier.registration_number
    assert "Art. 36" in result.message and earlier.registration_number in result.message


def test_a_different_matter_or_another_petitioner_is_not_the_same_matter(submit):
    earlier = submit(request=WAGES[0], facts=WAGES[1]).petition
    close_petition(earlier.id, "final")
    assert find_same_matter(wages_again(submit, INSURANCE)) is None
    stranger = [{"name": "吴刚", "id_number": "330101198001010011", "phone": "13700000000", "address": "柳溪县"}]
    assert find_same_matter(wages_again(submit, petitioners=stranger)) is None


def test_a_later_petition_is_never_the_earlier_one(submit):
    first = submit(request=WAGES[0], facts=WAGES[1]).petition
    later = wages_again(submit)
    close_petition(later.id, "final")
    assert find_same_matter(first) is None


def test_an_id_number_typed_another_way_is_the_same_petitioner(submit):
    first = {"name": "周丽", "id_number": "11010519491231002X", "address": "桃源镇"}
    earlier = submit(request=WAGES[0], facts=WAGES[1], petitioners=[first]).petition
    set_stage(earlier.id, "handling")
    # Another name as written on a letter, no phone: only the number tells it is her.
    again = {"name": "周 丽", "id_number": "110105 19491231 002x", "address": "桃源镇"}
    later = wages_again(submit, receiving_organ="JN-QS-XFJ", petitioners=[again])
    assert find_same_matter(later).earlier == earlier.registration_number


def test_numbers_stored_as_typed_before_they_were_checked_are_found_once_written_as_now(submit):
    earlier = submit(request=WAGES[0], facts=WAGES[1]).petition
    typed = [{"name": "周丽", "id_number": "110105 19491231 002x", "phone": "+86 138 0013 8000", "address": "桃源镇"},
             {"name": "吴刚", "id_number": "1101051949", "phone": "62345678", "address": "桃源镇"}]
    earlier.petitioners, earlier.petitioner_keys = typed, "周丽 110105 19491231 002x +86 138 0013 8000 | 吴刚"
    set_stage(earlier.id, "handling")
    db.session.commit()
    later = wages_again(submit, petitioners=[{"name": "周", "id_number": "11010519491231002X", "address": "桃源镇"}])
    assert find_same_matter(later) is None  # the search column holds the number as typed

    assert normalise_stored_numbers() == 1  # the earlier petition; the later one was stored checked
    assert normalise_stored_numbers() == 0
    db.session.commit()
    kept = find_by_number(earlier.registration_number)
    assert kept.petitioners == [
        {"name": "周丽", "document_type": "resident_id", "id_number": "11010519491231002X", "phone": "13800138000",
         "address": "桃源镇"},
        {"name": "吴刚", "document_type": "resident_id", "id_number": "1101051949", "phone": "62345678",
         "address": "桃源镇"}]  # what no check can make sense of stays as typed
    assert "11010519491231002X 13800138000" in kept.petitioner_keys
    assert find_same_matter(find_by_number(later.registration_number)).earlier == earlier.registration_number


def test_the_same_number_of_another_kind_of_document_is_another_person(submit):
    passport = {"name": "Anna Müller", "document_type": "passport", "id_number": "C01X00T47", "address": "柳溪县"}
    earlier = submit(request=WAGES[0], facts=WAGES[1], petitioners=[passport]).petition
    set_stage(earlier.id, "handling")
    other = {**passport, "name": "安娜", "document_type": "other"}
    assert find_same_matter(wages_again(submit, petitioners=[other])) is None
    same = {**passport, "name": "安娜", "id_number": "c01x00t47"}
    assert find_same_matter(wages_again(submit, petitioners=[same])).earlier == earlier.registration_number
