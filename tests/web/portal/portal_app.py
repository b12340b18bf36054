"""The portal's tests: the app with the project's own diagrams, forms, demo organs and users, and an online submission."""
from __future__ import annotations

import re
from pathlib import Path

from engine import db
from tests.conftest import make_app


def real_app(database_url: str, tmp_path: Path, **settings):
    """Build the app (with `settings` changed), deploy bpmn/ and load the demo organs and users."""
    app = make_app(database_url, tmp_path, **settings)
    with app.app_context():
        from processes.demo_data import load_organs_and_users
        from web.cli import deploy_paths

        deploy_paths([Path(app.config["XINFANG_BPMN_DIR"])], "test")
        load_organs_and_users()
        db.session.commit()
    return app


def csrf(client) -> None:
    """Give the client a known CSRF token (the forms below post it)."""
    with client.session_transaction() as session:
        session["csrf_token"] = "t"


def petition_post(**extra) -> dict:
    """Return the portal form of a wage complaint, with `extra` fields changed."""
    data = {"csrf_token": "t", "submission_token": "p-1", "receiving_organ": "JN-QS-LX-XFJ", "category": "labour",
            "petitioners-0-name": "周丽", "petitioners-0-id_number": "330101199001011238",
            "petitioners-0-phone": "13800000001", "petitioners-0-address": "柳溪县桃源镇幸福村5号",
            "request": "请求责令青山建材有限公司支付拖欠的工资三万元。",
            "facts": "本人于2025年在青山建材有限公司工作八个月，公司至今拖欠工资三万元未付。",
            "reasons": "依照劳动合同法，用人单位应当按时足额支付劳动报酬。"}
    data.update(extra)
    return data


def submit(client, **extra) -> tuple[str, str]:
    """Submit a petition online; return its registration number and query code."""
    csrf(client)
    response = client.post("/portal/submit", data=petition_post(**extra))
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    receipt = client.get("/portal/receipt").get_data(as_text=True)
    number = re.search(r"XF-[A-Z-]+-\d{4}-\d{6}", receipt).group(0)
    code = re.findall(r'class="receipt-number">([^<]+)<', receipt)[1]
    return number, code
