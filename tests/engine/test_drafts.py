"""Drafts: one per file, safe XML only, read before the deployed text, dropped by a deploy."""
from __future__ import annotations

from datetime import timedelta

import pytest

from engine import DeployError, NotFound, current_clock, db
from engine.definitions import MAX_DIAGRAM_BYTES, find_version
from engine.drafts import (
    diagram_text,
    discard_draft,
    file_of,
    find_draft,
    list_drafts,
    process_ids,
    save_draft,
)
from tests.engine.conftest import HERE

CHAIN = (HERE / "diagrams" / "chain.bpmn").read_bytes()


def test_a_draft_is_kept_per_file_and_replaced_by_the_next_save(ctx):
    first = save_draft("chain.bpmn", CHAIN.replace(b"Step two", b"Draft one"), "ann")
    current_clock().advance(timedelta(minutes=5))
    save_draft("chain.bpmn", CHAIN.replace(b"Step two", b"Draft two"), "bob")
    db.session.commit()
    draft = find_draft("chain.bpmn")
    assert draft.id == first.id and "Draft two" in draft.xml and draft.updated_by == "bob"
    assert draft.updated_at == current_clock().now()
    assert [d.file for d in list_drafts()] == ["chain.bpmn"]


def test_the_draft_is_read_before_the_deployed_text_until_it_is_discarded(ctx):
    assert diagram_text("chain.bpmn") == (CHAIN.decode(), "deployed")
    save_draft("chain.bpmn", CHAIN.replace(b"Step two", b"Reworded"), "ann")
    text, origin = diagram_text("chain.bpmn")
    assert origin == "draft" and "Reworded" in text
    assert discard_draft("chain.bpmn") is True and discard_draft("chain.bpmn") is False
    assert diagram_text("chain.bpmn")[1] == "deployed"


def test_a_given_version_is_read_as_it_was_deployed(ctx):
    version = find_version("chain")
    save_draft("chain.bpmn", CHAIN.replace(b"Step two", b"Reworded"), "ann")
    assert diagram_text("chain.bpmn", version) == (CHAIN.decode(), "version")
    with pytest.raises(NotFound):
        diagram_text("child.bpmn", version)
    with pytest.raises(NotFound):
        diagram_text("nowhere.bpmn")


@pytest.mark.parametrize("file, content, words", [
    ("chain.bpmn", b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "b">]><d>&a;</d>', "DOCTYPE"),
    ("chain.bpmn", b"<bpmn:definitions", "not a readable BPMN file"),
    ("chain.bpmn", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not a BPMN 2.0 file"),
    ("chain.bpmn", CHAIN + b"<!--" + b"x" * MAX_DIAGRAM_BYTES + b"-->", "KB"),
    ("../chain.bpmn", CHAIN, "file name"),
    ("chain.xml", CHAIN, "file name"),
])
def test_a_draft_must_be_a_safe_bpmn_file_with_a_plain_name(ctx, file, content, words):
    with pytest.raises(DeployError) as refused:
        save_draft(file, content, "ann")
    assert words in refused.value.message + refused.value.problems[0]["message"]
    assert find_draft(file) is None


def test_a_file_in_another_encoding_is_kept_as_utf8(ctx):
    gbk = CHAIN.replace(b'encoding="UTF-8"', b'encoding="GBK"').replace(b"Step two", "第二步".encode("gbk"))
    save_draft("chain.bpmn", gbk, "ann")
    assert "第二步" in find_draft("chain.bpmn").xml


def test_the_file_of_a_version_is_the_one_holding_its_process(ctx):
    parent = find_version("parent")
    assert sorted(parent.sources) == ["child.bpmn", "parent.bpmn"]
    assert file_of(parent) == "parent.bpmn"
    assert process_ids(CHAIN) == ["chain"]
