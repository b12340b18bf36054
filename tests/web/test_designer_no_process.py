"""Files with no process in them: refused at upload, at a save, at a check and at a deploy, each said in one
message in the page's language, and a draft already there is kept as it was."""
from __future__ import annotations

import json
import re

import pytest

from engine.definitions import list_versions
from tests.web.test_designer_setup import (
    app_fixture,  # noqa: F401  (the app with the intake diagram)
    intake_diagram,
    post_json,
    sign_in,
    upload,
    upload_refusal,
)

BPMN = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"'
NO_PROCESS = f'<?xml version="1.0"?>\n<bpmn:definitions {BPMN} id="d" targetNamespace="x"></bpmn:definitions>'
POOLS_ONLY = (f'<?xml version="1.0"?>\n<bpmn:definitions {BPMN} id="d" targetNamespace="x"><bpmn:collaboration id="c">'
              '<bpmn:participant id="p" name="Office" /></bpmn:collaboration></bpmn:definitions>')
DMN = ('<?xml version="1.0"?>\n<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="dmn" '
       'name="Route" namespace="x"><decision id="route" name="Route" /></definitions>')
# Each file, and what the page says of it in English and in Chinese.
NOT_A_DIAGRAM = [
    pytest.param(NO_PROCESS, "It holds no process (bpmn:process)", "其中没有流程（bpmn:process）", id="no-process"),
    pytest.param(POOLS_ONLY, "It holds pools (a collaboration) but no process", "其中只有泳池（协作）",
                 id="pools-only"),
    pytest.param("", "The file is empty.", "文件是空的。", id="empty"),
    pytest.param(DMN, "This is a DMN decision table, not a BPMN diagram", "这是 DMN 决策表，不是 BPMN 流程图",
                 id="dmn"),
    pytest.param("<foo/>", "This is not a BPMN 2.0 file", "这不是 BPMN 2.0 文件", id="other-xml"),
    pytest.param("a letter, not XML", "its XML breaks at line 1, column 1", "其 XML 在第 1 行第 1 列出错",
                 id="not-xml"),
]


def versions(app) -> list[tuple[str, int]]:
    with app.app_context():
        return [(row.process, row.version) for row in list_versions()]


@pytest.mark.parametrize("content, english, chinese", NOT_A_DIAGRAM)
def test_an_upload_with_no_process_is_refused_in_one_message_and_saves_nothing(client, content, english, chinese):
    sign_in(client, "designer")
    said = upload_refusal(client, upload(client, "office.bpmn", content.encode()))
    assert said.startswith("The diagram office.bpmn was not accepted: ") and english in said
    assert "office.bpmn" not in client.get("/designer/").get_data(as_text=True)  # no draft was made
    client.get("/designer/?lang=zh_CN")
    said = upload_refusal(client, upload(client, "office.bpmn", content.encode()))
    assert said.startswith("流程图 office.bpmn 未被接受：") and chinese in said
    assert "bpmn-js" not in said and "failed to parse" not in said


@pytest.mark.parametrize("content, english, chinese", NOT_A_DIAGRAM)
def test_an_upload_with_no_process_keeps_the_draft_it_would_replace_and_says_so(client, content, english, chinese):
    sign_in(client, "designer", lang="zh_CN")
    post_json(client, "/designer/diagrams/intake.bpmn/draft", {"xml": intake_diagram(task="Unfinished").decode()})
    said = upload_refusal(client, upload(client, "intake.bpmn", content.encode(), replace=True))
    assert chinese in said and said.endswith("intake.bpmn 的草稿保持原样，没有改动。")
    assert "Unfinished" in client.get("/designer/diagrams/intake.bpmn").get_data(as_text=True)


@pytest.mark.parametrize("content, english", [
    pytest.param(NO_PROCESS, "It holds no process", id="no-process"),
    pytest.param(POOLS_ONLY, "It holds pools (a collaboration) but no process", id="pools-only"),
])
def test_a_save_check_or_deploy_of_a_file_with_no_process_says_so_and_changes_nothing(app, client, content, english):
    sign_in(client, "designer")
    post_json(client, "/designer/diagrams/intake.bpmn/draft", {"xml": intake_diagram(task="Unfinished").decode()})
    saved = post_json(client, "/designer/diagrams/intake.bpmn/draft", {"xml": content, "replace": True})
    assert saved.status_code == 422 and saved.json["problems"][0]["text"].startswith(english)
    assert "Unfinished" in client.get("/designer/diagrams/intake.bpmn").get_data(as_text=True)
    checked = post_json(client, "/designer/check", {"file": "intake.bpmn", "xml": content}).json
    assert checked["deployable"] is False and [p["text"][:len(english)] for p in checked["problems"]] == [english]
    deployed = post_json(client, "/designer/deploy", {"file": "intake.bpmn", "xml": content, "replace": True})
    assert deployed.status_code == 422 and deployed.json["problems"][0]["text"].startswith(english)
    assert versions(app) == [("intake", 1)]


def test_the_modeller_page_carries_the_words_for_a_text_that_is_no_diagram(client):
    sign_in(client, "designer", lang="zh_CN")
    page = client.get("/designer/diagrams/intake.bpmn").get_data(as_text=True)
    config = json.loads(re.search(r'<script type="application/json" id="designer-config">(.*?)</script>', page,
                                  re.S).group(1))
    words = config["labels"]["unreadable"]
    assert words["holds_no_process"].startswith("其中没有流程（bpmn:process）")
    assert words["only_collaboration"].startswith("其中只有泳池（协作）") and words["dmn"].startswith("这是 DMN 决策表")
    assert "%(line)s" in words["malformed_xml"]  # filled in by the page, where the browser's parser stopped


def test_the_studio_names_each_process_in_the_page_s_language(client):
    sign_in(client, "designer")
    post_json(client, "/designer/deploy", {"file": "intake.bpmn", "xml": intake_diagram(task="Register").decode()})
    for lang, name, other in (("en", "Intake", "登记"), ("zh_CN", "登记", "Intake")):
        client.get(f"/designer/?lang={lang}")
        index = client.get("/designer/").get_data(as_text=True)
        assert f"<strong>{name}</strong>" in index and "登记 Intake" not in index
        versions_page = client.get("/designer/processes/intake").get_data(as_text=True)
        assert f"<h1>{name} <code" in versions_page and f"<title>{name} ·" in versions_page
        assert "登记 Intake" not in versions_page
        diff = client.get("/designer/processes/intake/diff?from=1&to=2").get_data(as_text=True)
        assert f">{name}</a> ›" in diff and "登记 Intake" not in diff and other not in diff.split("<main")[1][:600]
