"""The shipped diagrams at work: the time of each step of real petitions, with and without kept workflows.

Each round submits a wage complaint and walks it as people would: registration, acceptance, recusal,
route, investigation, opinion, approval, service, a review and its opinion. Every step is its own
transaction, as a request is. The same walk runs on an app that keeps live workflows between steps
(the default) and on one that rebuilds each from its saved state (XINFANG_WORKFLOW_CACHE=0), in the
same run, on the same kind of database. Prints the median and 95th percentile of a step, the ratio
between the two, and the saved state of a case at its end.
Run: python3 bench/petition_steps.py [ROUNDS]
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import median, percentile  # noqa: E402

WALK = (("register_petition", {"route": "accept"}), ("notify_acceptance", {}), ("check_recusal", {}),
        ("choose_route", {"handling_route": "investigate"}), ("investigate", {}), ("draft_opinion", {}),
        ("approve_opinion", {}), ("serve_reply", {}))
FIELDS = {"channel": "online", "receiving_organ": "JN-QS-LX-RSJ", "territory": "JN-QS-LX", "category": "labour",
          "petitioners": [{"name": "周丽", "id_number": "330101199001011238", "phone": "13800000001",
                           "address": "柳溪县桃源镇幸福村5号"}],
          "request": "请求责令青山建材有限公司支付拖欠的工资三万元。",
          "facts": "本人于2025年在青山建材有限公司工作八个月，公司至今拖欠工资三万元未付，多次催要无果。",
          "reasons": "依照劳动合同法，用人单位应当按时足额支付劳动报酬。"}


def _id_number(n: int) -> str:
    from datetime import date, timedelta

    from processes.identity_documents import with_check_digit

    born = date(1950, 1, 1) + timedelta(days=n)  # a different petitioner each time
    return with_check_digit(f"330101{born:%Y%m%d}001")


def _app(cache: int):
    from engine import db
    from processes.demo_data import load_organs_and_users
    from web import create_app
    from web.cli import deploy_paths, init_database

    folder = Path(tempfile.mkdtemp())
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'steps.sqlite3'}", "XINFANG_CLOCK": "simulated",
                      "SECRET_KEY": "bench", "XINFANG_WORKFLOW_CACHE": cache})
    with app.app_context():
        init_database()
        deploy_paths([Path(app.config["XINFANG_BPMN_DIR"])], "bench")
        load_organs_and_users()
        db.session.commit()
    return app


def _walk_one(n: int, steps: list[float]) -> bytes:
    from engine import db
    from engine.instances import get_instance
    from processes.case_walk import complete_step
    from processes.petitions import submit_petition
    from processes import portal

    # A different petitioner each time: the same person with the same matter would be held up by the
    # same-matter check (Art. 19 ¶4), which is not what is measured here.
    petitioner = {**FIELDS["petitioners"][0], "name": f"周丽{n + 2}", "id_number": _id_number(n)}
    submitted = submit_petition({**FIELDS, "petitioners": [petitioner]}, "registrar")
    db.session.commit()
    instance_id = int(submitted.petition.instance_id)
    for element, choices in WALK:
        db.session.expunge_all()
        started = time.perf_counter()
        complete_step(instance_id, element, choices)
        db.session.commit()
        steps.append(time.perf_counter() - started)
    db.session.expunge_all()
    started = time.perf_counter()
    portal.request_right(submitted.petition, "review", "公司仍未支付。")
    db.session.commit()
    steps.append(time.perf_counter() - started)
    for element in ("review_matter", "serve_review_opinion"):
        db.session.expunge_all()
        started = time.perf_counter()
        complete_step(instance_id, element, {})
        db.session.commit()
        steps.append(time.perf_counter() - started)
    return get_instance(instance_id, with_state=True).state


def measure(cache: int, rounds: int) -> dict:
    from engine import db

    app = _app(cache)
    with app.app_context():
        _walk_one(-1, [])  # warm up: parse, first queries
        steps: list[float] = []
        state = b""
        for n in range(rounds):
            state = _walk_one(n, steps)
        db.session.remove()
        db.engine.dispose()
    return {"median": median(steps) * 1000, "p95": percentile(steps, 0.95) * 1000, "steps": len(steps),
            "state": len(state)}


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    kept, rebuilt = measure(128, rounds), measure(0, rounds)
    for label, r in (("kept workflows", kept), ("rebuilt each step", rebuilt)):
        print(f"{label:18s} step median {r['median']:.1f} ms, p95 {r['p95']:.1f} ms  [{r['steps']} steps of "
              f"{rounds} petitions, SQLite; saved state at the end {r['state'] / 1024:.1f} KB compressed]")
    print(f"rebuilt / kept: median {rebuilt['median'] / kept['median']:.2f}, p95 {rebuilt['p95'] / kept['p95']:.2f}")


if __name__ == "__main__":
    main()
