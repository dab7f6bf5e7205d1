#!/usr/bin/env python3
"""The web page (build-web/, made by tools/web) in a real browser: Debian's
chromium, headless, on software WebGL (SwiftShader), against the native
programs. Serves build-web/ on a loopback port and checks:

  1. screenshots: the default scenario, and the Scenario tab listing a
     malformed text's errors, drawn (viz_png_check: not blank, many colours,
     the two different), kept in OUT/web-default.png and
     OUT/web-scenario-errors.png (README's picture);
  2. determinism: every config the page embeds, run in the page (wasm32),
     gives the trace fingerprint `kafkasim run CONFIG` prints natively
     (x86-64), and index.html#contention opens that config;
  3. loader errors: a malformed scenario run through the page (?load=, which
     index.html hands to window.kafkasim.load, the file picker's path into
     the program) gives exactly the FILE:LINE:COL: error: ... lines
     `kafkasim validate` prints;
  4. interactive mode: a script (one publish, one consumer session) performed
     through the panels in the page ends on the fingerprint kafkasim-explore
     gives for the same script.

The page reports to the console ("kafkasim: KEY VALUE", web/main.cpp);
chromium prints its console on stderr (--enable-logging=stderr), which is
all this reads: no DevTools protocol. Exit 0 pass, 1 fail, 77 skipped
(chromium or emscripten missing, or build-web/ not built, or built from
other sources: tools/web stamps the page with a digest of them).

  usage: browser_test.py --site DIR --kafkasim BIN --explore BIN --png-check BIN
                         --configs DIR --out DIR
         browser_test.py --site DIR --out DIR --bench FRAMES [--load SCENARIO]
           measures the UI's time per frame in the page (on SCENARIO) and prints it
         browser_test.py --site DIR --write-stamp      (tools/web)
"""
import argparse
import functools
import hashlib
import http.server
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

SKIP = 77


def skip(reason):
    """Exit code 77 (ctest: skipped), or a failure when KAFKASIM_WEB_REQUIRED
    is set: CI (.ci/run) has just built the page and must not skip."""
    if os.environ.get("KAFKASIM_WEB_REQUIRED"):
        print(f"FAILED: the page must be tested here (KAFKASIM_WEB_REQUIRED), but {reason}")
        return 1
    print(f"SKIPPED: {reason}")
    return SKIP
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--use-gl=angle", "--use-angle=swiftshader",
                  "--enable-unsafe-swiftshader", "--window-size=1600,900", "--hide-scrollbars",
                  "--no-first-run", "--disable-gpu-sandbox"]
CONSOLE_LINE = re.compile(r'CONSOLE[^"]*"kafkasim: (.*)", source: ')
FINGERPRINT = re.compile(r"fingerprint ([0-9a-f]{16})")

# A scenario with mistakes of several kinds (syntax aside, which stops the
# loader at the first): an unknown key, a bad duration, an unknown actor.
MALFORMED = """name: malformed
seed: 1
brokers:
  - name: b1
    service_time: 5 parsecs
producers:
  - name: p1
    brokers: [b1, b9]
    operations: []
consumers: []
retries: 3
"""

# One publish and one full consumer session on seed.yaml, as in
# viz/tests/script_saved_replays.cmake.
SCRIPT = """at 1.5s publish p1 "Hello world" "message 9"
at 1.6s session c1
at 1.61s pick-broker c1 b2
at 1.62s pick-topic c1 "Hello world"
at 1.63s pick-index c1 4
"""


class Failure(Exception):
    pass


