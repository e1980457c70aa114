"""Moving events between laptops: JSON bundle files in and out of the store.

Shared by `lif-tui import` and the review screens, so both check every file before writing any, and both
write the same lossless bundle. Neither textual nor the CLI is imported here.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from lif_tui.errors import DataError

if TYPE_CHECKING:
    from lif_tui.db.bundle_merge import MergeReport
    from lif_tui.db.store import Store
    from lif_tui.models import EventRecord


def expand_bundle_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given; a folder stands for the *.json bundles directly inside it, in name order."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".json" and p.is_file())
            if not found:
                raise DataError(f"There are no .json bundles in the folder {path}. Nothing was imported.")
            out += found
        else:
            out.append(path)
    return out


def read_bundles(paths: Iterable[Path | str]) -> list["EventRecord"]:
    """Read and validate every bundle; the first bad file stops everything with a DataError naming it."""
    from lif_tui.exports.json_bundle import read_bundle

    records = []
    for path in expand_bundle_paths(paths):
        try:
            records.append(read_bundle(path))
        except DataError as error:
            raise DataError(f"{error} Nothing was imported.") from None
    if not records:
        raise DataError("No bundle files were given. Nothing was imported.")
    return records


def import_bundles(store: "Store", paths: Iterable[Path | str]) -> "MergeReport":
    """Check every file, then merge them all in one transaction."""
    from lif_tui.db.bundle_merge import merge_records

    return merge_records(store, read_bundles(paths))


def suggested_bundle_path(folder: Path, title: str, event_date: date) -> Path:
    """"<folder>/2026-03-12 evidencing-impact-child-t.json": sortable, and safe on Windows too."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "event"
    return folder / f"{event_date.isoformat()} {slug}.json"


def export_bundle(store: "Store", event_id: uuid.UUID, path: Path | str) -> Path:
    """Write the whole event, soft-deleted rows included (so deletions travel), as a bundle at `path`."""
    from lif_tui.exports.json_bundle import write_bundle

    from lif_tui.paths import make_private_dir

    path = Path(path).expanduser()
    record = store.load_event(event_id, include_deleted=True)
    if not path.parent.exists():
        try:
            make_private_dir(path.parent)  # the suggested exports folder may not exist yet
        except OSError as error:
            raise DataError(f"Cannot create the folder {path.parent}: {error.strerror or error}.") from None
    return write_bundle(record, path)
