"""The room: the group's exchange, as a small service that knows who is asking.

- ``limits``: reading a request body safely (size and nesting caps, never a RecursionError).
- ``answers``: checking a shared value against its exercise's answer model; private exercises refused.
- ``store``: SQLAlchemy tables (SQLite by default, PostgreSQL by URL); one record per participant per exercise.
- ``core``: the room's rules, independent of HTTP: join, share, withdraw, the facilitator's view, moderation.
- ``server``: the tornado app, on JupyterHub (the hub authenticates every call) or standalone (a room code).
- ``client``: what a participant's kernel (and the facilitator's view) uses to talk to the room.
"""
