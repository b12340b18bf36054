"""Serve the app on waitress, from one process or from several that share one listening socket.

One Python process runs one request at a time on the CPU (its threads share the interpreter
lock). Under load, a second process serves on the second core. Each process keeps its own live
workflows; a step that lands in another process rebuilds the workflow from the saved state, which
the lock version always makes safe. The parent process forks the servers, runs the timer sweep and
starts a server again if one dies. The servers take new connections in turn, the one holding the
fewest first (web/least_connections.py). A server that saves a new earliest timer tells the
parent's sweep through a pipe, so the timer fires on time wherever it was written.
"""
from __future__ import annotations

import gc
import logging
import os
import signal
import socket
import sys
import threading
from datetime import datetime
from typing import Callable

from flask import Flask
from waitress import serve

from engine import db

from .least_connections import ConnectionCounts, balanced_server

log = logging.getLogger(__name__)
IDENT = "xinfang"
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
# What the parent of several servers waits for (POSIX only, as forking them is).
WATCHED = STOP_SIGNALS | ({signal.SIGCHLD} if hasattr(signal, "SIGCHLD") else set())
MOST_BY_DEFAULT = 4  # beyond this, a server is better sized by hand (and fronted by a reverse proxy)


def default_processes(clock: str) -> int:
    """Return how many server processes `xinfang run` starts when not told: one per core it may use.

    A simulated clock lives in one process, and forking needs a POSIX system: then one.
    """
    if clock == "simulated" or not hasattr(os, "fork"):
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(MOST_BY_DEFAULT, cores))


def settle_start_up() -> None:
    """Set aside what start-up made (modules, the app, its settings) before serving.

    Python's full garbage collection walks every object it tracks; the live workflows kept between
    steps make that a pause of tens of milliseconds. Frozen objects are not walked again (and
    forked servers then share them with their parent instead of copying them).
    """
    gc.collect()
    gc.freeze()


def serve_here(app: Flask, host: str, port: int, threads: int) -> None:
    """Serve in this process until it is stopped."""
    settle_start_up()
    serve(app, host=host, port=port, threads=threads, ident=IDENT)


def listening_socket(host: str, port: int) -> socket.socket:
    """Bind and listen on host:port, for the server processes to share."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    return sock


class WakeupPipe:
    """Due times of new timers, from the server processes to the process that runs the sweep."""

    def __init__(self) -> None:
        self._read, self._write = os.pipe()

    def send(self, due: datetime) -> None:
        """Tell the sweep (in a server process). A full pipe drops the news: the sweep's idle look
        finds the timer anyway."""
        try:
            os.write(self._write, due.isoformat().encode() + b"\n")  # one short write: never interleaved
        except BlockingIOError:
            log.warning("the timer sweep did not keep up with wake-ups; it will find the timer when it looks")

    def for_server(self) -> Callable[[datetime], None]:
        """Return the listener a server process adds to its engine (after the fork)."""
        os.close(self._read)
        os.set_blocking(self._write, False)
        return self.send

    def listen(self, wake: Callable[[datetime], None]) -> threading.Thread:
        """Call `wake` with each due time the servers send (in the sweep's process)."""

        def read() -> None:
            with os.fdopen(self._read, "rb") as stream:
                for line in stream:
                    try:
                        wake(datetime.fromisoformat(line.decode().strip()))
                    except ValueError:
                        log.warning("ignored a malformed wake-up %r", line)

        thread = threading.Thread(target=read, name="xinfang-wakeups", daemon=True)
        thread.start()
        return thread


class ServerProcesses:
    """Fork `count` waitress servers on one socket and keep them running until told to stop."""

    def __init__(self, app: Flask, sock: socket.socket, count: int, threads: int,
                 wakeups: WakeupPipe | None = None) -> None:
        self.app, self.sock, self.count, self.threads = app, sock, count, threads
        self.wakeups = wakeups
        self.children: dict[int, int] = {}  # process id -> its slot in the connection counts
        self.connections = ConnectionCounts(count)
        self.stopping = False
        self._open_mask: set[int] = set()  # the signal mask before start(), which each server restores

    def _spawn(self, slot: int) -> None:
        pid = os.fork()
        if pid != 0:
            self.children[pid] = slot
            return
        self._serve(slot)

    def _serve(self, slot: int) -> None:
        """Run one server process (in the child of a fork); never returns."""
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends a server at once, as a stop does
            signal.pthread_sigmask(signal.SIG_SETMASK, self._open_mask)  # a stop sent meanwhile ends it now
            with self.app.app_context():  # the parent's pooled connections stay the parent's
                db.engine.dispose(close=False)
            if self.wakeups is not None:
                self.app.extensions["xinfang_engine"].timer_listeners.append(self.wakeups.for_server())
            logging.basicConfig()
            server = balanced_server(self.app, self.sock, self.threads, IDENT, self.connections, slot)
            server.print_listen("Serving on http://{}:{}")
            server.run()
        finally:
            os._exit(0)

    def start(self) -> None:
        """Fork the servers. From here on, a stop and a server's end wait, blocked, for `watch`.

        The parent takes them in turn instead of in a handler: a handler's stop could fall between
        two steps of starting a server again, and Python runs a handler only in the main thread,
        which a stop that reached another thread (the sweep's) did not wake from its wait. Both
        left a server running and the parent waiting forever. Threads started after this (the
        sweep's) keep them blocked too.
        """
        self._open_mask = signal.pthread_sigmask(signal.SIG_BLOCK, WATCHED)
        settle_start_up()
        for slot in range(self.count):
            self._spawn(slot)

    def stop(self) -> None:
        """Stop every server process."""
        self.stopping = True
        for pid in list(self.children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                self.children.pop(pid, None)

    def watch(self) -> None:
        """Wait on the servers; start one again when it dies, until a stop signal comes."""
        while self._reap():
            if signal.sigwait(WATCHED) in STOP_SIGNALS and not self.stopping:
                self.stop()
        sys.stdout.flush()

    def _reap(self) -> bool:
        """Note every server that ended (starting another unless stopping); tell whether any is left."""
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return False
            if pid == 0:
                return True  # the others still serve
            slot = self.children.pop(pid, None)
            if slot is None:
                continue  # not one of the servers
            self.connections.gone(slot)  # the others stop waiting for its turn at once
            if not self.stopping:
                log.warning("server process %s ended (status %s); starting another", pid, status)
                self._spawn(slot)
        return False
