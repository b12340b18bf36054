"""Registration and document numbers, and query codes."""
import threading

import pytest

from engine.db import db
from processes.numbering import (
    QUERY_ALPHABET,
    document_number,
    hash_query_code,
    new_query_code,
    query_code_matches,
    registration_number,
)


def test_registration_numbers_count_per_organ_and_year(app):
    assert registration_number("JN-QS-LX-XFJ", 2026) == "XF-JN-QS-LX-XFJ-2026-000001"
    assert registration_number("JN-QS-LX-XFJ", 2026) == "XF-JN-QS-LX-XFJ-2026-000002"
    assert registration_number("JN-QS-XFJ", 2026) == "XF-JN-QS-XFJ-2026-000001"
    assert registration_number("JN-QS-LX-XFJ", 2027) == "XF-JN-QS-LX-XFJ-2027-000001"
    db.session.commit()
    assert registration_number("JN-QS-LX-XFJ", 2026) == "XF-JN-QS-LX-XFJ-2026-000003"


def test_document_numbers_count_per_kind(app):
    assert document_number("CL", "JN-QS-LX-RSJ", 2026) == "CL-JN-QS-LX-RSJ-2026-0001"
    assert document_number("SL", "JN-QS-LX-RSJ", 2026) == "SL-JN-QS-LX-RSJ-2026-0001"
    assert document_number("CL", "JN-QS-LX-RSJ", 2026) == "CL-JN-QS-LX-RSJ-2026-0002"


def test_a_rolled_back_intake_gives_its_number_back(app):
    registration_number("JN-QS-LX-XFJ", 2026)
    db.session.rollback()
    assert registration_number("JN-QS-LX-XFJ", 2026) == "XF-JN-QS-LX-XFJ-2026-000001"


def test_query_codes_have_no_look_alikes_and_are_stored_hashed():
    codes = {new_query_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 8 and set(code) <= set(QUERY_ALPHABET) for code in codes)
    assert not set("0O1IL5S2Z8B") & set(QUERY_ALPHABET)
    code = new_query_code()
    stored = hash_query_code("XF-JN-2026-000001", code)
    assert code not in stored
    assert query_code_matches("XF-JN-2026-000001", code.lower(), stored)
    assert query_code_matches("XF-JN-2026-000001", f"{code[:4]}-{code[4:]}", stored)
    assert not query_code_matches("XF-JN-2026-000002", code, stored)  # salted by the number
    assert not query_code_matches("XF-JN-2026-000001", code, None)


@pytest.mark.parametrize("app", ["postgresql"], indirect=True)
def test_concurrent_intakes_never_share_a_number_on_postgresql(app):
    taken: list[str] = []
    errors: list[Exception] = []
    barrier = threading.Barrier(4)

    def take_numbers():
        with app.app_context():
            try:
                barrier.wait()
                for _ in range(10):
                    taken.append(registration_number("JN-QS-LX-XFJ", 2026))
                    db.session.commit()
            except Exception as exc:  # noqa: BLE001  (reported below: a thread cannot fail the test)
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=take_numbers) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(taken) == 40 and len(set(taken)) == 40
    assert max(taken) == "XF-JN-QS-LX-XFJ-2026-000040"
