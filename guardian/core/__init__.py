"""The pure core of Guardian: content, risk engine, wizard flow, analysis. No Qt, no I/O libraries."""
