"""What the screens ask for, without Qt: history, family settings, preferences, alerts.

Screens never touch the database, the outbox or the remote-app guard themselves. They hand a
job from here to the app's job runner (:class:`~guardian.services.jobs.JobRunner`) and get
plain data back on the window's thread. Nothing in this package imports Qt, so every rule in
it (the anti-tamper rule of the family settings among them) is tested on a real SQLite file
with :class:`~guardian.services.jobs.RunAtOnce`.
"""
