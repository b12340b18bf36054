"""Fictional petitions at every stage, for the demo: received days ago, walked through their tasks today.

The demo runs on the real clock, so each petition is dated back (``days_ago``) and its tasks are
completed now; a limit that has already run out opens its supervision when the timers fire.
Every petition has a documented query code, so the portal opens it on every run. Loading again
adds nothing: a petition whose title exists already (registered by ``demo``) is left alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from engine.db import db
from engine.definitions import latest_version
from engine.instances import get_instance
from engine.timers import fire_due_timers
from processes import portal
from processes.identity_documents import with_check_digit
from processes.case_walk import (
    ACCEPT_FORWARDED,
    ACCEPT_OWN,
    INVESTIGATE,
    REPLY,
    REVIEW,
    Step,
    walk,
)
from processes.numbering import hash_query_code
from processes.petitions import STAGE_LABELS, Petition, find_by_number, submit_petition
from processes.petitions.models import today

ACTOR = "demo"
LABOUR, LAND, COUNTY_DESK = "JN-QS-LX-RSJ", "JN-QS-LX-ZRZYJ", "JN-QS-LX-XFJ"
REPLIED: tuple[Step, ...] = (*ACCEPT_OWN, *INVESTIGATE, *REPLY)
REVIEWED: tuple[Step, ...] = (*REPLIED, ("@review", {}), *REVIEW, ("@re_review", {}))


def person(name: str, serial: int, address: str) -> dict[str, str]:
    """Return a fictional petitioner with an identity number and a phone derived from ``serial``."""
    return {"name": name, "document_type": "resident_id",
            "id_number": with_check_digit(f"330102197501{serial % 28 + 1:02d}{serial:03d}"),
            "phone": f"1385710{serial:04d}", "address": address}


@dataclass(frozen=True)
class DemoCase:
    """One demo petition: what was handed in, when, and the steps taken on it since."""

    title: str
    code: str  # its query code, documented for the portal
    days_ago: int
    fields: dict[str, Any]
    steps: tuple[Step, ...] = ()  # "@evaluate", "@review", "@re_review": the petitioner in the portal


WORKERS = [person(name, 101 + i, "柳溪县工业园区职工宿舍") for i, name in
           enumerate(("王建军", "李桂芳", "张卫东", "陈海涛", "刘春梅", "杨志刚", "周德明", "吴玉兰"))]
WAGES = {"category": "labour", "request": "请求责令青山建材有限公司支付拖欠的八名工人工资共计二十四万元。",
         "facts": "我们八人在青山建材有限公司工作，公司自去年九月起拖欠工资，每人约三万元，多次讨要未果。",
         "reasons": "依照《劳动合同法》第三十条，用人单位应当按时足额支付劳动报酬。"}
CASES = (
    DemoCase("柳溪县城区夜市占道经营噪音扰民", "CAFE3467", 0, {
        "category": "urban_management", "petitioners": [person("陈秀英", 1, "柳溪县城关镇人民路12号")],
        "request": "请求城管部门依法整治小区门口夜市占道经营和深夜噪音。",
        "facts": "每晚十点后摊贩在小区门口占道经营，噪音持续到凌晨两点，老人孩子无法休息。",
        "reasons": "占道经营和夜间噪音违反市容环境卫生和噪声污染防治规定。"}),
    DemoCase("修路征地补偿款未发放", "HKMN4679", 3, {
        "channel": "letter", "category": "land", "petitioners": [person("刘建国", 2, "柳溪县桃源镇刘家村3组")],
        "request": "请求依法发放县道改建工程征收承包地的补偿款。",
        "facts": "2025年县道改建征收我家承包地两亩三分，至今未收到补偿款。",
        "reasons": "征收土地应当依法及时足额支付补偿费用。"}, (("register_petition", {"handling_organ": LAND}),)),
    DemoCase("青山建材公司拖欠八名工人工资", "PRTW3467", 5, {
        **WAGES, "channel": "visit", "recorded_by": "registrar", "petitioners": WORKERS,
        "representatives": WORKERS[:5], "is_group": True},
        (*ACCEPT_FORWARDED, *INVESTIGATE)),
    DemoCase("养老保险缴费年限认定", "XYAC4679", 10, {
        "channel": "phone", "recorded_by": "registrar", "category": "social_security", "receiving_organ": LABOUR,
        "petitioners": [person("赵志强", 3, "柳溪县城关镇解放路8号")],
        "request": "请求认定本人1992年至1996年在县农机厂的工作年限为养老保险视同缴费年限。",
        "facts": "本人在县农机厂工作四年，企业改制后档案缺失，社保经办机构不予认定。",
        "reasons": "原国有企业工作年限依规可认定为视同缴费年限。"},
        (*ACCEPT_OWN, *INVESTIGATE, ("investigate", {"next_step": "extension"}),
         ("request_extension", {"extension_days": 30, "extension_reason": "需调取原农机厂改制档案并走访证人。"}),
         ("approve_extension", {}))),
    DemoCase("工伤赔偿争议", "EFGH3679", 7, {
        "category": "labour", "receiving_organ": LABOUR, "petitioners": [person("孙丽娟", 4, "柳溪县城关镇新华街21号")],
        "request": "请求协调柳溪纺织厂支付工伤一次性伤残补助金。",
        "facts": "本人在纺织厂工作时右手受伤，已认定为九级伤残，厂方拒绝支付补助金。",
        "reasons": "依照《工伤保险条例》，用人单位应当支付一次性伤残补助金。"},
        (*ACCEPT_OWN, *INVESTIGATE, ("investigate", {"next_step": "mediation"}),
         ("seek_consent", {"other_party": "柳溪纺织厂", "mediation_mode": "mediation"}))),
    DemoCase("化工厂夜间排放刺激性气味", "MNPR4679", 9, {
        "category": "environment", "petitioners": [person("黄磊", 5, "柳溪县桃源镇东山村7组")],
        "request": "请求查处东山化工厂夜间偷排废气。", "facts": "东山化工厂每晚排放刺鼻气味，村民头晕咳嗽。",
        "reasons": "企业排放大气污染物应当符合排放标准。"},
        (*ACCEPT_FORWARDED, *INVESTIGATE, *REPLY, ("@evaluate", {"evaluation": "satisfied"}))),
    DemoCase("加班费计算争议", "TWXY3467", 14, {
        "category": "labour", "receiving_organ": LABOUR, "petitioners": [person("吴建华", 6, "柳溪县城关镇北门路5号")],
        "request": "请求责令柳溪物流公司补发2025年的加班费。", "facts": "公司每月安排加班六十小时，只按基本工资发放。",
        "reasons": "延长工作时间应当依法支付加班工资。"}, (*REPLIED, ("@review", {}))),
    DemoCase("工伤待遇核定不服", "ACEF4679", 14, {
        "channel": "letter", "category": "social_security", "receiving_organ": LABOUR,
        "petitioners": [person("郑美玲", 7, "柳溪县桃源镇南岭村2组")],
        "request": "请求重新核定本人的工伤保险待遇。", "facts": "本人工伤后停工留薪期工资按最低工资核定，明显偏低。",
        "reasons": "停工留薪期内原工资福利待遇不变。"},
        (*REVIEWED, ("examine_re_review", {"hold_hearing": True}),
         ("prepare_re_review_hearing", {"hearing_place": "江南省人力资源和社会保障厅听证室", "hearing_matters": "停工留薪期工资基数"}))),
    DemoCase("解除劳动合同经济补偿", "GHJK3467", 14, {
        "category": "labour", "receiving_organ": LABOUR, "petitioners": [person("马国强", 8, "柳溪县城关镇西街30号")],
        "request": "请求责令柳溪机械厂支付解除劳动合同的经济补偿。", "facts": "机械厂以经营困难为由解除合同，未支付经济补偿。",
        "reasons": "用人单位解除劳动合同应当依法支付经济补偿。"},
        (*REVIEWED, ("examine_re_review", {}), ("decide_re_review", {}), ("serve_re_review_opinion", {}),
         ("@evaluate", {"evaluation": "basically_satisfied"}))),
    DemoCase("宅基地确权纠纷", "JKMN3679", 8, {
        "channel": "letter", "category": "land", "territory": "JN-QS-LX-TY",
        "petitioners": [person("林小红", 9, "柳溪县桃源镇林家村1组")],
        "request": "请求依法确认本户宅基地使用权。", "facts": "邻居占用我家宅基地建房，镇里调处后未落实。",
        "reasons": "宅基地使用权依法登记应受保护。"},
        (("register_petition", {"route": "assign", "feedback_due_days": 10}), *ACCEPT_FORWARDED[1:], *INVESTIGATE,
         *REPLY, ("@evaluate", {"evaluation": "dissatisfied"}),
         ("check_handling", {"mishandled": True, "check_findings": "调处意见作出后未督促落实。"}),
         ("issue_supervision_letter", {"supervision_findings": "宅基地调处意见未落实。", "correction_required": "十五日内落实并书面反馈。"}))),
    DemoCase("建议城区增设公交站点", "PRTY4679", 20, {
        "channel": "letter", "category": "suggestion", "receiving_organ": "JN-QS-LX",
        "petitioners": [person("何静", 10, "柳溪县城关镇幸福小区6栋")],
        "request": "建议在城关镇幸福小区附近增设公交站点。", "facts": "小区居民三千余人，最近的公交站步行需二十分钟。",
        "reasons": "方便群众出行，提高公共交通覆盖率。"}),
    DemoCase("同一欠薪事项向市信访局重复反映", "WXYA3467", 1, {
        **WAGES, "receiving_organ": "JN-QS-XFJ", "territory": "JN-QS-LX", "petitioners": WORKERS[:1]},
        (("confirm_same_matter", {"same_matter_confirmed": True, "same_matter_note": "柳溪县人社局正在办理。"}),)),
    DemoCase("对民事判决执行不满", "CEFG4679", 2, {
        "channel": "visit", "recorded_by": "registrar", "category": "litigation",
        "petitioners": [person("杨帆", 11, "柳溪县城关镇东街2号")],
        "request": "请求法院加快执行本人胜诉的借款纠纷判决。", "facts": "判决生效一年，被执行人仍未还款。",
        "reasons": "生效判决应当依法执行。"}, (("register_petition", {}),)),
    DemoCase("举报镇干部截留惠农补贴", "HJKM3679", 4, {
        "category": "accusation", "accused_organ": "JN-QS-LX-TY", "petitioners": [person("钱卫东", 12, "柳溪县桃源镇钱村")],
        "request": "举报桃源镇某干部截留村民惠农补贴。", "facts": "2025年耕地地力补贴每户少发一百元。",
        "reasons": "截留补贴侵害群众利益。"}, (("register_petition", {}),)),
)


def _act(petition: Petition, code: str, element: str, choices: dict[str, Any]) -> None:
    if element == "@evaluate":
        portal.evaluate_handling(petition, code, choices["evaluation"], choices.get("comment", ""))
    elif element in ("@review", "@re_review"):
        portal.request_right(petition, element[1:], "对处理意见不服，请求上一级机关复查复核。")
    else:
        # The desk's forms show first what the case data proposes: the way a notice is served is
        # the channel's usual one (in person for a visit, post for a letter, a message for a call).
        data = get_instance(int(petition.instance_id)).data or {}
        proposed = {"notice_service_method": data["notice_service_method"]} if "notice_service_method" in data else {}
        walk(int(petition.instance_id), ((element, {**proposed, **choices}),))


def _submit(case: DemoCase) -> Petition:
    fields = {"channel": "online", "receiving_organ": COUNTY_DESK, "title": case.title,
              "received_on": (today() - timedelta(days=case.days_ago)).isoformat(), **case.fields}
    petition = submit_petition(fields, ACTOR).petition
    petition.query_code_hash = hash_query_code(petition.registration_number, case.code)
    for element, choices in case.steps:
        _act(petition, case.code, element, dict(choices))
    return petition


def load_demo_cases() -> list[str]:
    """Register the demo petitions not yet there and walk them; return a line per petition."""
    if latest_version("petition") is None:  # an app running other diagrams (the designer's tests)
        return ["demo petitions: none, the petition diagrams are not deployed"]
    added, numbers = 0, []
    for case in CASES:
        number = db.session.scalar(select(Petition.registration_number).where(
            Petition.title == case.title, Petition.created_by == ACTOR))
        if number is None:
            number, added = _submit(case).registration_number, added + 1
            db.session.flush()
            db.session.expunge_all()  # each walk starts light: a session holding every case slows every flush
        numbers.append(number)
    fire_due_timers()  # limits that ran out before today open their supervision now
    out = [f"demo petitions: {added} added; open one in the portal with its number and query code"]
    for number, case in zip(numbers, CASES):
        petition = find_by_number(number)
        out.append(f"  {number}  query code {case.code}  {STAGE_LABELS['zh'][petition.stage]}  {case.title}")
    return out
