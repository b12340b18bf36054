"""The kinds of written documents, the article each cites, and the fields each needs."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentKind:
    """One kind of written notice, letter, opinion or report."""

    kind: str
    prefix: str  # of its number
    title_zh: str
    title_en: str
    article_zh: str
    article_en: str
    required: tuple[str, ...] = ()
    reply: bool = False  # a written reply: its service starts the period to ask for review (Art. 35, 36)
    to_organ: bool = False  # addressed to an organ rather than to the petitioner: an internal letter

    def title(self, lang: str = "zh") -> str:
        """Return the kind's title in ``lang``."""
        return self.title_zh if lang == "zh" else self.title_en


OPINION_FIELDS = ("opinion", "opinion_text", "basis")
KINDS = {kind.kind: kind for kind in (
    DocumentKind("acceptance_notice", "SL", "信访事项受理告知书", "Notice of acceptance", "第二十三条", "Art. 23"),
    DocumentKind("non_acceptance_notice", "BSL", "信访事项不予受理告知书", "Notice of non-acceptance",
                 "第二十三条", "Art. 23", ("reason",)),
    DocumentKind("forward_notice", "ZS", "信访事项转送告知书", "Notice of forwarding", "第二十二条", "Art. 22",
                 ("to_organ",)),
    DocumentKind("assignment_notice", "JBGZ", "信访事项交办告知书", "Notice of assignment", "第二十二条、第二十三条第一款",
                 "Art. 22, Art. 23 ¶1", ("to_organ",)),
    DocumentKind("assign_notice", "JB", "信访事项交办函", "Letter of assignment", "第二十二条第一款第三项",
                 "Art. 22 ¶1(3)", ("to_organ",), to_organ=True),
    DocumentKind("objection", "YY", "信访事项异议函", "Letter of objection", "第二十三条第三款", "Art. 23 ¶3",
                 ("to_organ", "reason"), to_organ=True),
    DocumentKind("extension_notice", "YQ", "信访事项延期办理告知书", "Notice of extension", "第三十四条", "Art. 34",
                 ("reason", "extended_until")),
    DocumentKind("handling_opinion", "CL", "信访事项处理意见书", "Handling opinion", "第三十一条第六项、第三十二条",
                 "Art. 31(6), Art. 32", OPINION_FIELDS, reply=True),
    DocumentKind("review_opinion", "FC", "信访事项复查意见书", "Review opinion", "第三十五条", "Art. 35",
                 OPINION_FIELDS, reply=True),
    DocumentKind("re_review_opinion", "FH", "信访事项复核意见书", "Re-review opinion", "第三十六条", "Art. 36",
                 OPINION_FIELDS, reply=True),
    DocumentKind("mediation_agreement", "TJ", "调解协议书", "Mediation agreement", "第三十三条", "Art. 33",
                 ("parties", "terms")),
    DocumentKind("hearing_notice", "TZ", "听证通知书", "Notice of hearing", "第三十一条第二款、第三十六条第二款",
                 "Art. 31 ¶2, Art. 36 ¶2", ("hearing_at", "place")),
    DocumentKind("supervision_letter", "DB", "信访事项督办函", "Letter of supervision", "第四十条", "Art. 40",
                 ("to_organ", "issue", "feedback_due"), to_organ=True),
    DocumentKind("major_report", "BG", "重大紧急信访事项报告", "Report of a major or urgent matter", "第二十五条",
                 "Art. 25", ("to_organ", "summary"), to_organ=True),
)}

# The three handling opinions of Art. 32 ¶1.
OPINIONS = {
    "support": ("予以支持", "The request is supported", "第三十二条第一款第一项", "Art. 32 ¶1(1)"),
    "explain": ("予以解释说明", "The request is explained", "第三十二条第一款第二项", "Art. 32 ¶1(2)"),
    "not_support": ("不予支持", "The request is not supported", "第三十二条第一款第三项", "Art. 32 ¶1(3)"),
}

# Grounds for not accepting a petition, each with the article it rests on.
GROUNDS = {
    "not_within_scope": ("不属于本机关职权范围", "Not within this organ's authority", "第二十三条", "Art. 23"),
    "same_matter_in_hand": ("同一信访事项已经受理或者正在办理", "The same matter is already accepted or in hand",
                            "第十九条第四款", "Art. 19 ¶4"),
    "final_after_re_review": ("已经复核，以同一事实和理由再次提出", "Finally decided on re-review; same facts and reasons",
                              "第三十六条第三款", "Art. 36 ¶3"),
    "litigation": ("涉法涉诉，应当通过法定途径解决", "Concerns litigation; to be resolved through legal channels",
                   "第二十二条第二款、第二十八条第二款", "Art. 22 ¶2, Art. 28 ¶2"),
    "late_review": ("复查请求未在收到书面答复之日起30日内提出",
                    "The review was not requested within 30 days of receiving the written reply", "第三十五条",
                    "Art. 35"),
    "no_review_organ": ("原办理机关没有上一级机关、单位", "The handling organ has no higher organ to review it",
                        "第三十五条", "Art. 35"),
    "late_re_review": ("复核请求未在收到复查意见之日起30日内提出",
                       "The re-review was not requested within 30 days of receiving the review opinion",
                       "第三十六条", "Art. 36"),
    "no_re_review_organ": ("复查机关没有上一级机关、单位", "The review organ has no higher organ to re-review it",
                           "第三十六条", "Art. 36"),
}

# How a document reaches the petitioner. An online petitioner is served through the portal the
# day a notice is issued; otherwise the usual way for the channel he used, unless the handler
# records another.
SERVICE_METHODS = {
    "portal": ("网上信访平台送达", "Through the online portal"),
    "in_person": ("直接送达", "In person"),
    "post": ("邮寄送达", "By post"),
    "sms": ("短信、电话告知", "By text message or telephone"),
    "electronic": ("电子送达", "Electronically"),
    "other": ("其他方式", "Other"),
}
USUAL_SERVICE = {"online": "portal", "visit": "in_person", "letter": "post", "fax": "post", "phone": "sms"}


def service_label(method: str | None, lang: str = "zh") -> str:
    """Return how a document was served, in ``lang`` (empty when not recorded)."""
    labels = SERVICE_METHODS.get(method or "")
    return "" if labels is None else labels[0 if lang == "zh" else 1]
