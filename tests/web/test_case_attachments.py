"""The case page lists a petition's attachments with sizes a person reads at a glance."""
from __future__ import annotations

from io import BytesIO

from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.test_tasks_intake import _visit

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


def test_each_attachment_is_sized_in_fitting_units(app):
    client = app.test_client()
    sign_in(client, "registrar")
    files = [(BytesIO(b"%PDF-1.4 letter"), "来信.pdf"), (BytesIO(b"x" * 3000), "照片.jpg")]
    done = client.post("/tasks/intake", data=_visit(attachments=files), content_type="multipart/form-data")
    assert done.status_code == 302, done.get_data(as_text=True)[:2000]
    page = client.get(done.headers["Location"]).get_data(as_text=True)
    assert '来信.pdf</a> <span class="small muted">(15 B)</span>' in page  # was "(0.0 KB)"
    assert '照片.jpg</a> <span class="small muted">(2.9 KB)</span>' in page
