"""A writer killed in the middle of its work loses nothing it reported as saved."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from guardian.storage.checks import CheckStore
from guardian.storage.database import open_database

ROOT = Path(__file__).resolve().parents[2]

# Builds check number n the same way in the writer and in the test.
RECORD_CODE = """
from datetime import datetime, timedelta, timezone
from guardian.core.records import CheckRecord

def make(n):
    start = datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=n)
    return CheckRecord(
        kind="text",
        started_at=start,
        updated_at=start,
        caller_number=f"+86 170 {n:08d}",
        answers={f"signal_{n}": "yes", "urgency": "unsure"},
        signals=[f"signal_{n}"],
        text=f"第{n}条短信：" + "请转账到安全账户。" * (n % 40 + 1),
        lang="zh",
    )

def finish(record, n):
    record.status = "finished"
    record.level = "high"
    record.actions = [{"action": "called", "who": f"family {n}"}]
    return record
"""

WRITER_CODE = (
    RECORD_CODE
    + """
import sys
from pathlib import Path
from guardian.storage.checks import CheckStore
from guardian.storage.database import open_database

store = CheckStore(open_database(Path(sys.argv[1])))
n = 0
while True:
    n += 1
    record = make(n)
    check_id = store.save(record)            # insert, in progress
    store.save(finish(record, n))            # update in place, finished
    print(check_id, n, flush=True)
"""
)

REPORTED_BEFORE_KILL = 300


def test_every_reported_check_survives_a_killed_writer(tmp_path: Path) -> None:
    path = tmp_path / "guardian.db"
    stderr_path = tmp_path / "writer.err"
    with stderr_path.open("wb") as stderr:
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER_CODE, str(path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
        assert writer.stdout is not None
        reported: list[str] = []
        try:
            while len(reported) < REPORTED_BEFORE_KILL:
                line = writer.stdout.readline()
                assert line, f"writer stopped early: {stderr_path.read_text()}"
                reported.append(line)
            writer.kill()
            # Lines written before the kill are still in the pipe: they count too.
            reported.extend(writer.stdout.readlines())
        finally:
            writer.kill()
            writer.wait()
            writer.stdout.close()
    if os.name == "posix":
        assert writer.returncode == -signal.SIGKILL

    namespace: dict[str, object] = {}
    exec(RECORD_CODE, namespace)
    make, finish = namespace["make"], namespace["finish"]

    committed = [line.split() for line in reported if line.endswith("\n")]
    assert len(committed) >= REPORTED_BEFORE_KILL
    db = open_database(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        store = CheckStore(db)
        for check_id_text, n_text in committed:
            check_id, n = int(check_id_text), int(n_text)
            expected = finish(make(n), n)  # type: ignore[operator]
            expected.id = check_id
            assert store.get(check_id) == expected
        # Anything written after the last report is either whole or absent.
        assert store.count() in (len(committed), len(committed) + 1)
    finally:
        db.close()
