"""Every part of the web app speaks complete Chinese; the compiled catalogues match their sources."""
from __future__ import annotations

import pytest
from babel.messages.mofile import read_mo

from web.i18n_catalogs import LOCALES, WEB, load, part_dir, untranslated

PARTS = ["web"] + sorted(p.parent.name for p in WEB.glob("*/translations") if p.is_dir())


@pytest.mark.parametrize("part", PARTS)
def test_every_string_has_a_chinese_translation(part):
    assert untranslated(part) == []


@pytest.mark.parametrize("part", PARTS)
def test_compiled_catalogues_match_their_sources(part):
    for locale in LOCALES:
        source = {_key(m.id): _key(m.string) for m in load(part, locale) if m.id and _said(m.string)}
        mo_path = part_dir(part) / "translations" / locale / "LC_MESSAGES" / "messages.mo"
        with mo_path.open("rb") as handle:
            compiled = {_key(m.id): _key(m.string) for m in read_mo(handle) if m.id}
        assert {k: v for k, v in compiled.items() if _said(v)} == source, \
            f"run `xinfang i18n {part}` to compile {locale}"


def _key(text):
    # A plural entry is a tuple in a .po file and a list in a .mo file.
    return tuple(text) if isinstance(text, (list, tuple)) else text


def _said(text) -> bool:
    return any(text) if isinstance(text, (list, tuple)) else bool(text)
