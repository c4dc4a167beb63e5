"""The pure core of Guardian: content, risk engine, wizard, analysis. No Qt, no I/O libraries."""
