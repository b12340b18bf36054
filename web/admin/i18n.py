"""The console's words: its own catalogue first, then the app's shared one.

Every part's catalogue is also merged into the app's shared one, where a word another part
translates differently ("Suspended", "Error") wins or loses by load order. The console reads its
own catalogue (web/admin/translations) first, so its pages read as written there; words it does
not have (the layout's, the sign-in's) come from the shared catalogue as on every other page.
"""
from __future__ import annotations

from pathlib import Path

from flask_babel import Domain, LazyString, get_translations

DOMAIN = Domain(translation_directories=[str(Path(__file__).resolve().parent / "translations")])


def gettext(string: str, **variables) -> str:
    """Translate with the console's catalogue, else the shared one; fill in %(name)s variables."""
    own = DOMAIN.get_translations()
    catalog = own if string in getattr(own, "_catalog", {}) else get_translations()
    text = catalog.ugettext(string)
    return text % variables if variables else text


def lazy_gettext(string: str, **variables) -> LazyString:
    """Translate when the text is used (module-level labels), as `gettext` does."""
    return LazyString(gettext, string, **variables)
