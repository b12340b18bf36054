"""Say the checks' findings and the diagram functions in the page's language."""
from __future__ import annotations

import inspect
import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engine import DeployError, current_engine
from processes.diagram_index import bilingual

from ..i18n import page_lang
from ..refusals import refusal_message

# The statutory period functions come first on the help panel: timers call them.
PERIOD_FUNCTIONS = ("deadline", "extended", "remind_before", "after_post", "today", "days_between")
FUNCTION_HELP = {
    "deadline": _l("End of a statutory period of `days` counted from the day after `start`; "
                   "kind='working' counts working days; paused_days adds the days a hearing stopped the clock."),
    "extended": _l("A deadline extended by `days` calendar days counted from its last day (Art. 34); "
                   "0 days leave it as it is."),
    "remind_before": _l("A moment `days` days before a deadline, for a reminder timer."),
    "after_post": _l("A moment `days` days after a deadline: a request posted by its last day (the postmark "
                     "counts) may arrive until then."),
    "today": _l("Today's date by the system clock, China Standard Time (YYYY-MM-DD)."),
    "days_between": _l("Whole calendar days from date a to date b."),
    "suggest_route": _l("Suggested route and organ for a matter: forward, assign, political_legal, "
                        "discipline or accept."),
    "superior_of": _l("The next higher organ of an organ (review, re-review, disputes)."),
    "petition_department_of": _l("The petition department at an organ's level and territory."),
    "common_superior": _l("The lowest organ above both organs (Art. 24)."),
    "same_matter": _l("Whether the petition repeats an earlier one of the same petitioner, and which rule bars it."),
    "issue_document": _l("Issue a written document of a kind on the petition; returns its number."),
    "serve_document": _l("Record the day a written document was served."),
    "set_stage": _l("Record the stage the petitioner sees."),
    "set_handling_organ": _l("Record the organ now handling the petition (after forwarding or assignment)."),
    "close_petition": _l("Close the petition with an outcome."),
}
PROBLEM_TEXT = {
    "no_form": _l("This user task has no form (camunda:formKey)."),
    "bad_form_key": _l("The form key %(form)s is not a plain name."),
    "missing_form": _l("The form %(form)s does not exist in forms/."),
    "no_timer": _l("This statutory stage has no timer for its time limit."),
    "no_called_process": _l("This call activity names no process."),
    "unknown_process": _l("This calls the process %(process)s, which is neither in this diagram nor deployed."),
    "no_condition": _l("This flow out of gateway %(gateway)s has no condition and is not its default."),
    "field_removed": _l("The field %(field)s is read by the %(kind)s of %(element)s in %(process)s "
                        "version %(version)s; it cannot be removed."),
    "field_type_changed": _l("The field %(field)s is read by the %(kind)s of %(element)s in %(process)s "
                             "version %(version)s; its type cannot change."),
    "label": _l("Give a text, or both a Chinese and an English text."),
    "field_name": _l("A field name is snake_case: a-z, 0-9 and _."),
    "field_type": _l("The type must be text, whole number, number, yes/no or list."),
    "keyword": _l("%(keyword)s is not part of the documented form subset here."),
    "format": _l("The format is one of %(formats)s."),
    "enum": _l("Choices must be distinct values."),
    "enum_names": _l("Every choice needs a Chinese and an English label."),
    "required": _l("Required names a field the form does not have."),
    "order": _l("The field order names a field the form does not have."),
    "no_fields": _l("A form needs at least one field."),
    "field_repeated": _l("Two fields are named %(field)s: give each its own name, or one of them is lost."),
    "form_key": _l("A form's name is snake_case: a-z, 0-9 and _."),
    "form_exists": _l("A form of that name exists already."),
    "widget": _l("%(widget)s is not a widget of the documented form subset."),
    "widget_type": _l("The widget %(widget)s picks from a directory: it is for a text field without its own choices."),
    "options": _l("The widget's options (ui:options) are an object."),
    "picker_filter": _l("The organ picker narrows the directory only by level or kind, with values the "
                        "directory has; check %(filter)s."),
    "prefill": _l("ui:prefill names one field of the case data."),
    "process_in_other_file": _l("The process %(process)s is deployed from %(other)s. To change it, open that file; "
                                "for a process of its own, give this one another id."),
    "timer_empty": _l("This timer has no time: under Timer choose its type (date, duration or cycle) and write "
                      "its value."),
    "unknown_group": _l("This task is offered to %(group)s, which is no role here (%(roles)s): no one could take it."),
    "unknown_lane": _l("The lane %(lane)s is no role here (%(roles)s): its tasks would be offered to no one. Name "
                       "the lane after the role that does them."),
    # the file's structure (engine/design_rules.py)
    "not_executable": _l("The process %(process)s is not marked executable: it describes a procedure but is not "
                         "one to run. To deploy it, tick “Executable” in its properties (isExecutable=\"true\")."),
    "duplicate_id": _l("The id %(id)s is given to more than one element; every id in a file must be unique."),
    "flow_no_source": _l("This sequence flow starts nowhere: it has no source element."),
    "flow_no_target": _l("This sequence flow leads nowhere: it has no target element."),
    "flow_unknown_source": _l("This sequence flow starts at %(ref)s, which is not an element of its process "
                              "(connect both ends on the diagram)."),
    "flow_unknown_target": _l("This sequence flow leads to %(ref)s, which is not an element of its process "
                              "(connect both ends on the diagram)."),
    # timers, conditions and scripts (engine/design_expressions.py)
    "timer_iso": _l("The timer %(timer)s is not a valid ISO 8601 date (2026-12-01T09:00:00+08:00), duration "
                    "(P15D, PT12H) or cycle (R3/P1D)."),
    "expression_syntax": _l("This %(kind)s is not valid Python: %(reason)s (line %(line)s)."),
    "unknown_function": _l("This %(kind)s calls %(name)s, which is not a function diagrams may call "
                           "(see the list beside the diagram)."),
    # the file as a whole (engine/definitions.py, FILE_PROBLEMS)
    "not_utf8": _l("The file is not UTF-8 encoded; save it as UTF-8."),
    "too_large": _l("The file is larger than %(kb)s KB."),
    "unreadable": _l("This is not a readable BPMN file: %(reason)s"),
    "malformed_xml": _l("This is not a readable BPMN file: its XML breaks at line %(line)s, column %(column)s "
                        "(a tag left open or cut off, or text that is not XML)."),
    "declaration": _l("The file declares a DOCTYPE or an entity, which a diagram may not do; export it again "
                      "from the modeller."),
    "empty": _l("The file is empty. A diagram is BPMN 2.0 XML holding at least one process; export it again "
                "from the modeller."),
    "dmn": _l("This is a DMN decision table, not a BPMN diagram: the studio models processes. Choose the .bpmn "
              "file of the process."),
    "not_bpmn": _l("This is not a BPMN 2.0 file: its root is not bpmn:definitions. Export the diagram from the "
                   "modeller as BPMN 2.0 XML."),
    "holds_no_process": _l("It holds no process (bpmn:process), so there is nothing to draw or run. A diagram "
                           "needs at least one: draw it in the modeller, or export the file again with its process."),
    "only_collaboration": _l("It holds pools (a collaboration) but no process (bpmn:process) behind them, so there "
                             "is nothing to draw or run. Export the file again with the pools' processes, or draw "
                             "the process in the modeller."),
    "no_process": _l("No executable process was found."),
    "file_name": _l("A diagram's file name is letters, digits, '_', '-' or '.', ending in .bpmn."),
}
STATUS_LABELS = {"running": _l("Running"), "waiting": _l("Waiting"), "suspended": _l("Suspended"),
                 "error": _l("Error"), "completed": _l("Completed"), "terminated": _l("Terminated")}
