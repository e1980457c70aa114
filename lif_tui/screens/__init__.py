"""Textual screens. Each module is imported only when its screen is first shown, to keep start-up fast.

Screens reach the database only through `app.store`, with slow calls in `app.run_store` thread workers;
they never import sqlite3 or sqlite_utils (tests/test_layering.py checks this).
"""
