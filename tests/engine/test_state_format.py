"""The saved state: task data kept once per distinct value, and states of the earlier format still load."""
from __future__ import annotations

import json
import zlib
from datetime import date
from enum import Enum
from uuid import UUID

import pytest
from SpiffWorkflow.util.task import TaskState

from engine import current_engine, db
from engine.definitions import specs_by_id
from engine.instances import get_instance, start_instance
from engine.state_compression import decompress
from engine.store import STATE_FORMAT, dump_state, load_state
from engine.tasks import TaskQuery, complete_task, list_tasks


def _plain(blob: bytes) -> dict:
    return json.loads(decompress(blob))


def _all_tasks(dct: dict) -> list[dict]:
    return [*dct["tasks"].values(), *(task for sub in dct["subprocesses"].values() for task in sub["tasks"].values())]


def _walk(key: str, steps: int, **data) -> int:
    """Start a case of the parent diagram (it calls a child process) and take `steps` steps."""
    instance_id = start_instance("parent", key, {"organ": "ORG-1", **data}, "ann").id
    db.session.commit()
    for _ in range(steps):
        (task, *_others), _total = list_tasks(TaskQuery(instance=instance_id))
        complete_task(task.id, {"note": "done"}, "ann")
        db.session.commit()
    db.session.expunge_all()
    return instance_id


def _format_1(blob: bytes) -> bytes:
    """The same state as an earlier release saved it: every task with its data inline."""
    dct = _plain(blob)
    pool = dct.pop("data_pool")
    for task in _all_tasks(dct):
        task["data"] = json.loads(pool[task["data"]])
    dct["state_format"] = 1
    return zlib.compress(json.dumps(dct).encode())


def _load(blob: bytes, definition_id: int):
    return load_state(blob, *specs_by_id(definition_id), current_engine().script_engine)


def test_each_distinct_task_data_is_saved_once(ctx):
    instance = get_instance(_walk("pool-1", 2), with_state=True)
    saved = _plain(instance.state)
    tasks = _all_tasks(saved)
    assert saved["state_format"] == STATE_FORMAT == 2
    assert len(set(saved["data_pool"])) == len(saved["data_pool"]) < len(tasks)
    assert sorted({task["data"] for task in tasks}) == list(range(len(saved["data_pool"])))


def test_a_state_saved_in_the_earlier_format_loads_the_same_and_the_case_goes_on(ctx):
    instance_id = _walk("pool-2", 1)
    instance = get_instance(instance_id, with_state=True)
    now = instance.state
    workflow = _load(_format_1(now), instance.definition_id)
    assert _plain(dump_state(workflow)) == _plain(now)

    instance.state = _format_1(now)  # as the row was left by the earlier release
    db.session.commit()
    db.session.expunge_all()
    (task, *_others), _total = list_tasks(TaskQuery(instance=instance_id))
    complete_task(task.id, {"note": "done"}, "ann")
    db.session.commit()
    assert _plain(get_instance(instance_id, with_state=True).state)["state_format"] == 2


def test_a_state_is_saved_with_zstandard_and_one_saved_with_zlib_still_loads(ctx):
    instance = get_instance(_walk("pool-zlib", 1), with_state=True)
    assert instance.state[:4] == b"\x28\xb5\x2f\xfd"  # a Zstandard frame
    as_zlib = zlib.compress(decompress(instance.state), 1)
    assert len(instance.state) < len(as_zlib)
    workflow = _load(as_zlib, instance.definition_id)
    assert _plain(dump_state(workflow)) == _plain(instance.state)


def test_a_waiting_tasks_data_is_its_own_after_loading(ctx):
    instance = get_instance(_walk("pool-3", 1, people=[{"name": "周丽"}]), with_state=True)
    workflow = _load(instance.state, instance.definition_id)
    (ready,) = workflow.get_tasks(state=TaskState.READY)
    others = [task for task in workflow.get_tasks() if task is not ready and "people" in task.data]
    assert len(others) > 2
    ready.data["people"][0]["name"] = "王强"  # what a script may do to the case it works on
    ready.data["organ"] = "ORG-2"
    assert all(task.data["people"] == [{"name": "周丽"}] and task.data["organ"] == "ORG-1" for task in others)


def test_values_that_are_not_plain_json_come_back_as_they_were_saved(ctx):
    from datetime import datetime, timezone

    instance = get_instance(_walk("pool-4", 1), with_state=True)
    workflow = _load(instance.state, instance.definition_id)
    odd = {"heard_on": date(2026, 10, 8), "at": datetime(2026, 10, 8, 9, 30, tzinfo=timezone.utc),
           "parties": [{"name": "周丽", "since": date(2025, 3, 1)}], "count": 3}
    (ready,) = workflow.get_tasks(state=TaskState.READY)
    ready.data.update(odd)
    workflow.data.update(odd)
    again = _load(dump_state(workflow), instance.definition_id)
    (ready_again,) = again.get_tasks(state=TaskState.READY)
    assert {key: ready_again.data[key] for key in odd} == odd
    assert {key: again.data[key] for key in odd} == odd
    assert type(ready_again.data["parties"][0]["since"]) is date
    assert dump_state(again) == dump_state(workflow)  # saved again, the same bytes


def test_a_uuid_comes_back_a_uuid_and_text_that_looks_like_one_comes_back_text(ctx):
    instance = get_instance(_walk("pool-6", 1), with_state=True)
    workflow = _load(instance.state, instance.definition_id)
    number = UUID("0f6c2a8e-3b7d-4c1e-9a5f-2d8b7e6c4a10")
    (ready,) = workflow.get_tasks(state=TaskState.READY)
    ready.data.update({"document": number, "document_text": str(number), "pair": ("a", 1)})
    again = _load(dump_state(workflow), instance.definition_id)
    (ready_again,) = again.get_tasks(state=TaskState.READY)
    assert ready_again.data["document"] == number and type(ready_again.data["document"]) is UUID
    assert ready_again.data["document_text"] == str(number)
    assert ready_again.data["pair"] == ["a", 1]  # JSON has lists only, as before


class _Channel(Enum):
    ONLINE = "online"


@pytest.mark.parametrize("odd", [
    {"case": {"typename": "mine", "n": [1, 2.5, None, True]}, "channel": _Channel.ONLINE, "id": UUID(int=7),
     "text": "00000000-0000-0000-0000-000000000007", "on": date(2026, 10, 8), "pair": (1, "二")},
    {"big": 2 ** 70, "nested": [{"deep": {"deeper": ["周丽", 1e300]}}]},  # orjson refuses, the library writes it
], ids=["converted-values", "beyond-orjson"])
def test_a_state_is_saved_byte_for_byte_as_walking_every_value_saves_it(ctx, monkeypatch, odd):
    import engine.store as store

    instance = get_instance(_walk(f"pool-7-{len(odd)}", 1), with_state=True)
    workflow = _load(instance.state, instance.definition_id)
    (ready,) = workflow.get_tasks(state=TaskState.READY)
    ready.data.update(odd)
    workflow.data.update(odd)
    fast = dump_state(workflow)
    for task in workflow.get_tasks():
        store.forget_saved(task)
    monkeypatch.setattr(store, "_plain_json", lambda value: None)  # every value through the registry
    assert dump_state(workflow) == fast
