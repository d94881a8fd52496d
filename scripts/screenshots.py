"""README screenshots, taken from the running app in headless Chromium.

    python scripts/screenshots.py [--out docs/screenshots] [--lang fi|sv|en]

Starts `streamlit run app.py` on 127.0.0.1 with a throwaway database (the spring 2021 round plus
the example scores and feedback, imported as example data so they are labelled
"Esimerkkiaineisto" on screen), opens each page in Debian's Chromium (no network beyond
127.0.0.1) and saves one PNG per page. The map is saved as well but is not committed: it is
drawn from the NLS boundary files, which stay out of git (`.gitignore`).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: (file name, url path, text that shows the page is drawn, extra query)
PAGES = (
    ("kartta", "", "[data-testid='stCustomComponentV1'], iframe", ""),
    ("poydat", "poydat", "[data-testid='stVegaLiteChart']", ""),
    ("yhteyshenkilot", "yhteyshenkilot", "[data-testid='stDataFrame']", ""),
    ("jarjestoystavallisyys", "jarjestoystavallisyys", "[data-testid='stVegaLiteChart']",
     "kierros=esimerkki%3A+kev%C3%A4t+2021"),
    ("foorumi", "foorumi", "[data-testid='stVegaLiteChart']",
     "kierros=esimerkki%3A+kev%C3%A4t+2021&kunta=408"),
    ("muistiot", "muistiot", "[data-testid='stTabs']", ""),
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(tmp: Path) -> dict[str, str]:
    """Environment of a throwaway app with the example data imported as example rows."""
    env = os.environ | {"DATABASE_URL": f"sqlite:///{tmp / 'app.db'}",
                        "KUMPPANUUS_CACHE_DIR": str(tmp / "cache"),
                        "KUMPPANUUS_STAFF_FILE": str(tmp / "staff.toml"),
                        "KUMPPANUUS_UPLOAD_DIR": str(tmp / "uploads")}
    for kind, name in (("scores", "esimerkki_arviot.csv"), ("feedback", "esimerkki_palaute.csv")):
        subprocess.run([sys.executable, "-m", "kumppanuus", "import", kind,
                        str(ROOT / "data" / "example" / name), "--example"], cwd=ROOT, env=env,
                       check=True, capture_output=True)
    return env


def serve(env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return process, url
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"streamlit did not start; see {log}")


def shoot(url: str, out: Path, lang: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    saved = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url
                   else r.abort())
        for name, path, ready, query in PAGES:
            params = "&".join(p for p in (query, "" if lang == "fi" else f"lang={lang}") if p)
            page.goto(f"{url}/{path}" + (f"?{params}" if params else ""))
            page.locator(ready).first.wait_for(timeout=90_000)
            page.wait_for_timeout(2500)  # charts and the map finish drawing
            target = out / (f"{name}.png" if lang == "fi" else f"{name}_{lang}.png")
            page.screenshot(path=str(target))
            saved.append(target)
        browser.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=("fi", "sv", "en"), default="fi")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        process, url = serve(prepare(tmp), tmp / "server.log")
        try:
            for path in shoot(url, args.out, args.lang):
                print(path)
        finally:
            process.terminate()
            process.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
