"""`xinfang run --processes N`: several server processes on one port, kept running by their parent."""
from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from web.serving import default_processes

ROOT = Path(__file__).resolve().parents[2]
XINFANG = (sys.executable, "-c", "from web.cli import main; main()")
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="several server processes need fork()")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> set[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return {int(child) for child in text.split()}


def _until(condition, seconds: float = 20.0):
    """Poll a process-level condition (a server starting or restarting), not a timer."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("the server did not get there in time")


def _get(port: int, path: str, token: str) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


@contextmanager
def _serving(database_url, tmp_path, *options):
    env = {**os.environ, "XINFANG_DATABASE_URL": database_url, "XINFANG_CLOCK": "real",
           "XINFANG_SECRET_KEY": "serving-test"}
    made = subprocess.run([*XINFANG, "create-user", "ops", "--role", "admin",
                           "--print-token"], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    token = made.stdout.strip().splitlines()[-1]
    port = _free_port()
    log = open(tmp_path / "server.log", "w")  # noqa: SIM115  (closed below, after the server)
    server = subprocess.Popen([*XINFANG, "run", "--port", str(port), "--threads", "2", *options],
                              env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        _until(lambda: _answers(port))
        yield server, port, token
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(15)
        log.close()


@pytest.fixture
def served(database_url, tmp_path):
    with _serving(database_url, tmp_path, "--processes", "2") as running:
        yield running


def test_by_default_one_server_process_per_core_serves_with_the_real_clock(database_url, tmp_path):
    cores = len(os.sched_getaffinity(0))
    expected = min(cores, 4)
    assert default_processes("real") == expected
    with _serving(database_url, tmp_path) as (server, port, token):
        if expected > 1:  # one process serves by itself; more are children of the one running the sweep
            _until(lambda: len(_children(server.pid)) == expected)
        assert _get(port, "/api/v1/clock", token)[0] == 200


def test_by_default_a_simulated_clock_or_a_system_without_fork_serves_from_one_process(monkeypatch):
    assert default_processes("simulated") == 1
    monkeypatch.delattr(os, "fork")
    assert default_processes("real") == 1


def test_two_processes_answer_on_one_port_and_a_dead_one_is_replaced(served):
    server, port, token = served
    first = _until(lambda: len(_children(server.pid)) == 2 and _children(server.pid))
    assert all(_get(port, "/api/v1/clock", token)[0] == 200 for _ in range(12))

    killed = next(iter(first))
    os.kill(killed, signal.SIGKILL)
    # The killed one stays listed until its parent has reaped it: wait for the two that serve now.
    replaced = _until(lambda: (now := _children(server.pid)) and killed not in now and len(now) == 2 and now)
    assert len(replaced - first) == 1  # one new process in place of the killed one
    status, body = _get(port, "/api/v1/clock", token)
    assert status == 200 and body["simulated"] is False

    server.send_signal(signal.SIGTERM)
    assert server.wait(15) == 0
    assert not any(Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()
                   for pid in replaced)


@pytest.mark.parametrize("attempt", range(3))
def test_a_stop_while_a_dead_server_is_replaced_still_stops_everything(database_url, tmp_path, attempt):
    # The stop comes the moment the replacement is forked: before the parent had noted it, the
    # replacement missed the stop (or took it with the parent's handler) and the parent waited forever.
    with _serving(database_url, tmp_path, "--processes", "2") as (server, _port, _token):
        first = _until(lambda: len(_children(server.pid)) == 2 and _children(server.pid))
        os.kill(next(iter(first)), signal.SIGKILL)
        deadline = time.monotonic() + 20
        while not (replacement := _children(server.pid) - first):  # no sleep: stop it the moment it is forked
            assert time.monotonic() < deadline, "no server process replaced the killed one"
        server.send_signal(signal.SIGTERM)
        assert server.wait(15) == 0
        assert not any(Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()
                       for pid in replacement)


def test_a_simulated_clock_is_refused_more_than_one_process(tmp_path):
    from web.cli import main

    result = CliRunner().invoke(main, ["run", "--processes", "2"],
                                env={"XINFANG_DATABASE_URL": f"sqlite:///{tmp_path / 'one.sqlite3'}",
                                     "XINFANG_CLOCK": "simulated"})
    assert result.exit_code == 2
    assert "simulated clock lives in one process" in result.output


def _server_saves_a_timer(pipe) -> None:
    tell = pipe.for_server()  # what a server process adds to its engine's timer listeners
    tell(datetime(2026, 10, 9, tzinfo=timezone.utc))
    tell(datetime(2026, 10, 10, tzinfo=timezone.utc))


def test_server_processes_wake_the_parents_sweep_through_a_pipe():
    from web.serving import WakeupPipe

    pipe = WakeupPipe()
    heard: list[datetime] = []
    both = threading.Event()

    def wake(due: datetime) -> None:
        heard.append(due)
        if len(heard) == 2:
            both.set()

    pipe.listen(wake)
    context = multiprocessing.get_context("fork")
    server = context.Process(target=_server_saves_a_timer, args=(pipe,))
    server.start()
    server.join(20)
    assert both.wait(20)
    assert heard == [datetime(2026, 10, 9, tzinfo=timezone.utc), datetime(2026, 10, 10, tzinfo=timezone.utc)]


def _held_connections(pid: int, port: int) -> int:
    """Count the established connections to `port` that process `pid` holds (from /proc)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue  # closed while we looked
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    held = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local_port, state, inode = int(fields[1].rsplit(":", 1)[1], 16), fields[3], fields[9]
            held += local_port == port and state == "01" and inode in inodes  # 01: established
    return held


def test_kept_alive_connections_are_spread_over_the_server_processes(served):
    server, port, token = served
    children = _until(lambda: len(_children(server.pid)) == 2 and _children(server.pid))
    clients = [http.client.HTTPConnection("127.0.0.1", port, timeout=10) for _ in range(4)]
    try:
        for client in clients:  # one after the other, each kept open, as a proxy's pool or API clients keep theirs
            client.request("GET", "/api/v1/clock", headers={"Authorization": f"Bearer {token}"})
            response = client.getresponse()
            assert response.status == 200 and response.getheader("Connection") != "close"
            response.read()
        assert sorted(_held_connections(pid, port) for pid in children) == [2, 2]
    finally:
        for client in clients:
            client.close()


def test_a_server_holding_more_connections_than_another_waits_and_is_woken_when_that_changes():
    from web.least_connections import ConnectionCounts

    counts = ConnectionCounts(2)
    assert counts.may_accept(0, 0)  # the other has not started: its slot never holds the first one back
    assert counts.may_accept(1, 0) and counts.may_accept(0, 0)
    assert not counts.may_accept(0, 1)  # 1 against 0: the other takes the next connection
    woken = os.read(counts.wakeup_pipe(1), 64)
    assert woken  # the other was told that the counts changed
    assert counts.may_accept(1, 0)
    assert counts.may_accept(1, 1) and counts.may_accept(0, 1)  # even again: both listen
    counts.gone(1)  # a server that died holds nobody back until it is replaced
    assert counts.may_accept(0, 3)
    assert os.read(counts.wakeup_pipe(0), 64)
