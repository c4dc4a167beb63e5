"""The Qt user interface: one module per screen, the theme and shared big widgets."""
