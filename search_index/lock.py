"""The one-writer lock: an flock on a file in the index folder, shared by every process and
thread on the host. The kernel releases it when its holder dies, so a killed writer never
leaves a lock behind that blocks the next one. A forked child shares its parent's lock (the
same open file), so rebuild workers drop their copy (`forget_inherited`): the lock then goes
with the parent, whatever the children still do."""

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path

_held: set[int] = set()  # descriptors of the locks this process holds


@contextmanager
def writer_lock(path: Path, timeout: float):
    """Yield True while holding the lock, or False when `timeout` seconds passed without it
    (the caller then skips its work: the next sync will do it). A timeout of 0 never waits."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    yield False
                    return
                time.sleep(0.02)
        _held.add(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())  # who holds it, for people reading the folder
        try:
            yield True
        finally:
            _held.discard(fd)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def forget_inherited() -> None:
    """In a forked child: close the copies of the parent's lock descriptors without
    unlocking (closing a copy leaves the parent's lock in place)."""
    for fd in list(_held):
        os.close(fd)
    _held.clear()
