"""Say how a case ended, as the desk and the portal show it: what happened, under which article, where to."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from processes.case_end import CaseEnd
from processes.documents import GROUNDS

from .i18n import page_lang

ENDINGS = {  # a petition's outcome -> how it ended, in a few words
    "discipline": _l("Transferred to discipline inspection and supervision"),
    "political_legal": _l("Forwarded to the political-legal department"),
    "redirected": _l("Not accepted: not within this organ's authority"),
    "same_matter": _l("Not accepted"),
    "final": _l("Concluded by the re-review opinion, which is final"),
    "reviewed": _l("Concluded with the review opinion"),
    "opinion": _l("Concluded with the written reply"),
    "mediated": _l("Concluded by a mediation agreement"),
    "other_procedure": _l("Referred to another legal procedure"),
}
EXPLAINED = {  # what the ending means for the petitioner, where the few words do not say it
    "discipline": _l("A report or accusation is accepted and handled by the discipline inspection and supervision "
                     "organ with authority, under its own rules; those rules also say how you are told of the result. "
                     "What you reported, and who you are, are never passed to those you reported."),
    "political_legal": _l("A matter about litigation is handled by the political-legal department in accordance "
                          "with the law; it tells you of the result under its own rules."),
    "redirected": _l("Neither this organ nor its system has authority over the matter: you may petition the organ "
                     "named in the written notice."),
    "same_matter": _l("The written notice gives the ground and the earlier case."),
    "other_procedure": _l("The matter goes on in the legal procedure the written reply names."),
}


def ending_label(end: CaseEnd) -> str:
    """Return how the case ended in a few words, a refusal with its ground, in the page's language."""
    label = str(ENDINGS.get(end.outcome, end.outcome))
    if end.outcome == "same_matter" and end.ground in GROUNDS:
        ground = GROUNDS[end.ground][0 if page_lang() == "zh" else 1]
        label += "：" + ground if page_lang() == "zh" else ": " + ground[:1].lower() + ground[1:]
    return label


def ending_organ(end: CaseEnd) -> str:
    """Return where the matter went: the organ it was transferred to, or the one to petition instead."""
    from .tasks.labels import organ_name

    if not end.organ:
        return ""
    if end.transferred:
        return organ_name(end.organ)
    return str(_l("the organ with authority: %(organ)s", organ=organ_name(end.organ)))


def ending_article(end: CaseEnd) -> str:
    """Return the article the ending rests on, in the page's language."""
    return end.article_zh if page_lang() == "zh" else end.article_en


def ending_line(end: CaseEnd) -> str:
    """Return how the case ended, where the matter went and the article, as one line."""
    zh = page_lang() == "zh"
    line = ending_label(end)
    if end.organ:
        joint = ("：" if zh else ": ") if end.transferred else ("；" if zh else "; ")
        line += joint + ending_organ(end)
    article = ending_article(end)
    return line + ((f"（{article}）" if zh else f" ({article})") if article else "")


def ending_names() -> dict:
    """Return the names the desk's and the portal's templates use to say how a case ended."""
    return {"ending_line": ending_line, "ENDING_EXPLAINED": EXPLAINED}
