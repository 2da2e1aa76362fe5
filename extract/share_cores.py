"""A budget of CPU cores shared by the processes of a batch, for OCR pages.

Each core is a lock file in one folder; holding the file's exclusive `flock` is holding the
core. The kernel drops a lock when the process holding it dies, so a worker killed in the
middle of a page (a timeout, a crash) never takes a core away from the rest of the batch,
which a semaphore would.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CoreSlots:
    """`count` cores that every process given the same `folder` shares."""

    folder: Path
    count: int


@contextmanager
def hold_core(slots: CoreSlots | None, poll_s: float = 0.02) -> Iterator[None]:
    """Hold one core of `slots` for the body of the `with` block; wait while all are held.

    `None` holds nothing (a single document: its thread pool is the only bound). The wait
    polls, since a page's OCR takes seconds and a waiting thread is woken in `poll_s`.
    """
    if slots is None:
        yield
        return
    while True:
        for core in range(max(slots.count, 1)):
            handle = os.open(slots.folder / f"core-{core}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(handle)
                continue
            try:
                yield
            finally:
                os.close(handle)
            return
        time.sleep(poll_s)