def serve(site):
    """A static server for `site` on a free loopback port, in a thread."""
    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                          ".js": "text/javascript"}

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def page_reports(url, done, timeout_s, out):
    """Opens `url` in headless chromium and collects the page's report lines
    until done(lines) is true; stops the browser and returns them."""
    profile = tempfile.mkdtemp(prefix="kafkasim-chromium-")
    command = ["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", url]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
    lines = []
    log = []
    timer = threading.Timer(timeout_s, process.kill)
    timer.start()
    try:
        for raw in process.stderr:
            log.append(raw)
            match = CONSOLE_LINE.search(raw)
            if match:
                lines.append(match.group(1))
                if done(lines):
                    break
    finally:
        timer.cancel()
        process.kill()
        process.wait()
        shutil.rmtree(profile, ignore_errors=True)
    (out / "chromium.log").open("a").write(f"=== {url}\n" + "".join(log))
    if not done(lines):
        raise Failure(f"{url}: the page did not finish within {timeout_s} s; it reported:\n  " + "\n  ".join(lines) +
                      f"\n(chromium's output: {out / 'chromium.log'})")
    return lines


def native_fingerprint(kafkasim, config):
    result = subprocess.run([kafkasim, "run", str(config)], capture_output=True, text=True)
    match = FINGERPRINT.search(result.stdout)
    if result.returncode != 0 or not match:
        raise Failure(f"kafkasim run {config} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return match.group(1)


def screenshot(url, picture):
    picture.unlink(missing_ok=True)
    profile = tempfile.mkdtemp(prefix="kafkasim-chromium-")
    try:
        subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=10000",
                        f"--screenshot={picture}", url], capture_output=True, text=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if not picture.exists():
        raise Failure(f"chromium wrote no screenshot of {url}")


def check_screenshots(base, png_check, out):
    """The default scenario, and the Scenario tab with a malformed text's
    errors (README's picture): both drawn, and different."""
    default = out / "web-default.png"
    errors = out / "web-scenario-errors.png"
    screenshot(base + "index.html", default)
    screenshot(base + "index.html?load=" + urllib.parse.quote(MALFORMED), errors)
    result = subprocess.run([png_check, str(default), str(errors)], capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"the screenshots are not the viz:\n{result.stdout}{result.stderr}")
    print(f"ok: screenshots of the default scenario and of the Scenario tab ({out}):\n{result.stdout.strip()}")


def check_configs(base, kafkasim, configs, out):
    lines = page_reports(base + "index.html?check=all", lambda lines: any(l.startswith("check-done") for l in lines), 180, out)
    in_page = dict(line.split()[1:3] for line in lines if line.startswith("check "))
    files = sorted(configs.glob("*.yaml"))
    if sorted(in_page) != [f.name for f in files]:
        raise Failure(f"the page embeds {sorted(in_page)}, configs/ holds {[f.name for f in files]}")
    wrong = []
    for config in files:
        native = native_fingerprint(kafkasim, config)
        if in_page[config.name] != native:
            wrong.append(f"{config.name}: page {in_page[config.name]}, native {native}")
    if wrong:
        raise Failure("wasm32 and x86-64 runs differ:\n  " + "\n  ".join(wrong))
    print(f"ok: {len(files)} configs give the native fingerprints in the page")
    # The URL names a config.
    lines = page_reports(base + "index.html#contention", lambda lines: any(l.startswith("fingerprint") for l in lines), 60, out)
    shown = next(l for l in lines if l.startswith("fingerprint")).split()
    native = native_fingerprint(kafkasim, configs / "contention.yaml")
    if shown[1:] != [native, "contention.yaml"]:
        raise Failure(f"index.html#contention showed {shown[1:]}, expected [{native}, contention.yaml]")
    print("ok: index.html#contention opens contention.yaml")


def check_errors(base, kafkasim, out):
    work = pathlib.Path(tempfile.mkdtemp(prefix="kafkasim-web-"))
    (work / "pasted.yaml").write_text(MALFORMED)
    result = subprocess.run([kafkasim, "validate", "pasted.yaml"], cwd=work, capture_output=True, text=True)
    shutil.rmtree(work)
    native = [line for line in result.stderr.splitlines() if ": error: " in line]
    if result.returncode != 2 or len(native) < 2:
        raise Failure(f"kafkasim validate should refuse the malformed scenario with several errors:\n{result.stderr}")
    url = base + "index.html?load=" + urllib.parse.quote(MALFORMED)
    lines = page_reports(url, lambda lines: sum(l.startswith("error ") for l in lines) >= len(native), 60, out)
    in_page = [line[len("error "):] for line in lines if line.startswith("error ")]
    if in_page != native:
        raise Failure("the page's loader errors differ from kafkasim validate's:\n  page:   " + "\n          ".join(in_page) +
                      "\n  native: " + "\n          ".join(native))
    print(f"ok: a malformed scenario gives the {len(native)} error lines kafkasim validate prints, e.g. {native[0]}")


