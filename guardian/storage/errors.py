"""Errors the storage layer raises when the database cannot be used safely."""

from __future__ import annotations


class StorageError(Exception):
    """The database cannot be opened or used; the message says why in plain words."""


class NewerDatabaseError(StorageError):
    """The database was written by a newer version of Guardian.

    Nothing is changed in the file: opening it stops before any migration runs, so the newer
    version can still use it.
    """


class CorruptDatabaseError(StorageError):
    """The file is not a readable Guardian database (damaged, or not a database at all).

    Nothing is written to the file, so it can still be copied and examined.
    """
