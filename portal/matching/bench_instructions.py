"""`portal bench pages --instructions`: the CPU instructions one request of each page costs,
counted by valgrind (callgrind), on the same throwaway world as the load test. A shared VM's
speed swings by a third between runs, so requests per second cannot tell a 5 % change from
noise; an instruction count is the same on every run of the same code and data.

Method: one process per page serves it through the Flask test client (no gunicorn, no
sockets) under valgrind with instrumentation off, so start-up runs fast: it starts the app,
signs in, requests the page 3 times, freezes the heap (`gc.freeze()`: a collection of the
start-up objects is not the page's cost), switches instrumentation on (callgrind_control),
requests the page once more, and then `repeat` times inside `sys.call_tracing`: the only
stretch valgrind counts (`--toggle-collect`), exactly, whatever the timing of the switch.
Two pages are counted side by side (one per core)."""

import gc
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from .bench_pages import PAGES, PASSWORD, world

WARM = 3
COUNTED = "sys_call_tracing"  # CPython's C function behind sys.call_tracing


def count_page(env: dict, emails: dict, ids: dict, page: str, repeat: int) -> float:
    """Instructions of one request of `page` (a name in bench_pages.PAGES) on a world made
    by bench_pages.world, from `repeat` requests counted in a child process."""
    role, path = next((role, path) for name, role, path in PAGES if name == page)
    child = env | {
        "PYTHONHASHSEED": "0",
        "PORTAL_BENCH_PATH": path.format(**ids),
        "PORTAL_BENCH_EMAIL": emails.get(role, ""),
        "PORTAL_BENCH_PASSWORD": PASSWORD,
    }
    command = [
        "valgrind",
        "--tool=callgrind",
        "--instr-atstart=no",
        "--collect-atstart=no",
        f"--toggle-collect={COUNTED}*",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-m",
        __name__,
        page,
        str(repeat),
    ]
    out = subprocess.run(command, env=child, capture_output=True, text=True, timeout=1800)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if out.returncode or not found:
        tail = "\n".join(out.stderr.splitlines()[-15:])
        raise SystemExit(f"bench pages --instructions: {page} failed:\n{tail}")
    if int(found.group(1)) < 1000 * repeat:
        raise SystemExit(
            f"bench pages --instructions: nothing counted; this Python's library has no "
            f"symbol {COUNTED} (a stripped build?)"
        )
    return int(found.group(1)) / repeat


def run(n: int, repeat: int = 10, seed: int = 1, echo=print) -> str:
    """Returns the summary line; the world is removed afterwards."""
    if not (shutil.which("valgrind") and shutil.which("callgrind_control")):
        raise SystemExit(
            "bench pages --instructions needs valgrind (Debian: apt-get install valgrind)"
        )
    with world(n, seed, echo) as (_folder, env, emails, ids):

        def count(page) -> float:
            name, _role, path = page
            per_request = count_page(env, emails, ids, name, repeat)
            echo(f"page {name:<10} {per_request / 1e6:8.2f} M instructions per request  {path}")
            return per_request

        with ThreadPoolExecutor(2) as pool:
            counts = dict(zip((n for n, _r, _p in PAGES), pool.map(count, PAGES), strict=True))
    parts = " ".join(f"{name}={value / 1e6:.2f}M" for name, value in counts.items())
    return f"instructions n={n} repeat={repeat} {parts}"


def _serve(page: str, repeat: int) -> None:
    """The child: the portal built from the environment, as gunicorn would build it."""
    from portal import create_app

    client = create_app().test_client()
    path, email = os.environ["PORTAL_BENCH_PATH"], os.environ["PORTAL_BENCH_EMAIL"]
    if email:
        form = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
        password = os.environ["PORTAL_BENCH_PASSWORD"]
        signed = client.post(
            "/login", data={"csrf_token": token, "email": email, "password": password}
        )
        if signed.status_code != 302:
            raise SystemExit(f"{page}: sign-in answered {signed.status_code}")
    for _ in range(WARM):
        status = client.get(path).status_code
        if status != 200:
            raise SystemExit(f"{page}: {path} answered {status}")
    gc.collect()
    gc.freeze()
    switch = ["callgrind_control", "--instr=on", str(os.getpid())]
    subprocess.run(switch, stdout=subprocess.DEVNULL, check=True)
    client.get(path)  # the first request with instrumentation on: not counted

    def requests():
        for _ in range(repeat):
            client.get(path)

    sys.call_tracing(requests, ())


if __name__ == "__main__":
    _serve(sys.argv[1], int(sys.argv[2]))
