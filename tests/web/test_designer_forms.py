"""The form editor's pages: list, usage, preview as handlers see it, saves and their refusals."""
from __future__ import annotations

import copy
import json

from tests.web.test_designer_setup import (
    DECIDE,
    app_fixture,  # noqa: F401  (the app with the intake diagram)
    post_json,
    sign_in,
)


def stored(app, key: str) -> dict:
    with app.app_context():
        from engine import current_engine

        return json.loads((current_engine().forms_dir / f"{key}.json").read_text(encoding="utf-8"))


def test_the_list_shows_each_form_and_the_deployed_tasks_that_show_it(client):
    sign_in(client, "designer")
    page = client.get("/designer/forms/").get_data(as_text=True)
    assert "Register and route" in page and "intake v1 · 登记" in page and "valid" in page


def test_the_editor_says_which_condition_reads_a_field(client):
    sign_in(client, "designer")
    page = client.get("/designer/forms/decide").get_data(as_text=True)
    assert "Shown by deployed tasks:" in page and "f_forward" in page and "route == \\u0027forward\\u0027" in page


def test_the_preview_is_the_handlers_form_in_either_language(client):
    sign_in(client, "designer")
    zh = post_json(client, "/designer/form-preview", {"definition": DECIDE, "locale": "zh_CN"}).json
    en = post_json(client, "/designer/form-preview", {"definition": DECIDE, "locale": "en"}).json
    assert zh["problems"] == [] and 'type="radio"' in zh["html"] and "转送" in zh["html"] and "处理方式" in zh["html"]
    assert "Forward" in en["html"] and 'for="f-note"' in en["html"]


def test_the_preview_names_what_is_outside_the_subset_and_draws_nothing(client):
    sign_in(client, "designer")
    odd = {**DECIDE, "properties": {**DECIDE["properties"], "when": {"type": "string", "title": "x", "format": "time"}}}
    answer = post_json(client, "/designer/form-preview", {"definition": odd}).json
    assert answer["html"] == "" and answer["problems"][0]["path"] == "properties.when.format"


def test_a_form_s_findings_say_where_they_are_in_the_editor_s_words(client):
    sign_in(client, "designer")
    odd = {**DECIDE, "title": "", "properties": {**DECIDE["properties"],
                                                 "when": {"type": "string", "title": "x", "format": "time"}}}
    client.get("/designer/forms/?lang=zh_CN")
    places = [p["place"] for p in post_json(client, "/designer/form-preview", {"definition": odd}).json["problems"]]
    assert places == ["表单标题", "字段“when” · 格式"]
    client.get("/designer/forms/?lang=en")
    places = [p["place"] for p in post_json(client, "/designer/form-preview", {"definition": odd}).json["problems"]]
    assert places == ["Form title", "Field “when” · format"]
    assert "{place}: {text}" in client.get("/designer/forms/decide").get_data(as_text=True)


def test_a_save_that_removes_a_field_a_condition_reads_is_refused_and_the_file_kept(app, client):
    sign_in(client, "designer")
    without = copy.deepcopy(DECIDE)
    del without["properties"]["route"]
    without["required"], without["uiSchema"] = [], {}
    answer = post_json(client, "/designer/forms/decide", {"definition": without})
    assert answer.status_code == 422
    problem = answer.json["problems"][0]
    assert problem["path"] == "properties.route"
    assert "f_forward" in problem["text"] and "cannot be removed" in problem["text"]
    assert stored(app, "decide") == DECIDE


def test_a_good_save_writes_the_form_file(app, client):
    sign_in(client, "designer")
    edited = copy.deepcopy(DECIDE)
    edited["properties"]["urgent"] = {"type": "boolean", "title": {"zh": "紧急", "en": "Urgent"}}
    answer = post_json(client, "/designer/forms/decide", {"definition": edited})
    assert answer.status_code == 200 and answer.json["saved"] is True
    assert "urgent" in stored(app, "decide")["properties"]


def test_a_new_form_is_created_once(app, client):
    sign_in(client, "designer")
    assert post_json(client, "/designer/forms/memo", {"definition": DECIDE, "new": True}).status_code == 200
    again = post_json(client, "/designer/forms/memo", {"definition": DECIDE, "new": True})
    assert again.status_code == 422 and "exists" in again.json["problems"][0]["text"]
    assert client.get("/designer/forms/new").status_code == 200


