"""Each of the web app's shared modules can be imported first, on its own, as a script or a
newcomer's shell would: none of them starts an import cycle with the parts that use it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

IMPORT_EACH_FIRST = """
import importlib, pkgutil, sys
import web
names = [m.name for m in pkgutil.iter_modules(web.__path__, "web.") if not m.ispkg]
for name in names:
    for loaded in [n for n in sys.modules if n.split(".")[0] in ("engine", "processes", "web")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:
        print(f"{name}: {type(exc).__name__}: {exc}")
print(f"{len(names)} modules")
"""


def test_every_shared_module_of_the_web_app_imports_on_its_own():
    done = subprocess.run([sys.executable, "-c", IMPORT_EACH_FIRST], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[:-1] == [], "\n".join(lines[:-1])
    assert int(lines[-1].split()[0]) >= 20  # web/step_words.py, web/deadline_words.py, web/i18n.py, …