CHANGE_LABELS = {"added": _l("Added"), "removed": _l("Removed"), "changed": _l("Changed")}
# An element's kind as the diff lists it (its BPMN tag), in the words the modeller uses.
ELEMENT_LABELS = {"process": _l("Process"), "collaboration": _l("Collaboration"), "participant": _l("Participant"),
                  "lane": _l("Lane"), "task": _l("Task"), "userTask": _l("User task"),
                  "scriptTask": _l("Script task"), "serviceTask": _l("Service task"),
                  "callActivity": _l("Call activity"), "subProcess": _l("Sub process"),
                  "startEvent": _l("Start event"), "endEvent": _l("End event"),
                  "boundaryEvent": _l("Boundary event"), "intermediateCatchEvent": _l("Intermediate catch event"),
                  "intermediateThrowEvent": _l("Intermediate throw event"),
                  "exclusiveGateway": _l("Exclusive gateway"), "inclusiveGateway": _l("Inclusive gateway"),
                  "parallelGateway": _l("Parallel gateway"), "eventBasedGateway": _l("Event-based gateway"),
                  "sequenceFlow": _l("Sequence flow"), "textAnnotation": _l("Text annotation"),
                  "association": _l("Association")}
# What the version diff says changed on an element (engine/diff.py's aspects), in the modeller's words; an
# aspect not named here (a rarer BPMN attribute) is shown as the diagram's XML names it.
ASPECT_LABELS = {"name": _l("Name"), "type": _l("Type"), "documentation": _l("Documentation"), "lane": _l("Lane"),
                 "sourceRef": _l("Starts at"), "targetRef": _l("Leads to"), "script": _l("Script"),
                 "scriptFormat": _l("Script language"), "condition": _l("Condition"), "event": _l("Event"),
                 "camunda:formKey": _l("Form"), "default": _l("Default flow"), "attachedToRef": _l("Attached to"),
                 "timeDate": _l("Timer"), "timeDuration": _l("Timer"), "timeCycle": _l("Timer"),
                 "cancelActivity": _l("Interrupting"), "calledElement": _l("Called process"),
                 "completion condition": _l("Completion condition")}


