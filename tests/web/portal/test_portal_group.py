"""A group petition online: at most five petitioners, and the form says so once it holds five."""
from __future__ import annotations

from tests.web.portal.portal_app import csrf, petition_post


def _with_petitioners(count: int) -> dict:
    data = petition_post()
    for index in range(1, count):
        data[f"petitioners-{index}-name"] = f"工友{index}"
    return data


def test_the_fifth_petitioner_is_the_last_the_form_offers_and_it_says_why(client):
    csrf(client)
    four = client.post("/portal/submit/rows?lang=en", data=_with_petitioners(4)).get_data(as_text=True)
    assert 'name="petitioners-4-name"' in four  # the fifth row, blank
    assert "Add another petitioner" not in four
    assert "At most 5 petitioners can be named online. If more people share the matter, choose at most 5" in four
    five = client.post("/portal/submit/rows?lang=zh_CN", data=_with_petitioners(5)).get_data(as_text=True)
    assert 'name="petitioners-5-name"' not in five and "工友4" in five
    assert "增加信访人" not in five and "网上信访最多可填写5位信访人" in five


def test_fewer_petitioners_are_offered_another_row_without_the_note(client):
    csrf(client)
    two = client.post("/portal/submit/rows", data=_with_petitioners(2)).get_data(as_text=True)
    assert 'name="petitioners-2-name"' in two and "增加信访人" in two and "最多可填写" not in two
    assert "增加信访人" in client.get("/portal/submit").get_data(as_text=True)


def test_a_group_of_five_is_registered_with_every_name(app, client):
    csrf(client)
    response = client.post("/portal/submit", data=_with_petitioners(5))
    assert response.status_code == 302
    from processes.petitions import search_petitions

    with app.app_context():
        petition = search_petitions(number="XF-").items[0]
        assert [p["name"] for p in petition.petitioners] == ["周丽", "工友1", "工友2", "工友3", "工友4"]
