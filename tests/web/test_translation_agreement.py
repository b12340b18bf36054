"""The parts' catalogues are merged at run time: one English text must have one Chinese text."""
from __future__ import annotations

from collections import defaultdict

from web.i18n_catalogs import CHINESE, WEB, load

PARTS = ["web"] + sorted(p.parent.name for p in WEB.glob("*/translations") if p.is_dir())


def test_a_text_shared_by_parts_is_translated_the_same_everywhere():
    # A text said in a context (pgettext) is another entry at run time: it is keyed with its context.
    seen: dict[tuple[str | None, str], dict[str, str]] = defaultdict(dict)
    for part in PARTS:
        for message in load(part, CHINESE):
            if message.id and message.string:
                seen[(message.context, str(message.id))][part] = str(message.string)
    disagreements = {text: found for text, found in seen.items() if len(set(found.values())) > 1}
    assert disagreements == {}
