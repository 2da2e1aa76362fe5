"""The cores a batch shares for OCR pages: never more holders than cores, none lost to a
killed holder."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from extract.share_cores import CoreSlots, hold_core


def test_no_more_holders_than_cores(tmp_path: Path) -> None:
    slots = CoreSlots(tmp_path, 2)
    lock = threading.Lock()
    holding = 0
    most = 0

    def page() -> None:
        nonlocal holding, most
        with hold_core(slots):
            with lock:
                holding += 1
                most = max(most, holding)
            time.sleep(0.15)
            with lock:
                holding -= 1

    threads = [threading.Thread(target=page) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert holding == 0
    assert most == 2, "both cores are used, and never a third holder"


def test_a_killed_holder_frees_its_core(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from extract.share_cores import CoreSlots, hold_core\n"
            "with hold_core(CoreSlots(Path(sys.argv[1]), 1)):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(120)\n",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        acquired = threading.Event()

        def page() -> None:
            with hold_core(CoreSlots(tmp_path, 1)):
                acquired.set()

        waiter = threading.Thread(target=page, daemon=True)
        waiter.start()
        assert not acquired.wait(0.5), "the only core is held by the other process"
        holder.kill()
        assert acquired.wait(5), "the core came back when its holder was killed"
    finally:
        holder.kill()
        holder.wait()
