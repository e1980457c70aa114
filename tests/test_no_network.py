"""The whole flow works with every network connection refused: the app needs no network at all."""

from __future__ import annotations

import socket
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from lif_tui.cli import main
from lif_tui.db import open_store
from settling import wait_for_workers


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every outbound connection or name lookup fail loudly, and record any attempt."""
    attempts: list[str] = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args)[:80])
        raise NetworkUsed(f"network use attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket.socket, "sendto", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "gethostbyname", refuse)
    return attempts


async def test_demo_facilitate_export_import_search_offline(no_network: list[str], tmp_path: Path, capsys) -> None:
    from lif_tui.app import LifApp

    db = tmp_path / "offline.sqlite3"
    assert main(["demo", "--db", str(db)]) == 0
    with open_store(db) as store:
        event_id = next(s.id for s in store.list_events() if "Child T" in s.title)
        before = len(store.load_event(event_id).findings)

    # Facilitate: capture a finding through the keys, in the real app.
    store = open_store(db)
    app = LifApp(store, open_event=event_id, today=lambda: date(2026, 11, 26))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await wait_for_workers(app)
        await pilot.pause()
        for key in "Offline capture works":
            await pilot.press("space" if key == " " else key)
        await pilot.press("enter")
        await wait_for_workers(app)
        await pilot.pause()
    store.close()
    with open_store(db) as store:
        texts = [f.text for f in store.load_event(event_id).findings]
    assert len(texts) == before + 1 and "Offline capture works" in texts

    prefix = str(event_id)[:8]
    briefing = tmp_path / "briefing.docx"
    assert main(["export", prefix, "--db", str(db), "--format", "docx", "--out", str(briefing)]) == 0
    assert any(p.style.name == "Heading 1" for p in Document(str(briefing)).paragraphs)
    bundle = tmp_path / "event.json"
    assert main(["export", prefix, "--db", str(db), "--format", "json", "--out", str(bundle)]) == 0
    other = tmp_path / "other-laptop.sqlite3"
    assert main(["import", str(bundle), "--db", str(other)]) == 0
    capsys.readouterr()
    assert main(["search", "offline", "--db", str(other)]) == 0
    assert "Offline capture works".lower() in capsys.readouterr().out.lower().replace("[", "").replace("]", "")
    assert no_network == []


def test_the_guard_itself_refuses_connections(no_network: list[str]) -> None:
    """Control: the patched socket really refuses, so the offline test above could fail."""
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("127.0.0.1", 9))
    assert len(no_network) == 2
