"""A fictional province for demos, training and tests: its organs and a user for every role.

江南省 → 青山市 → 柳溪县 → 桃源镇. Every level has a government, a petition department (信访局),
the departments for labour and social security (人社), land (自然资源), environment (生态环境),
discipline inspection (纪委监委) and political-legal affairs (政法委); the county adds housing
(住建局) and urban management (城管局). Loading twice changes nothing. Flushes, never commits.

Demo users (username = password; API token ``demo-<username>-token``, ``_`` written ``-``):

| username    | role       | organ                        |
|-------------|------------|------------------------------|
| admin       | admin      | –                            |
| designer    | designer   | –                            |
| registrar   | registrar  | JN-QS-LX-XFJ 柳溪县信访局    |
| handler     | handler    | JN-QS-LX-RSJ 柳溪县人社局    |
| head        | head       | JN-QS-LX-RSJ 柳溪县人社局    |
| reviewer    | reviewer   | JN-QS-RSJ 青山市人社局       |
| re_reviewer | reviewer   | JN-RSJ 江南省人社厅          |
| supervisor  | supervisor | JN-QS-LX-XFJ 柳溪县信访局    |
| petitioner  | petitioner | –                            |
| city_registrar, township_handler, land_handler, discipline_handler: see DEMO_USERS |

Every organ a demo petition can reach for handling has a handler, who also holds a hearing during
handling (Art. 31); every organ above one of them that reviews (Art. 35) or re-reviews and holds
the re-review hearing (Art. 36) has a reviewer: the labour, land and environment departments of the
city and the province, and the county, city and province governments.
"""
from __future__ import annotations

from sqlalchemy import select

from engine.db import db
from processes.accounts import User, create_user
from processes.organs import Organ

# (code, zh, en, level); each level's departments hang below.
PLACES = (("JN", "江南省", "Jiangnan Province", "province"), ("JN-QS", "青山市", "Qingshan City", "city"),
          ("JN-QS-LX", "柳溪县", "Liuxi County", "county"))
DEPARTMENT_NAMES = {"province": ("厅", "Department"), "city": ("局", "Bureau"), "county": ("局", "Bureau")}
# suffix: (kind, zh name, en name, duties); "{u}" is 厅 or 局.
DEPARTMENTS = {
    "XFJ": ("petition_department", "信访局", "Petition Bureau", []),
    "RSJ": ("functional_department", "人力资源和社会保障{u}", "Human Resources and Social Security {U}",
            ["labour", "social_security"]),
    "ZRZYJ": ("functional_department", "自然资源{u}", "Natural Resources {U}", ["land"]),
    "STHJJ": ("functional_department", "生态环境{u}", "Ecology and Environment {U}", ["environment"]),
    "JW": ("discipline_inspection", "纪委监委", "Commission for Discipline Inspection and Supervision",
           ["accusation"]),
    "ZFW": ("political_legal", "委政法委", "Political and Legal Affairs Commission", ["litigation"]),
}
COUNTY_ONLY = {
    "ZJJ": ("functional_department", "住房和城乡建设局", "Housing and Urban-Rural Development Bureau", ["housing"]),
    "CGJ": ("functional_department", "城市管理局", "Urban Management Bureau", ["urban_management"]),
}
TOWNSHIP = ("JN-QS-LX-TY", "桃源镇人民政府", "Taoyuan Township Government", ["land", "suggestion", "other"])

