"""The diagrams of bpmn/ and the forms of forms/ as a designer hands them over: they parse, they open in
a modeller, every user task has its form, every choice has its condition, every element cites the
regulation, and the code inside them calls only the functions of processes/CONTRACT.md."""
from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from SpiffWorkflow.camunda.parser import CamundaParser

ROOT = Path(__file__).resolve().parents[2]
BPMN_DIR = ROOT / "bpmn"
FORMS_DIR = ROOT / "forms"
FILES = sorted(BPMN_DIR.glob("*.bpmn"))
NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL", "camunda": "http://camunda.org/schema/1.0/bpmn"}
B = f"{{{NS['bpmn']}}}"
CAMUNDA = f"{{{NS['camunda']}}}"

PROCESSES = {"petition", "acceptance", "handling", "extension", "mediation", "hearing", "review", "re_review",
             "supervision"}
ROLES = {"registrar", "handler", "head", "reviewer", "supervisor", "petitioner"}
CONTRACT_FUNCTIONS = {"deadline", "extended", "remind_before", "after_post", "today", "days_between",
                      "suggest_route", "superior_of", "petition_department_of", "common_superior", "same_matter",
                      "issue_document", "serve_document", "set_stage", "set_handling_organ", "close_petition"}
BUILTINS = {"max", "min", "len", "str", "int", "bool"}
# Element kinds a modeller draws as a node, each of which must cite the article it carries.
NODES = ("startEvent", "endEvent", "boundaryEvent", "intermediateThrowEvent", "intermediateCatchEvent", "userTask",
         "scriptTask", "serviceTask", "task", "callActivity", "subProcess", "exclusiveGateway", "parallelGateway",
         "inclusiveGateway")
ISO_LITERAL = re.compile(r"^(R\d*/)?(P[0-9YMWDTHS.,]+|\d{4}-\d{2}-\d{2}\S*)$", re.IGNORECASE)
CITATION = re.compile(r"第[一二三四五六七八九十]+条.*\(Art\. \d+")


