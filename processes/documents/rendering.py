"""Render a document as an HTML fragment of an official A4 notice, in Chinese or English.

The fragment carries classes only; the web layer wraps it in a page with its print stylesheet.
Everything a person typed is escaped (``autoescape``), so a petition cannot inject markup, and
the result is returned as ``Markup``: a page template embeds it without escaping it twice.
"""
from __future__ import annotations

from datetime import date

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from processes.documents.kinds import GROUNDS, KINDS, OPINIONS
from processes.documents.models import Document

LABELS = {
    "zh": {"number": "登记编号", "petitioner": "信访人", "received_on": "收到日期", "request": "信访请求",
           "facts": "事实", "reasons": "理由", "opinion": "处理意见", "basis": "法律、法规及政策依据",
           "regulation": "《信访工作条例》", "cited": "依据", "colon": "：", "reason": "理由",
           "seal": "（印章）"},
    "en": {"number": "Registration number", "petitioner": "Petitioner", "received_on": "Received on",
           "request": "Request", "facts": "Facts", "reasons": "Reasons", "opinion": "Handling opinion",
           "basis": "Legal basis", "regulation": "Regulations on Letters and Visits, ", "cited": "Under the ",
           "colon": ":", "reason": "Reason", "seal": " (seal)"},
}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

_env = Environment(loader=PackageLoader("processes.documents", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True),
                   trim_blocks=True, lstrip_blocks=True)


def format_day(value: date | str | None, lang: str = "zh") -> str:
    """Return a date as an official document writes it: 2026年3月2日, or 2 March 2026."""
    if not value:
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_moment(value: date | str | None, lang: str = "zh") -> str:
    """Return a day, or a day and time of day, as an official document writes it: 2026年4月10日9时30分."""
    if not value:
        return ""
    text = str(value)
    day = format_day(text[:10], lang)
    clock = text[11:16] if len(text) >= 16 and text[10] in "T " else ""
    if not clock:
        return day
    hour, minute = int(clock[:2]), int(clock[3:5])
    if lang == "zh":
        return f"{day}{hour}时" + (f"{minute}分" if minute else "")
    return f"{day}, {clock}"


def clause(value: str | None) -> str:
    """Return typed text to be set inside a sentence: without the full stop the sentence adds itself."""
    return (value or "").strip().rstrip("。．.；;，,、 \n")


_env.filters["clause"] = clause


def render_document(doc: Document, lang: str = "zh") -> str:
    """Return the document as an HTML fragment in ``lang`` (``zh`` or ``en``), safe to embed."""
    lang = "zh" if lang != "en" else "en"
    spec = KINDS[doc.kind]
    fields = doc.fields
    article = doc.article if lang == "zh" else fields.get("article_en", spec.article_en)
    template = _env.get_template(f"{doc.kind}.html")
    return Markup(template.render(
        doc=doc, f=fields, lang=lang, zh=lang == "zh", t=LABELS[lang], title=spec.title(lang),
        article=article, to_organ=spec.to_organ, opinions=OPINIONS, grounds=GROUNDS,
        organ=lambda key: (fields.get("organs", {}).get(key) or {}).get(lang, ""),
        day=lambda value: format_day(value, lang),
        moment=lambda value: format_moment(value, lang),
    ))
