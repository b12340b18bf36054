"""The petition form of Art. 19 and 20, as staff record it and as a petitioner submits it online.

It is a form definition like those in forms/, so the one renderer shows it and the one parser
reads it; the regulation's own checks (processes.petitions.submit_petition) then decide.
"""
from __future__ import annotations

from typing import Any

from processes.errors import AttachmentTooLarge, InvalidInput, TooManyRepresentatives
from processes.identity_documents import DOCUMENT_LABELS, DOCUMENT_TYPES, RESIDENT_ID

from .form_errors import Localized


def _t(zh: str, en: str) -> dict:
    return {"zh": zh, "en": en}


PERSON = {"type": "object", "required": ["name"], "properties": {
    "name": {"type": "string", "title": _t("姓名（名称）", "Name"), "maxLength": 100},
    "document_type": {"type": "string", "title": _t("证件类型", "Identity document"), "default": RESIDENT_ID,
                      "enum": list(DOCUMENT_TYPES),
                      "enumNames": {lang: [DOCUMENT_LABELS[lang][kind] for kind in DOCUMENT_TYPES]
                                    for lang in ("zh", "en")}},
    "id_number": {"type": "string", "title": _t("证件号码", "Document number"), "maxLength": 30},
    "phone": {"type": "string", "title": _t("联系电话", "Telephone"), "maxLength": 30},
    "address": {"type": "string", "title": _t("住址", "Address"), "maxLength": 300}}}
CATEGORY = {"type": "string", "title": _t("事项类别", "Category"), "default": "other",
            "enum": ["land", "labour", "social_security", "environment", "urban_management", "accusation",
                     "litigation", "suggestion", "other"],
            "enumNames": {"zh": ["土地", "劳动", "社会保障", "生态环境", "城市管理", "检举控告", "涉法涉诉", "意见建议", "其他"],
                          "en": ["Land", "Labour", "Social security", "Environment", "Urban management",
                                 "Report or accusation", "Litigation-related", "Suggestion", "Other"]}}
CONTENT = {
    "request": {"type": "string", "title": _t("信访请求", "Request"), "maxLength": 4000},
    "facts": {"type": "string", "title": _t("事实", "Facts"), "maxLength": 8000},
    "reasons": {"type": "string", "title": _t("理由", "Reasons"), "maxLength": 8000},
}
TEXTAREAS = {name: {"ui:widget": "textarea"} for name in CONTENT}
# What a petitioner writes under "facts" and "reasons", in plain words: she is rarely a lawyer.
FACTS_AND_REASONS_HELP = {
    "facts": {"ui:widget": "textarea", "ui:help": _t(
        "发生了什么：时间、地点、涉及的人或单位，以及您已经找过哪些部门。",
        "What happened: when, where, who was involved, and whom you have already asked for help.")},
    "reasons": {"ui:widget": "textarea", "ui:help": _t(
        "您为什么认为请求应当得到支持；知道有关法律或政策的，可以写上。",
        "Why you think your request is right; name a law or policy if you know one.")},
}
# The landline's example is the one people get wrong: without its area code it cannot be dialled.
PERSON_UI = {"items": {"phone": {"ui:placeholder": _t("手机号，或 0571-88888888", "Mobile, or 0571-88888888")}}}


def online_form(organs: list[tuple[str, str, str]]) -> dict:
    """Return the form a petitioner fills in online; `organs` are (code, zh, en) one may address."""
    return {
        "type": "object", "required": ["petitioners", "receiving_organ", "request", "facts", "reasons"],
        "properties": {
            "petitioners": {"type": "array", "title": _t("信访人", "Petitioner"), "minItems": 1, "maxItems": 5,
                            "items": PERSON},
            "receiving_organ": {"type": "string", "title": _t("向哪个机关提出", "Addressed to"),
                                "enum": [code for code, _zh, _en in organs],
                                "enumNames": {"zh": [zh for _c, zh, _e in organs], "en": [en for _c, _z, en in organs]}},
            "category": CATEGORY, **CONTENT},
        "uiSchema": {"ui:order": ["petitioners", "receiving_organ", "category", "request", "facts", "reasons"],
                     **TEXTAREAS, "petitioners": PERSON_UI,
                     "request": {"ui:widget": "textarea", "ui:help": _t("您希望有关机关做什么。", "What you ask the organ to do.")},
                     **FACTS_AND_REASONS_HELP},
    }


