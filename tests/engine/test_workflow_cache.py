"""Live workflows kept between steps never hide a change made elsewhere."""
from __future__ import annotations

from pathlib import Path

from engine import current_engine, db
from engine.instances import get_instance, resume_instance, start_instance, suspend_instance
from engine.tasks import TaskQuery, complete_task, list_tasks
from tests.conftest import make_app

DIAGRAMS = Path(__file__).resolve().parent / "diagrams"


def _ready(instance_id):
    return [row.element for row in list_tasks(TaskQuery(instance=instance_id))[0]]


def _complete_ready(instance_id, data, user):
    (task,) = list_tasks(TaskQuery(instance=instance_id))[0]
    complete_task(task.id, data, user)
    db.session.commit()
    db.session.expunge_all()


def _app(database_url):
    app = make_app(database_url, XINFANG_BPMN_DIR=str(DIAGRAMS), XINFANG_FORMS_DIR=str(DIAGRAMS.parent / "forms"))
    with app.app_context():
        from web.cli import deploy_paths

        deploy_paths([DIAGRAMS], "test")
        db.session.commit()
    return app


def test_a_step_taken_by_another_process_is_not_hidden_by_a_kept_workflow(database_url):
    first, second = _app(database_url), _app(database_url)  # two processes on one database
    with first.app_context():
        instance_id = start_instance("chain", "k-1", {"organ": "X"}, "ann").id
        db.session.commit()
        _complete_ready(instance_id, {"note": "one"}, "ann")  # `first` now keeps the workflow
        assert len(current_engine().workflows) == 1
        db.session.remove()
    with second.app_context():
        _complete_ready(instance_id, {"note": "two"}, "bob")
        db.session.remove()
    with first.app_context():
        assert _ready(instance_id) == ["step3"]
        _complete_ready(instance_id, {"note": "three"}, "ann")  # rebuilt from what `second` saved
        assert _ready(instance_id) == ["step4"]
        assert get_instance(instance_id).data["note"] == "three"
        db.session.remove()
        db.engine.dispose()
    with second.app_context():
        db.engine.dispose()


def test_a_change_outside_a_step_makes_the_next_step_rebuild_from_saved_state(ctx):
    instance_id = start_instance("chain", "k-2", {"organ": "X"}, "ann").id
    db.session.commit()
    suspend_instance(instance_id, "admin", "checking")
    db.session.commit()
    resume_instance(instance_id, "admin", "checked")
    db.session.commit()
    _complete_ready(instance_id, {"note": "after"}, "ann")
    assert _ready(instance_id) == ["step2"]


def test_without_kept_workflows_every_step_rebuilds_and_the_case_runs_the_same(database_url):
    app = make_app(database_url, XINFANG_BPMN_DIR=str(DIAGRAMS), XINFANG_FORMS_DIR=str(DIAGRAMS.parent / "forms"),
                   XINFANG_WORKFLOW_CACHE=0)
    with app.app_context():
        from web.cli import deploy_paths

        deploy_paths([DIAGRAMS], "test")
        db.session.commit()
        instance_id = start_instance("chain", "k-3", {"organ": "X"}, "ann").id
        db.session.commit()
        for n in range(5):
            _complete_ready(instance_id, {"note": str(n)}, "ann")
        assert len(current_engine().workflows) == 0
        assert get_instance(instance_id).status == "completed"
        db.session.remove()
        db.engine.dispose()


def test_looking_at_a_case_leaves_its_workflow_kept_for_the_next_step(ctx):
    from engine.trail import instance_trail

    instance_id = start_instance("chain", "k-4", {"organ": "X"}, "ann").id
    db.session.commit()
    workflows = current_engine().workflows
    assert len(workflows) == 1
    assert instance_trail(instance_id)["chain"].active == ["step1"]
    assert len(workflows) == 1  # still there: the next step does not rebuild it
    _complete_ready(instance_id, {"note": "one"}, "ann")
    assert _ready(instance_id) == ["step2"]
