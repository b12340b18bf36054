"""Completing a task says which case it was done for, as the next page may be the inbox or another case."""
from __future__ import annotations

import re

from tests.web.desk import sign_in, start_chain, task_state


def test_the_completion_message_names_the_case(app, client):
    # It said "已办结：登记信访事项。" whichever of the day's petitions it was.
    task_id = start_chain(app, key="XF-JN-QS-LX-XFJ-2026-000042")
    sign_in(client, "handler")
    client.post(f"/tasks/{task_id}/claim", data={"csrf_token": "t"})
    done = client.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "complete", "note": "ok", "days": "3"},
                       follow_redirects=True)
    assert task_state(app, task_id)[0] == "completed"
    assert re.search(r"已办结：.+（XF-JN-QS-LX-XFJ-2026-000042）。", done.get_data(as_text=True))
    other = start_chain(app, key="XF-JN-QS-LX-XFJ-2026-000043")
    sign_in(client, "handler", lang="en")
    client.post(f"/tasks/{other}/claim", data={"csrf_token": "t"})
    done = client.post(f"/tasks/{other}", data={"csrf_token": "t", "action": "complete", "note": "ok", "days": "3"},
                       follow_redirects=True)
    assert re.search(r"Task completed: .+ \(XF-JN-QS-LX-XFJ-2026-000043\)\.", done.get_data(as_text=True))