def _tree(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


TREES = {path.name: _tree(path) for path in FILES}


def _elements(kind: str):
    for name, root in TREES.items():
        for el in root.iter(B + kind):
            yield name, el


def _id(file_and_el) -> str:
    name, el = file_and_el
    return f"{name}:{el.get('id')}"


def test_one_file_per_procedure():
    found = {root.find("bpmn:process", NS).get("id"): name for name, root in TREES.items()}
    assert set(found) == PROCESSES
    for process, name in found.items():
        assert name == f"{process}.bpmn"
        assert len(TREES[name].findall("bpmn:process", NS)) == 1


@pytest.fixture(scope="module")
def parser() -> CamundaParser:
    parser = CamundaParser()
    parser.add_bpmn_files([str(path) for path in FILES])
    return parser


def _owning_process(el: etree._Element) -> str:
    while el.tag != B + "process":
        el = el.getparent()
    return el.get("id")


@pytest.mark.parametrize("process", sorted(PROCESSES))
def test_process_parses_with_the_processes_it_calls(parser, process):
    spec = parser.get_spec(process)
    subprocesses = parser.get_subprocess_specs(process)
    assert spec.name == process
    calls = {el.get("calledElement") for _, el in _elements("callActivity") if _owning_process(el) == process}
    assert calls <= PROCESSES
    assert calls <= set(subprocesses)


def test_the_petition_reaches_every_procedure(parser):
    assert PROCESSES - {"petition"} <= set(parser.get_subprocess_specs("petition"))


def test_modeller_check_finds_no_problem():
    # The shared check a modeller's file must pass (see bpmn/README.md), run as a designer runs it.
    result = subprocess.run([sys.executable, "../shared/tools/bpmn_check.py", "bpmn"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith(f"{len(FILES)} files, 0 problems")


def test_lanes_are_roles_and_pools_show_them():
    for name, root in TREES.items():
        process = root.find("bpmn:process", NS)
        lanes = process.findall("bpmn:laneSet/bpmn:lane", NS)
        assert lanes, name
        assert {lane.get("name") for lane in lanes} <= ROLES, name
        participants = root.findall("bpmn:collaboration/bpmn:participant", NS)
        assert [p.get("processRef") for p in participants] == [process.get("id")], name


@pytest.mark.parametrize("task", list(_elements("userTask")), ids=_id)
def test_user_task_has_a_form_and_an_organ(task):
    name, el = task
    key = el.get(CAMUNDA + "formKey")
    assert key, "user task without camunda:formKey"
    path = FORMS_DIR / f"{key}.json"
    assert path.is_file(), f"forms/{key}.json is missing"
    organs = [p.get("value") for p in el.iter(CAMUNDA + "property") if p.get("name") == "organ"]
    lane = _lane_of(name, el)
    if lane == "petitioner":
        assert not organs, "a petitioner's task is offered to the petitioner, not to an organ"
    else:
        assert len(organs) == 1 and organs[0].strip(), "user task without its organ property"
        compile(organs[0], "<organ>", "eval")


def _lane_of(name: str, el: etree._Element) -> str | None:
    for lane in TREES[name].iter(B + "lane"):
        if el.get("id") in {ref.text for ref in lane.findall("bpmn:flowNodeRef", NS)}:
            return lane.get("name")
    return None


@pytest.mark.parametrize("path", sorted(FORMS_DIR.glob("*.json")), ids=lambda p: p.name)
def test_form_is_valid_and_bilingual(path):
    form = json.loads(path.read_text(encoding="utf-8"))
    assert form["type"] == "object"
    _assert_bilingual(form["title"], "title")
    _check_fields(form, path.name)


def _assert_bilingual(text, where):
    assert isinstance(text, dict) and text.get("zh", "").strip() and text.get("en", "").strip(), where


def _check_fields(schema: dict, where: str) -> None:
    properties = schema.get("properties", {})
    assert properties, f"{where}: no fields"
    assert set(schema.get("required", [])) <= set(properties), f"{where}: required names an unknown field"
    for field, spec in properties.items():
        _assert_bilingual(spec.get("title"), f"{where}.{field}")
        if "enum" in spec:
            names = spec.get("enumNames", {})
            assert len(names.get("zh", [])) == len(names.get("en", [])) == len(spec["enum"]), f"{where}.{field}"
        if spec.get("type") == "array" and spec.get("items", {}).get("type") == "object":
            _check_fields(spec["items"], f"{where}.{field}")


def test_every_form_is_used():
    keys = {el.get(CAMUNDA + "formKey") for _, el in _elements("userTask")}
    assert {path.stem for path in FORMS_DIR.glob("*.json")} == keys


@pytest.mark.parametrize("gateway", list(_elements("exclusiveGateway")), ids=_id)
def test_exclusive_gateway_flows_have_a_condition_or_are_default(gateway):
    name, el = gateway
    flows = [f for f in TREES[name].iter(B + "sequenceFlow") if f.get("sourceRef") == el.get("id")]
    if len(flows) < 2:
        return  # a merge
    defaults = [f for f in flows if f.get("id") == el.get("default")]
    assert len(defaults) <= 1
    for flow in flows:
        condition = flow.find("bpmn:conditionExpression", NS)
        if flow in defaults:
            assert condition is None, f"default flow {flow.get('id')} also has a condition"
            continue
        assert condition is not None and (condition.text or "").strip(), f"flow {flow.get('id')} has no condition"
        compile(condition.text, flow.get("id"), "eval")


def test_every_element_cites_its_article():
    missing = []
    for name, root in TREES.items():
        for el in root.iter(*(B + kind for kind in (*NODES, "process", "lane"))):
            text = " ".join(d.text or "" for d in el.findall("bpmn:documentation", NS))
            if not CITATION.search(text):
                missing.append(f"{name}:{el.get('id')}")
    assert missing == []


def _code_of_diagrams():
    """Yield (where, text, mode) for every script, condition, timer and organ expression."""
    for name, root in TREES.items():
        for el in root.iter(B + "script"):
            yield f"{name}:{el.getparent().get('id')}", el.text or "", "exec"
        for el in root.iter(B + "conditionExpression"):
            yield f"{name}:{el.getparent().get('id')}", el.text or "", "eval"
        for tag in ("timeDate", "timeDuration", "timeCycle"):
            for el in root.iter(B + tag):
                if not ISO_LITERAL.match((el.text or "").strip()):  # P15D, 2026-12-01T09:00:00+08:00
                    yield f"{name}:{el.getparent().getparent().get('id')}", el.text or "", "eval"
        for el in root.iter(CAMUNDA + "property"):
            if el.get("name") == "organ":
                yield f"{name}:organ", el.get("value") or "", "eval"


def test_code_calls_only_the_contract_functions():
    for where, text, mode in _code_of_diagrams():
        tree = ast.parse(text, where, mode)
        assert not any(isinstance(node, (ast.Import, ast.ImportFrom)) for node in ast.walk(tree)), where
        called = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call)
                  and isinstance(node.func, ast.Name)}
        assert called <= CONTRACT_FUNCTIONS | BUILTINS, f"{where} calls {called - CONTRACT_FUNCTIONS - BUILTINS}"


def test_documents_and_stages_are_contract_values():
    kinds = {"acceptance_notice", "non_acceptance_notice", "forward_notice", "assignment_notice", "assign_notice",
             "objection",
             "extension_notice", "handling_opinion", "review_opinion", "re_review_opinion", "mediation_agreement",
             "hearing_notice", "supervision_letter", "major_report"}
    stages = {"registration", "acceptance", "handling", "extension", "mediation", "hearing", "replied", "review",
              "reviewed", "re_review", "closed", "not_accepted"}
    allowed = {"issue_document": kinds, "set_stage": stages}
    for where, text, mode in _code_of_diagrams():
        for node in ast.walk(ast.parse(text, where, mode)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in allowed:
                if isinstance(node.args[1], ast.Name):
                    continue  # a value chosen earlier in the data (hearing_return_stage)
                values = _choices(node.args[1])
                assert values and values <= allowed[node.func.id], f"{where}: {node.func.id} {values}"


def _choices(node: ast.expr) -> set:
    """Return the values a literal, or a conditional expression between literals, can take."""
    if isinstance(node, ast.Constant):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _choices(node.body) | _choices(node.orelse)
    return set()
