"""Keep each package's zh_CN and en catalogues in step with the strings its code and templates use.

Every part of the web app (`web` itself, `web/portal`, `web/tasks`, …) owns a `translations/`
folder. `xinfang i18n PART` extracts the part's strings, merges them into both catalogues (new
ones empty, for a translator) and compiles the `.mo` files the app reads.
"""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

WEB = Path(__file__).resolve().parent
# Babel names Simplified Chinese of China `zh_Hans_CN`; gettext finds a catalogue only under that
# name (or plain `zh`), so the folder carries the full name, not the shorter `zh_CN`.
CHINESE = "zh_Hans_CN"
LOCALES = (CHINESE, "en")
METHODS = [("**/translations/**", "ignore"), ("**/static/**", "ignore"), ("**.py", "python"),
           ("**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None,
            "pgettext": ((1, "c"), 2), "lazy_pgettext": ((1, "c"), 2)}
# The engine and the petition rules say why they refused in English templates (engine/errors.py,
# processes/errors.py); the core catalogue holds them, taken from the calls that raise each error
# type, so the API and the error pages say them in the reader's language.
REFUSALS = (("engine", "engine.errors.EngineError"), ("processes", "processes.errors.ProcessError"))


def part_dir(part: str) -> Path:
    """Return the folder of a part (`web` is the core)."""
    return WEB if part == "web" else WEB / part


def _sources(part: str) -> list[tuple[str, Path]]:
    base = part_dir(part)
    if part != "web":
        return [("", base)]
    # The core: everything in web/ that is not one of the parts with their own catalogue.
    own = {"portal", "tasks", "admin", "designer", "static", "translations"}
    return [(child.name, child) for child in sorted(base.iterdir())
            if child.is_dir() and child.name not in own and not child.name.startswith("__")] + [(".", base)]


def extract(part: str) -> Catalog:
    """Collect the translatable strings of one part."""
    catalog = Catalog()
    for prefix, folder in _sources(part):
        methods = METHODS if prefix != "." else [("*.py", "python")]
        for filename, lineno, message, comments, context in extract_from_dir(
                folder, method_map=methods, keywords=KEYWORDS,
                options_map={"**.html": {"extensions": "jinja2.ext.i18n"}}):
            if prefix == "." and "/" in filename:
                continue
            catalog.add(message, locations=[(f"{prefix}/{filename}".lstrip("./"), lineno)], context=context)
    if part == "web":
        for package, base in REFUSALS:
            for filename, lineno, message in refusal_templates(package, base):
                catalog.add(message, locations=[(f"{package}/{filename}", lineno)], flags=("python-format",))
    return catalog


def refusal_templates(package: str, base: str) -> list[tuple[str, int, str]]:
    """Return the message templates of the errors a package raises: file, line and text.

    Each call of the package's error type `base`, or of any of its kinds, is read as a call of
    gettext: its first argument is the template.
    """
    root = importlib.import_module(package)
    for found in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        importlib.import_module(found.name)  # so that every kind of error the package defines is known
    module, name = base.rsplit(".", 1)
    names, pending = set(), [getattr(importlib.import_module(module), name)]
    while pending:
        kind = pending.pop()
        names.add(kind.__name__)
        pending.extend(kind.__subclasses__())
    keywords = dict.fromkeys(names)
    return [(filename, lineno, message) for filename, lineno, message, _comments, _context
            in extract_from_dir(root.__path__[0], method_map=[("**.py", "python")], keywords=keywords)]


def _po_path(part: str, locale: str) -> Path:
    return part_dir(part) / "translations" / locale / "LC_MESSAGES" / "messages.po"


def load(part: str, locale: str) -> Catalog:
    """Read a part's catalogue for a locale (empty when missing)."""
    path = _po_path(part, locale)
    if not path.exists():
        return Catalog(locale=locale)
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _move_old_folder(part: str) -> None:
    old = part_dir(part) / "translations" / "zh_CN"
    new = part_dir(part) / "translations" / CHINESE
    if old.is_dir() and not new.exists():
        old.rename(new)


def update(part: str) -> dict[str, list[str]]:
    """Merge new strings into both catalogues, compile them, and return what is untranslated."""
    _move_old_folder(part)
    template = extract(part)
    missing: dict[str, list[str]] = {}
    for locale in LOCALES:
        catalog = load(part, locale)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path = _po_path(part, locale)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, sort_output=True)
        with path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)
        if locale == CHINESE:
            missing["zh_CN"] = [str(m.id) for m in catalog if m.id and not _translated(m)]
    return missing


def _translated(message) -> bool:
    """Tell whether a message has its translation; a plural one needs every form."""
    if isinstance(message.string, (tuple, list)):
        return all(message.string)
    return bool(message.string)


def untranslated(part: str) -> list[str]:
    """Return the strings of a part that have no Chinese translation."""
    template = extract(part)
    catalog = load(part, CHINESE)
    return sorted(str(m.id) for m in template
                  if m.id and not (catalog.get(m.id, m.context) and _translated(catalog.get(m.id, m.context))))
