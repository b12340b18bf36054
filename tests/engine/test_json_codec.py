"""Saved JSON: the same text the standard library writes, and everything it could read still reads."""
from __future__ import annotations

import json
import math

from engine.json_codec import dump, dump_text, load


def _standard(value) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def test_case_data_is_written_byte_for_byte_as_the_standard_library_writes_it():
    data = {"request": "请求责令青山建材有限公司支付拖欠的工资三万元。", "amount": 30000, "share": 0.25,
            "petitioners": [{"name": "周丽", "phone": "13800000001"}], "late": False, "reply": None,
            "quote": 'he said "pay" \\ now\n'}
    assert dump(data) == _standard(data)
    assert load(dump(data)) == data and dump_text(data) == _standard(data).decode()


def test_what_orjson_refuses_is_written_as_before():
    data = {1: "a key that is a number", "big": 2**70}
    assert dump(data) == _standard(data)
    assert load(dump(data)) == {"1": "a key that is a number", "big": 2**70}


def test_a_state_written_with_nan_by_the_standard_library_still_loads():
    loaded = load(_standard({"ratio": float("nan"), "limit": float("inf")}))
    assert math.isnan(loaded["ratio"]) and loaded["limit"] == float("inf")


def test_a_bare_date_is_refused_not_turned_into_text():
    import pytest
    from datetime import date

    with pytest.raises(TypeError):
        dump({"heard_on": date(2026, 10, 8)})  # the type registry saves dates (engine/store.py)


def test_a_default_turns_other_values_into_text_as_json_dumps_would():
    from datetime import date, datetime, timedelta, timezone

    value = {"due": datetime(2026, 10, 9, 0, 0, tzinfo=timezone(timedelta(hours=8))), "day": date(2026, 10, 8)}
    assert load(dump(value, default=lambda v: v.isoformat())) == {"due": "2026-10-09T00:00:00+08:00",
                                                                   "day": "2026-10-08"}