def test_only_designers_edit_forms(app, client):
    sign_in(client, "handler")
    assert client.get("/designer/forms/").status_code == 403
    assert post_json(client, "/designer/forms/decide", {"definition": {}}).status_code == 403
    assert stored(app, "decide") == DECIDE


def test_a_form_that_does_not_exist_is_not_found(client):
    sign_in(client, "designer")
    assert client.get("/designer/forms/nowhere").status_code == 404
    assert post_json(client, "/designer/forms/nowhere", {"definition": DECIDE}).status_code == 404


def test_the_preview_draws_the_organ_picker_as_a_list_of_the_directory(client):
    sign_in(client, "designer")
    picker = copy.deepcopy(DECIDE)
    picker["properties"]["organ"] = {"type": "string", "title": {"zh": "交办机关", "en": "Organ"}}
    picker["uiSchema"]["organ"] = {"ui:widget": "organ", "ui:options": {"kind": "petition_department"}}
    zh = post_json(client, "/designer/form-preview", {"definition": picker, "locale": "zh_CN"}).json
    en = post_json(client, "/designer/form-preview", {"definition": picker, "locale": "en"}).json
    assert zh["problems"] == [] and '<select name="organ"' in zh["html"]
    assert '<option value="JN-QS-LX-XFJ">柳溪县信访局（JN-QS-LX-XFJ）</option>' in zh["html"]
    assert "JN-QS-LX-RSJ" not in zh["html"]  # narrowed to petition departments
    assert '<optgroup label="City · Qingshan City">' in en["html"]


def test_two_fields_of_one_name_are_refused_and_the_file_kept(app, client):
    # The editor sends one field of a name: saving two fields named alike would drop one without a word.
    sign_in(client, "designer")
    client.get("/designer/forms/?lang=zh_CN")
    twice = copy.deepcopy(DECIDE)
    twice["uiSchema"]["ui:order"] = ["route", "route", "note"]
    twice["required"] = ["route", "route"]
    answer = post_json(client, "/designer/forms/decide", {"definition": twice})
    assert answer.status_code == 422
    assert [(p["path"], p["place"]) for p in answer.json["problems"]] == [("properties.route", "字段“route”")]
    assert "两个字段都叫“route”" in answer.json["problems"][0]["text"]
    assert stored(app, "decide") == DECIDE
    preview = post_json(client, "/designer/form-preview", {"definition": twice}).json
    assert preview["html"] == "" and preview["problems"][0]["code"] == "field_repeated"


def editor_token(client, key: str) -> str:
    page = client.get(f"/designer/forms/{key}").get_data(as_text=True)
    config = page.split('<script type="application/json" id="form-config">', 1)[1].split("</script>", 1)[0]
    return json.loads(config)["token"]


def test_a_form_saved_by_someone_else_meanwhile_is_replaced_only_when_asked(app, client):
    sign_in(client, "designer")
    client.get("/designer/forms/?lang=en")
    mine, theirs = editor_token(client, "decide"), editor_token(client, "decide")  # two pages open the form
    their_edit = copy.deepcopy(DECIDE)
    their_edit["properties"]["note"]["title"]["en"] = "Their note"
    first = post_json(client, "/designer/forms/decide", {"definition": their_edit, "based_on": theirs})
    assert first.status_code == 200 and first.json["token"] != theirs

    my_edit = copy.deepcopy(DECIDE)
    my_edit["properties"]["note"]["title"]["en"] = "My note"
    answer = post_json(client, "/designer/forms/decide", {"definition": my_edit, "based_on": mine})
    assert answer.status_code == 409 and answer.json["error"] == "form_changed"
    assert "Someone saved the form decide after this page opened it" in answer.json["message"]
    assert stored(app, "decide") == their_edit  # their save is kept until the designer says otherwise

    replaced = post_json(client, "/designer/forms/decide", {"definition": my_edit, "based_on": mine, "replace": True})
    assert replaced.status_code == 200 and stored(app, "decide") == my_edit
    again = post_json(client, "/designer/forms/decide", {"definition": DECIDE, "based_on": replaced.json["token"]})
    assert again.status_code == 200  # a page saves again over its own save without being asked