def aspect_label(aspect: str) -> str:
    """Return a changed aspect of an element in the page's language (`property organ` -> Property organ)."""
    if aspect.startswith("property "):
        return _("Property %(name)s", name=aspect.split(" ", 1)[1])
    return str(ASPECT_LABELS.get(aspect, aspect))


ORIGIN_LABELS = {"draft": _l("Draft"), "deployed": _l("Newest deployed text"), "version": _l("Deployed version")}
SOURCE_LABELS = {"engine": _l("Engine"), "readable": _l("Engine"), "bpmnlint": _l("bpmnlint"),
                 "structure": _l("Designer rule"), "expressions": _l("Designer rule")}


# Python's own words for a syntax error, in the page's language: a Chinese page should not say "invalid
# syntax. Perhaps you forgot a comma?", and a full-width comma or bracket typed by a Chinese keyboard is
# the mistake most often made. A reason not listed is shown as Python words it.
SYNTAX_REASONS = [
    (re.compile(r"invalid syntax\. Perhaps you forgot a comma\?"), _l("invalid syntax; perhaps a comma is missing")),
    (re.compile(r"invalid syntax\. Maybe you meant '==' or ':=' instead of '='\?"),
     _l("invalid syntax; to compare two values write == rather than =")),
    (re.compile(r"invalid syntax"), _l("invalid syntax")),
    (re.compile(r"invalid character '(?P<char>.)' \(U\+(?P<code>[0-9A-F]+)\)"),
     _l("the character %(char)s (U+%(code)s) cannot be used; write commas, brackets and quotes as half-width "
        "(English) characters")),
    (re.compile(r"'(?P<char>.)' was never closed"), _l("the %(char)s is never closed")),
    (re.compile(r"unmatched '(?P<char>.)'"), _l("the %(char)s has no opening partner")),
    (re.compile(r"closing parenthesis '(?P<close>.)' does not match opening parenthesis '(?P<open>.)'.*"),
     _l("the closing %(close)s does not match the opening %(open)s")),
    (re.compile(r"unterminated (?:triple-quoted )?string literal.*"), _l("a quoted text has no closing quote")),
    (re.compile(r"unexpected indent"), _l("a line is indented where it should not be")),
    (re.compile(r"expected an indented block.*"), _l("a line that should be indented is not")),
    (re.compile(r"expected ':'"), _l("a colon (:) is missing")),
    (re.compile(r"unexpected EOF while parsing|incomplete input"), _l("the text ends too early")),
]


def syntax_reason(reason: str) -> str:
    """Return why Python could not read an expression, in the page's language where the reason is a common one."""
    for pattern, text in SYNTAX_REASONS:
        if (found := pattern.fullmatch(reason)) is not None:
            quoted = {key: value if key == "code" else f"“{value}”" for key, value in found.groupdict().items()}
            return str(text) % quoted
    return reason


def problem_text(problem: dict) -> str:
    """Return a finding in the page's language (the engine's own findings stay as it words them)."""
    template = PROBLEM_TEXT.get(problem.get("code", ""))
    if template is None:
        return problem.get("message", "")
    params = {key: f"“{value}”" if key not in ("version", "kind", "kb", "reason", "line", "column", "roles") else value
              for key, value in (problem.get("params") or {}).items()}
    if "kind" in params:
        params["kind"] = kind_label(str(params["kind"]))
    if problem.get("code") == "expression_syntax" and "reason" in params:
        params["reason"] = syntax_reason(str(params["reason"]))
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return problem.get("message", "")


