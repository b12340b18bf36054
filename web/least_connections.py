"""Server processes on one port take new connections in turn: the fewest-held takes the next.

Processes that share a listening socket race to accept each new connection, and the winner keeps
it for as long as the client keeps it alive. A few long-lived connections (a reverse proxy's pool
of kept-alive connections, a handful of API clients) can then all land on one process, whose one
interpreter serves them all while the other cores idle. Here each server process publishes how
many connections it holds, in memory the forked processes share, and listens for new ones only
while it holds no more than the fewest any of them holds: a load balancer's "least connections".

A server decides whether to listen each time its loop turns, which an idle server does only once a
second. So a server whose count changes wakes the others through a pipe each: one that stopped
listening while another held fewer looks again at once, and new connections never wait for it.
"""
from __future__ import annotations

import mmap
import os

from waitress import create_server
from waitress.wasyncore import file_dispatcher

# The slot of a process that is gone: never the fewest, so the others do not wait for it.
GONE = 1 << 62


class ConnectionCounts:
    """One slot per server process: how many connections it holds (or GONE), and its wake-up pipe.

    Made before the servers are forked, so that they share it.
    """

    def __init__(self, slots: int) -> None:
        self._memory = mmap.mmap(-1, 8 * slots)  # anonymous and shared with the forked processes
        self._counts = memoryview(self._memory).cast("q")
        self._wakeups = [os.pipe() for _ in range(slots)]
        for slot, (read, write) in enumerate(self._wakeups):
            self._counts[slot] = GONE
            os.set_blocking(read, False)
            os.set_blocking(write, False)

    def wakeup_pipe(self, slot: int) -> int:
        """The end of a slot's wake-up pipe its server reads."""
        return self._wakeups[slot][0]

    def gone(self, slot: int) -> None:
        """Mark a slot whose process ended (by the parent, before it starts another)."""
        self._publish(slot, GONE)

    def may_accept(self, slot: int, held: int) -> bool:
        """Publish what this slot's process holds; tell whether it is among the fewest-held."""
        if self._counts[slot] != held:
            self._publish(slot, held)
        return held <= min(self._counts)

    def _publish(self, slot: int, held: int) -> None:
        self._counts[slot] = held
        for other, (_read, write) in enumerate(self._wakeups):
            if other != slot:
                try:
                    os.write(write, b"!")
                except BlockingIOError:  # a full pipe: that server has wake-ups waiting already
                    pass


class _WokenUp(file_dispatcher):
    """The read end of a server's wake-up pipe, in its loop: reading it is all there is to do."""

    def handle_read(self) -> None:
        try:
            self.recv(512)
        except BlockingIOError:
            pass

    def writable(self) -> bool:
        return False


def balanced_server(app, sock, threads: int, ident: str, counts: ConnectionCounts, slot: int):
    """Return a waitress server on the shared socket that accepts only in its turn (see above)."""
    server = create_server(app, sockets=[sock], threads=threads, ident=ident)
    _WokenUp(counts.wakeup_pipe(slot), map=server._map)
    listening = server.readable  # waitress's own checks (idle channels, its connection limit)

    def readable() -> bool:
        own_checks = listening()
        return counts.may_accept(slot, len(server.active_channels)) and own_checks

    server.readable = readable
    counts.may_accept(slot, 0)
    return server
