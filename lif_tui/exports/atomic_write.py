"""Write a file all at once or not at all.

Every export goes through here: the content is written to a temporary file in the destination folder,
flushed and fsynced, made private (0600 on POSIX), and then renamed over the destination with
`os.replace`, which is atomic on POSIX and Windows alike. If anything fails the temporary file is removed,
so a crash or a full disk never leaves a half-written briefing, and the error names the path.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

from lif_tui.errors import DataError

__all__ = ["atomic_write", "write_bytes", "write_text"]


def _explain(path: Path, error: OSError) -> DataError:
    parent = path.parent
    if isinstance(error, FileNotFoundError) and not parent.exists():
        return DataError(f"Cannot write {path}: the folder {parent} does not exist.")
    if isinstance(error, NotADirectoryError) or (parent.exists() and not parent.is_dir()):
        return DataError(f"Cannot write {path}: {parent} is not a folder.")
    if isinstance(error, IsADirectoryError) or path.is_dir():
        return DataError(f"Cannot write {path}: it is a folder; give a file name.")
    if isinstance(error, PermissionError):
        hint = " Is the file open in Word? Close it and try again." if os.name == "nt" and path.exists() else ""
        return DataError(f"Cannot write {path}: permission denied.{hint}")
    if error.errno == errno.ENOSPC:
        return DataError(f"Cannot write {path}: the disk is full.")
    reason = error.strerror or type(error).__name__
    return DataError(f"Cannot write {path}: {reason}.")


def atomic_write(path: Path | str, write: Callable[[BinaryIO], None]) -> Path:
    """Call `write(file)` on a temporary file next to `path`, then rename it into place.

    Returns the resolved destination. Raises DataError (naming the path) if the folder is missing or not
    writable, or the disk is full; nothing half-written is left behind.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise DataError(f"Cannot write {path}: it is a folder; give a file name.")
    parent = path.parent
    if not parent.is_dir():
        if parent.exists():
            raise DataError(f"Cannot write {path}: {parent} is not a folder.")
        raise DataError(f"Cannot write {path}: the folder {parent} does not exist.")
    try:
        descriptor, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as error:
        raise _explain(path, error) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name == "posix":
            os.chmod(temp, 0o600)
        os.replace(temp, path)
    except OSError as error:
        _discard(temp)
        raise _explain(path, error) from None
    except BaseException:
        _discard(temp)
        raise
    _sync_folder(parent)
    return path


def write_bytes(path: Path | str, data: bytes) -> Path:
    """Atomically replace `path` with `data`."""
    return atomic_write(path, lambda handle: handle.write(data))


def write_text(path: Path | str, text: str, encoding: str = "utf-8") -> Path:
    """Atomically replace `path` with `text` in `encoding` (newlines are written as given)."""
    return write_bytes(path, text.encode(encoding))


def _discard(temp: Path) -> None:
    try:
        temp.unlink()
    except OSError:
        pass


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable on POSIX; Windows has no directory fsync and needs none here."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
