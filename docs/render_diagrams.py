"""Draw every diagram of bpmn/ to docs/diagrams/<name>.png with the app's own bpmn-js viewer.

Run after changing a diagram: python3 docs/render_diagrams.py (needs Debian's chromium and the
test extras: `sh tests/install.sh`).
"""
from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "web" / "static" / "vendor"
OUT = ROOT / "docs" / "diagrams"
PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
html, body, #canvas { margin: 0; width: 1800px; height: 900px; background: #fff; }
</style></head><body><div id="canvas"></div></body></html>"""


def render(page, xml: str, target: Path) -> None:
    """Import one diagram, fit it to the canvas, and save a picture of it."""
    page.evaluate("""async (xml) => {
        document.getElementById('canvas').innerHTML = '';
        const viewer = new XinfangViewer.NavigatedViewer({container: '#canvas',
            moddleExtensions: {camunda: XinfangViewer.camundaModdle}});
        await viewer.importXML(xml);
        viewer.get('canvas').zoom('fit-viewport', 'auto');
    }""", xml)
    page.locator("#canvas").screenshot(path=str(target))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1800, "height": 900})
        page.set_content(PAGE)
        for css in ("diagram-js.css", "bpmn-js.css"):
            page.add_style_tag(path=str(VENDOR / "css" / css))
        page.add_script_tag(path=str(VENDOR / "xinfang-viewer.js"))
        for path in sorted((ROOT / "bpmn").glob("*.bpmn")):
            render(page, path.read_text(encoding="utf-8"), OUT / f"{path.stem}.png")
            print(json.dumps({"diagram": path.name, "picture": f"docs/diagrams/{path.stem}.png"}))
        browser.close()


if __name__ == "__main__":
    main()