def check_script(base, explore, configs, out):
    work = pathlib.Path(tempfile.mkdtemp(prefix="kafkasim-web-"))
    (work / "script.txt").write_text(SCRIPT)
    result = subprocess.run([explore, str(configs / "seed.yaml"), "--script", str(work / "script.txt")],
                            capture_output=True, text=True)
    shutil.rmtree(work)
    match = FINGERPRINT.search(result.stdout)
    if result.returncode != 0 or not match:
        raise Failure(f"kafkasim-explore failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    url = base + "index.html?script=" + urllib.parse.quote(SCRIPT)
    lines = page_reports(url, lambda lines: any(l.startswith("script-") for l in lines), 120, out)
    ending = next(l for l in lines if l.startswith("script-"))
    if ending != "script-fingerprint " + match.group(1):
        raise Failure(f"the script through the page's panels ended with '{ending}'; kafkasim-explore: fingerprint {match.group(1)}")
    print(f"ok: a publish and a consumer session through the page's panels give kafkasim-explore's fingerprint {match.group(1)}")


def bench(base, frames, scenario, out):
    url = base + f"index.html?bench={frames}"
    if scenario:
        url += "&load=" + urllib.parse.quote(pathlib.Path(scenario).read_text())
    lines = page_reports(url, lambda lines: any(l.startswith("bench ") for l in lines), 900, out)
    for line in lines:
        if line.startswith(("bench ", "heap ", "fingerprint ")):
            print("kafkasim in chromium (SwiftShader):", line)


# What the page is built from: a page older than these is not what the
# native programs it is compared with were built from.
SOURCE_ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGE_SOURCES = ["CMakeLists.txt", "sim", "viz", "web", "configs"]
STAMP = "source-stamp.txt"


def source_stamp():
    digest = hashlib.sha256()
    for top in PAGE_SOURCES:
        root = SOURCE_ROOT / top
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(SOURCE_ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def main():
    parser = argparse.ArgumentParser()
    for option in ["--site", "--kafkasim", "--explore", "--png-check", "--configs", "--out"]:
        parser.add_argument(option, required=option == "--site")
    parser.add_argument("--bench", type=int, default=0)
    parser.add_argument("--load", help="with --bench: the scenario file to play")
    parser.add_argument("--write-stamp", action="store_true", help="(tools/web) record what the page was built from")
    args = parser.parse_args()
    site = pathlib.Path(args.site)
    if args.write_stamp:
        (site / STAMP).write_text(source_stamp() + "\n")
        return 0
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "chromium.log").write_text("")
    for program, package in (("chromium", "chromium"), ("emcc", "emscripten")):
        if shutil.which(program) is None:
            return skip(f"{program} is not installed (tools/web installs {package})")
    missing = [name for name in ("index.html", "kafkasim.js", "kafkasim.wasm") if not (site / name).exists()]
    if missing:
        return skip(f"{site} has no {', '.join(missing)} (build the page with tools/web)")
    stamp = site / STAMP
    if not stamp.exists() or stamp.read_text().strip() != source_stamp():
        return skip(f"{site} was built from other sources than these (run tools/web again)")
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    start = time.monotonic()
    try:
        if args.bench:
            bench(base, args.bench, args.load, out)
            return 0
        check_screenshots(base, args.png_check, out)
        check_configs(base, args.kafkasim, pathlib.Path(args.configs), out)
        check_errors(base, args.kafkasim, out)
        check_script(base, args.explore, pathlib.Path(args.configs), out)
    except Failure as failure:
        print(f"FAILED: {failure}")
        return 1
    finally:
        server.shutdown()
    print(f"web page: every check passed in {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
