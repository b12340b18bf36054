"""Batches: each instance is its own transaction; one refusal neither undoes nor stops the rest."""
from __future__ import annotations

from engine import db
from engine.batch import run_batch
from engine.history import history_for
from engine.instances import get_instance, start_instance, suspend_instance


def test_one_refusal_does_not_stop_or_undo_the_others(ctx):
    ids = [start_instance("chain", f"case-{n}", {"organ": "ORG-1"}, "ann").id for n in range(3)]
    suspend_instance(ids[1], "admin", "already held")
    db.session.commit()

    results = run_batch(ids, lambda instance_id: suspend_instance(instance_id, "admin", "batch hold"))

    assert [(result.instance_id, result.ok, result.code) for result in results] == [
        (ids[0], True, ""), (ids[1], False, "invalid_state"), (ids[2], True, "")]
    assert results[1].details == {"action": "suspend", "status": "suspended"}
    db.session.expunge_all()
    assert [get_instance(instance_id).status for instance_id in ids] == ["suspended"] * 3
    assert [row.reason for row in history_for(ids[2]) if row.event == "suspended"] == ["batch hold"]


def test_an_unknown_instance_is_reported_not_raised(ctx):
    (result,) = run_batch([999], lambda instance_id: suspend_instance(instance_id, "admin", "hold"))
    assert (result.ok, result.code) == (False, "not_found")
