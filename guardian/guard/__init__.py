"""The remote-control and screen-sharing guard: finds such programs among running processes."""
