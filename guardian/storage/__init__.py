"""Storage: Guardian's SQLite database (schema, migrations, history, settings) and its worker.

Only :mod:`guardian.storage.worker` uses Qt; the rest is plain Python over sqlite-utils.
"""