DEMO_USERS = (  # username, role, organ, display name
    ("admin", "admin", None, "系统管理员"),
    ("designer", "designer", None, "流程设计员"),
    ("registrar", "registrar", "JN-QS-LX-XFJ", "柳溪县信访局 登记员 王芳"),
    ("handler", "handler", "JN-QS-LX-RSJ", "柳溪县人社局 承办人 李明"),
    ("head", "head", "JN-QS-LX-RSJ", "柳溪县人社局 负责人 张强"),
    ("reviewer", "reviewer", "JN-QS-RSJ", "青山市人社局 复查承办人 赵敏"),
    ("re_reviewer", "reviewer", "JN-RSJ", "江南省人社厅 复核承办人 陈刚"),
    ("supervisor", "supervisor", "JN-QS-LX-XFJ", "柳溪县信访局 督查员 刘洋"),
    ("petitioner", "petitioner", None, "信访人 周丽"),
    ("city_registrar", "registrar", "JN-QS-XFJ", "青山市信访局 登记员 孙浩"),
    ("township_handler", "handler", "JN-QS-LX-TY", "桃源镇 承办人 吴静"),
    ("land_handler", "handler", "JN-QS-LX-ZRZYJ", "柳溪县自然资源局 承办人 郑伟"),
    ("discipline_handler", "handler", "JN-QS-LX-JW", "柳溪县纪委监委 承办人 何平"),
    ("environment_handler", "handler", "JN-QS-LX-STHJJ", "柳溪县生态环境局 承办人 冯丽"),
    ("urban_handler", "handler", "JN-QS-LX-CGJ", "柳溪县城市管理局 承办人 韩磊"),
    ("county_handler", "handler", "JN-QS-LX", "柳溪县人民政府 承办人 曹雪"),
    ("county_reviewer", "reviewer", "JN-QS-LX", "柳溪县人民政府 复查承办人 邓超"),
    ("city_reviewer", "reviewer", "JN-QS", "青山市人民政府 复查复核承办人 彭博"),
    ("province_reviewer", "reviewer", "JN", "江南省人民政府 复核承办人 蒋文"),
    ("city_land_reviewer", "reviewer", "JN-QS-ZRZYJ", "青山市自然资源局 复查承办人 许峰"),
    ("province_land_reviewer", "reviewer", "JN-ZRZYJ", "江南省自然资源厅 复核承办人 沈洁"),
    ("city_environment_reviewer", "reviewer", "JN-QS-STHJJ", "青山市生态环境局 复查承办人 罗琳"),
    ("province_environment_reviewer", "reviewer", "JN-STHJJ", "江南省生态环境厅 复核承办人 谢军"),
)


def demo_token(username: str) -> str:
    """Return the documented API token of a demo user."""
    return f"demo-{username.replace('_', '-')}-token"


def demo_organs() -> list[dict]:
    """Return the fictional organ tree as rows, higher organs first."""
    rows, above = [], None
    for code, place_zh, place_en, level in PLACES:
        government_zh = f"{place_zh}人民政府"
        rows.append({"code": code, "name_zh": government_zh, "name_en": f"{place_en} People's Government",
                     "level": level, "kind": "government", "parent_code": above, "territory": code,
                     "duties": ["suggestion", "other"]})
        unit_zh, unit_en = DEPARTMENT_NAMES[level]
        extra = COUNTY_ONLY if level == "county" else {}
        for suffix, (kind, zh, en, duties) in {**DEPARTMENTS, **extra}.items():
            superior = f"{above}-{suffix}" if above and suffix in DEPARTMENTS else code
            name_zh = f"中共{place_zh}{zh}" if suffix == "ZFW" else place_zh + zh.format(u=unit_zh)
            rows.append({"code": f"{code}-{suffix}", "name_zh": name_zh, "level": level, "kind": kind,
                         "name_en": f"{place_en} {en.format(U=unit_en)}", "parent_code": superior,
                         "territory": code, "duties": duties})
        above = code
    code, zh, en, duties = TOWNSHIP
    rows.append({"code": code, "name_zh": zh, "name_en": en, "level": "township", "kind": "government",
                 "parent_code": above, "territory": code, "duties": duties})
    return rows


def load_organs() -> int:
    """Create the demo organs that do not exist yet; return how many were added."""
    added = 0
    for row in demo_organs():
        if db.session.get(Organ, row["code"]) is None:
            db.session.add(Organ(**row))
            db.session.flush()  # parents first, so the foreign key holds on every database
            added += 1
    return added


def load_users() -> int:
    """Create the demo users that do not exist yet; return how many were added."""
    added = 0
    for username, role, organ, display_name in DEMO_USERS:
        if db.session.scalar(select(User.id).where(User.username == username)) is None:
            create_user(username, role, organ=organ, password=username, display_name=display_name,
                        token=demo_token(username))
            added += 1
    return added


def load_organs_and_users() -> dict[str, int]:
    """Create the demo organs and users that do not exist yet; return how many were added."""
    return {"organs": load_organs(), "users": load_users()}
