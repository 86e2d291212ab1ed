"""Files that are not what they seem: FIFOs, devices, read-only files, netrack's own copies.
Nothing hangs, nothing is read without a bound, and nothing is replaced that should not be."""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from netrack.store import Store
from netrack.store.backups import backup_folder
from tests.conftest import netrack_command


def _run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    """netrack in a child with a time limit and at most 1 GB of memory: a read that never
    ends fails the test instead of the machine."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        netrack_command(*args, "--db", str(db)),
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=limit_memory,
        env={**os.environ, "NETRACK_DB": str(db)},
    )


@pytest.mark.parametrize(
    "args", [("log",), ("give", "Dana Lee", "deck"), ("doctor",), ("doctor", "--repair")]
)
def test_a_data_file_that_is_a_fifo_is_refused_at_once(tmp_path: Path, frozen, args) -> None:
    db = tmp_path / "netrack.json"
    os.mkfifo(db, 0o600)
    result = _run(*args, db=db)
    assert result.returncode == 1, result.stderr
    message = result.stdout if args[0] == "doctor" else result.stderr
    assert "it is a FIFO (named pipe), not a regular file" in message
    assert stat.S_ISFIFO(os.lstat(db).st_mode), "left as it was"


def test_a_data_file_that_is_a_device_is_never_read(tmp_path: Path, frozen) -> None:
    db = tmp_path / "netrack.json"
    db.symlink_to("/dev/zero")  # endless zeros: a read without a bound never ends
    result = _run("log", "--all", db=db)
    assert result.returncode == 1, result.stderr
    assert "it is a character device, not a regular file" in result.stderr


def test_an_import_from_a_fifo_is_refused_at_once(tmp_path: Path, frozen) -> None:
    source = tmp_path / "backup.json"
    os.mkfifo(source, 0o600)
    result = _run("import", str(source), db=tmp_path / "netrack.json")
    assert result.returncode == 1
    assert f"cannot import {source}: it is a FIFO (named pipe), not a regular file" in (
        result.stderr
    )


def test_an_export_into_a_fifo_is_streamed_and_the_fifo_stays(cli, seeded: Path, tmp_path) -> None:
    fifo = tmp_path / "out"
    os.mkfifo(fifo, 0o600)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = cli("export", "-o", str(fifo))
    assert result.code == 0, result.err
    reader.join(timeout=10)
    assert received and received[0].startswith(b'{\n  "format": "netrack-backup"')
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_an_export_into_a_fifo_nobody_reads_fails_at_once(cli, seeded: Path, tmp_path) -> None:
    fifo = tmp_path / "out"
    os.mkfifo(fifo, 0o600)
    result = cli("export", "--format", "csv", "-o", str(fifo))
    assert result.code == 1
    assert f"cannot write {fifo}: nothing is reading from a FIFO" in result.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_an_export_into_a_device_writes_through_and_replaces_nothing(
    cli, seeded: Path, tmp_path
) -> None:
    sink = tmp_path / "sink"
    sink.symlink_to("/dev/null")
    result = cli("export", "-o", str(sink))
    assert result.code == 0, result.err
    assert sink.is_symlink() and stat.S_ISCHR(os.stat(sink).st_mode)


def test_exports_never_overwrite_a_backup(cli, seeded: Path) -> None:
    assert cli("give", "Dana Lee", "today").code == 0
    [backup] = backup_folder(seeded).glob("*.json")
    before = backup.read_bytes()
    for target in (backup, backup.with_name("netrack.json-20261101.json")):
        result = cli("export", "-o", str(target))
        assert result.code == 2, target
        assert "refusing to write the export over netrack's own file" in result.err
    assert backup.read_bytes() == before
    assert not backup.with_name("netrack.json-20261101.json").exists()
    legacy = seeded.with_name("netrack-archive")
    legacy.mkdir()
    assert cli("export", "-o", str(legacy / "2019.json")).code == 2
    # Elsewhere in the backups folder a name of the user's own is fine.
    assert cli("export", "-o", str(backup_folder(seeded) / "for-laptop.json")).code == 0


def test_a_read_only_data_file_is_never_replaced(cli, seeded: Path) -> None:
    os.chmod(seeded, 0o400)
    before = seeded.read_bytes()
    inode = os.stat(seeded).st_ino
    for args in (("give", "Dana Lee", "deck"), ("contact", "add", "Kim Park")):
        result = cli(*args)
        assert result.code == 1, args
        assert "it is read-only (mode 0400), so netrack leaves it as it is" in result.err
    assert cli("log").code == 0, "reading it is fine"
    assert seeded.read_bytes() == before
    assert (os.stat(seeded).st_ino, stat.S_IMODE(os.stat(seeded).st_mode)) == (inode, 0o400)
    assert len(Store(seeded).load().contacts) == len({c.id for c in Store(seeded).load().contacts})


def test_doctor_says_a_data_file_is_read_only_and_repairs_around_it(cli, seeded: Path) -> None:
    """The refusal sends the user to doctor: doctor says why, and --repair neither makes
    the file writable nor claims a fix it cannot make."""
    raw = json.loads(seeded.read_text("utf-8"))
    next(iter(raw["actions"].values()))["note"] = 42  # a record --repair would mend
    seeded.write_text(json.dumps(raw), "utf-8")
    os.chmod(seeded, 0o444)  # read-only, and open to others
    before = seeded.read_bytes()
    report = cli("doctor")
    assert report.code == 1
    assert "writable   no · read-only (mode 0444)" in report.out
    advice = "make the file writable (chmod u+w), then run 'netrack doctor --repair'"
    assert advice in report.out
    repair = cli("doctor", "--repair")
    assert f"data file {seeded} was mode 0444 → set mode 0400" in repair.out
    assert "the data file is read-only, so its records were left as they are" in repair.out
    assert "its note is a number, not text" in repair.out, "still reported"
    assert seeded.read_bytes() == before
    assert stat.S_IMODE(os.stat(seeded).st_mode) == 0o400, "private, and still read-only"
    os.chmod(seeded, 0o600)
    assert cli("doctor", "--repair").code == 0
    clean = cli("doctor")
    assert clean.code == 0 and "writable" not in clean.out
