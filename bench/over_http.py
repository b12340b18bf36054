"""D: the five-task lifecycle over HTTP against `xinfang run` on SQLite.

Each lifecycle: create an instance, then for each of its five tasks list the instance's tasks and
complete the ready one. Prints lifecycles per second and complete-task p50 / p95 (and p99, max) latency.
Run: python3 bench/over_http.py [LIFECYCLES] [CLIENT_THREADS] [SERVER_PROCESSES]
(`xinfang run --processes N`; without it, the server starts as many as `xinfang run` does on its
own: one per core, up to 4.)
"""
from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import DIAGRAMS, FORMS, percentile  # noqa: E402


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _call(conn, method: str, path: str, token: str, body: dict | None = None):
    conn.request(method, path, body=json.dumps(body) if body is not None else None,
                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    if response.status >= 300:
        raise RuntimeError(f"{method} {path}: {response.status} {data[:200]!r}")
    return json.loads(data)


def _worker(port: int, token: str, count: int, latencies: list[float], offset: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    for n in range(count):
        created = _call(conn, "POST", "/api/v1/instances", token,
                        {"process": "chain", "business_key": f"http-{offset}-{n}", "data": {"organ": "X"}})
        for step in range(5):
            (task,) = _call(conn, "GET", f"/api/v1/tasks?instance={created['id']}", token)
            started = time.perf_counter()
            _call(conn, "POST", f"/api/v1/tasks/{task['id']}/complete", token, {"data": {"note": "ok"}})
            latencies.append(time.perf_counter() - started)
    conn.close()


def main() -> None:
    lifecycles = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    processes = sys.argv[3] if len(sys.argv) > 3 else None
    folder = Path(tempfile.mkdtemp())
    env = {**os.environ, "XINFANG_DATABASE_URL": f"sqlite:///{folder / 'http.sqlite3'}",
           "XINFANG_BPMN_DIR": str(DIAGRAMS), "XINFANG_FORMS_DIR": str(FORMS), "XINFANG_SECRET_KEY": "bench"}
    subprocess.run(["xinfang", "deploy"], env=env, check=True, capture_output=True)
    token = subprocess.run(["xinfang", "create-user", "bench", "--role", "admin", "--print-token"], env=env,
                           check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    port = _free_port()
    chosen = ["--processes", processes] if processes else []
    server = subprocess.Popen(["xinfang", "run", "--port", str(port), *chosen], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)  # waiting for the server process to listen, not for a timer
        warm = [threading.Thread(target=_worker, args=(port, token, 5, [], -1 - i)) for i in range(threads)]
        for worker in warm:  # every server process serves some before the clock starts
            worker.start()
        for worker in warm:
            worker.join()
        latencies: list[float] = []
        per_thread = lifecycles // threads
        workers = [threading.Thread(target=_worker, args=(port, token, per_thread, latencies, i))
                   for i in range(threads)]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        elapsed = time.perf_counter() - started
        done = per_thread * threads
        print(f"HTTP (SQLite, {processes or 'default'} server process(es), {threads} client threads, "
              f"{done} lifecycles): {done / elapsed:.1f} lifecycles/s "
              f"(target >= 30); complete-task p50 {percentile(latencies, 0.5) * 1000:.1f} ms, "
              f"p95 {percentile(latencies, 0.95) * 1000:.1f} ms (target p95 <= 20 ms), "
              f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
