"""Alerts to the family: delivery through apprise, and the outbox worker that sends the queue.

apprise is imported only when the first alert is sent (it takes about 0.3 s to import).
"""