def staff_form(organs: list[tuple[str, str, str]]) -> dict:
    """Return the form staff record a letter, call, fax or visit with (Art. 17, 19, 20)."""
    form = online_form(organs)
    form["properties"]["petitioners"] = {"type": "array", "title": _t("信访人", "Petitioners"), "minItems": 1,
                                         "maxItems": 30, "items": PERSON}
    form["properties"].update({
        "channel": {"type": "string", "title": _t("信访形式", "Channel"), "enum": ["letter", "phone", "fax", "visit"],
                    "enumNames": {"zh": ["书信", "电话", "传真", "走访"], "en": ["Letter", "Telephone", "Fax", "Visit"]}},
        "received_on": {"type": "string", "format": "date", "title": _t("收到日期", "Received on")},
        "representatives": {"type": "array", "title": _t("代表（多人走访推选，不超过5人）",
                                                         "Representatives of a group visit (at most 5)"),
                            "maxItems": 5, "items": PERSON},
        "title": {"type": "string", "title": _t("事由摘要", "Summary"), "maxLength": 200},
        "is_major": {"type": "boolean", "title": _t("重大、紧急信访事项（第二十五条）", "Major or urgent (Art. 25)")},
        # Chosen by name: nobody at a desk knows an organ's code, and a name typed as a code was refused.
        "accused_organ": {"type": "string", "title": _t("被检举控告的机关", "Organ accused"),
                          "enum": [code for code, _zh, _en in organs],
                          "enumNames": {"zh": [zh for _c, zh, _e in organs], "en": [en for _c, _z, en in organs]}},
    })
    form["required"] = ["channel", "received_on", *form["required"]]
    form["uiSchema"]["ui:order"] = ["channel", "received_on", "receiving_organ", "petitioners", "representatives",
                                    "category", "title", "request", "facts", "reasons", "is_major", "accused_organ"]
    # A registrar records what was said: the hints written to a petitioner are not for him.
    form["uiSchema"].update({name: TEXTAREAS[name] for name in FACTS_AND_REASONS_HELP})
    form["uiSchema"]["channel"] = {"ui:widget": "radio"}
    form["uiSchema"]["representatives"] = PERSON_UI
    form["uiSchema"]["accused_organ"] = {"ui:help": _t(
        "检举、控告的，选择被检举控告的机关：该机关的工作人员看不到此件。",
        "For a report or accusation, the organ it is about: its staff will not see the case.")}
    return form


def _path(field: str) -> tuple[str, int | None, str | None]:
    # "petitioners[0].name" -> ("petitioners", 0, "name")
    if "[" in field:
        name, rest = field.split("[", 1)
        index, _, sub = rest.partition("].")
        return name, int(index), sub or None
    return field, None, None


MESSAGES = {
    "missing": _t("第十九条：请写明此项。", "Art. 19 requires this."),
    "address": _t("第十九条：请写明至少一位信访人的住址。", "Art. 19: give the address of at least one petitioner."),
    "representatives": _t("第二十条：多人走访应推选代表，代表不超过5人。",
                          "Art. 20: a group visit elects representatives, at most 5."),
    "attachments": _t("每个附件不得超过10MB。", "Each attachment may be at most 10 MB."),
    "received_on": _t("收到日期不能晚于今天。", "The day of receipt cannot be later than today."),
    "invalid": _t("此项填写不正确。", "This value is not valid."),
}


def petition_errors(exc: InvalidInput, lang: str) -> dict[str, Any]:
    """Return the renderer's errors for a petition the regulation's checks refused."""
    errors: dict[str, Any] = {}
    for field in exc.fields or ["_schema"]:
        name, index, sub = _path(field)
        if isinstance(exc, TooManyRepresentatives):
            key = "representatives"
        elif isinstance(exc, AttachmentTooLarge):
            key = "attachments"
        elif sub == "address":
            key = "address"
        elif name == "received_on" or name in ("territory", "category", "channel", "receiving_organ", "accused_organ"):
            key = "received_on" if name == "received_on" else "invalid"
        else:
            key = "missing"
        said = exc.field_problems.get(field)
        message = [Localized((said.zh if lang == "zh" else str(said)) if said else MESSAGES[key][lang])]
        if index is not None and sub:
            errors.setdefault(name, {}).setdefault(index, {})[sub] = message
        else:
            errors[name] = message
    return errors