def kind_label(kind: str) -> str:
    """Return the name of an expression's place: condition, script, timer or a property."""
    labels = {"condition": _("condition"), "script": _("script"), "timer": _("timer")}
    if kind.startswith("property "):
        return _("property %(name)s", name=kind.split(" ", 1)[1])
    return labels.get(kind, kind)


# Where in a form a finding is, by the last part of its path: what the form editor calls that box.
FORM_PARTS = {"title": _l("label"), "default": _l("default"), "enum": _l("options"), "enumNames": _l("options"),
              "format": _l("format"), "pattern": _l("pattern"), "items": _l("options"), "ui:widget": _l("shown as"),
              "ui:prefill": _l("prefill"), "ui:options": _l("options")}


def form_place(path: str) -> str:
    """Return where in a form a finding's path points, in the editor's words: `properties.name.title` -> field
    “name” · label; the path itself where it names nothing the editor shows."""
    head, _dot, rest = (path or "").partition(".")
    if head in ("properties", "uiSchema") and rest and rest != "ui:order":
        name, _dot, part = rest.partition(".")
        field = _("Field “%(name)s”", name=name)
        last = part.rsplit(".", 1)[-1]
        return f"{field} · {FORM_PARTS[last]}" if last in FORM_PARTS else field
    return str({"title": _("Form title"), "key": _("Form name"), "properties": _("Fields"), "required": _("Fields"),
                "uiSchema.ui:order": _("Fields")}.get(path, path))


def localized(problems: list[dict]) -> list[dict]:
    """Return the findings with a `text` in the page's language and a `source` label; a form's findings also
    with a `place` in the editor's words."""
    return [{**problem, "text": problem_text(problem),
             "source": str(SOURCE_LABELS.get(problem.get("rule", ""), _("Designer rule"))),
             **({"place": form_place(problem["path"])} if "path" in problem else {})}
            for problem in problems]


def refused_diagram(exc: DeployError) -> tuple[str, list[dict]]:
    """Return why a diagram was refused and its findings, in the page's language.

    A refusal of one file names its reason, which is its one finding's text.
    """
    problems = localized(exc.problems)
    said = {"reason": problems[0]["text"]} if "reason" in exc.details and len(problems) == 1 else {}
    return refusal_message(exc, **said), problems


def _parameters(function) -> str:
    # Annotations would only clutter the help: a modeller writes names and values.
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return "…"
    return ", ".join(p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}"
                     for p in parameters)


def function_help() -> list[dict]:
    """Return the functions diagrams may call, period functions first, with signature and help."""
    engine = current_engine()
    scope = getattr(engine.script_engine.environment, "globals", {})
    names = engine.script_engine.function_names
    ordered = [name for name in PERIOD_FUNCTIONS if name in names] + [n for n in names if n not in PERIOD_FUNCTIONS]
    entries = []
    for name in ordered:
        function = scope.get(name)
        signature = f"{name}({_parameters(function)})"
        doc = FUNCTION_HELP.get(name) or (inspect.getdoc(function) or "").split("\n")[0]
        entries.append({"name": name, "signature": signature, "help": str(doc), "period": name in PERIOD_FUNCTIONS})
    return entries


def status_label(status: str) -> str:
    """Return an instance status in the page's language."""
    return str(STATUS_LABELS.get(status, status))


# What the modeller's page says, in the server's words, of a text that cannot be a diagram (see check_diagram).
UNREADABLE_CODES = ("empty", "malformed_xml", "dmn", "not_bpmn", "holds_no_process", "only_collaboration")


def unreadable_texts() -> dict[str, str]:
    """Return, in the page's language, why a text is no diagram, by finding code (`%(line)s` left to fill)."""
    return {code: str(PROBLEM_TEXT[code]) for code in UNREADABLE_CODES}


def process_name(name: str | None) -> str:
    """Return a process's name in the page's language: `复查 Review` is 复查 or Review, a one-language name as it is."""
    return bilingual(name or "", page_lang())


def template_names() -> dict:
    """Return the labels the studio's templates use."""
    return {"status_label": status_label,
            "change_label": lambda kind: str(CHANGE_LABELS.get(kind, kind)),
            "origin_label": lambda origin: str(ORIGIN_LABELS.get(origin, origin)),
            "element_label": lambda tag: str(ELEMENT_LABELS.get(tag, tag)), "aspect_label": aspect_label,
            "kind_label": kind_label, "process_name": process_name}
