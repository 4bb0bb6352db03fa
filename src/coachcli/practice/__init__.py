"""Practice: rehearse the four skills on written scenarios before the real conversation.

Scenarios (``scenario``, ``load``), the drills that score an attempt (``listen``, ``ask``,
``balance``, ``commit``, dispatched by ``drills``), the attempt file (``attempt``), the progress
kept apart from real sessions (``progress``), the terminal flow (``session``) and the views
(``view``). Imports only lower layers (language, banks-level, storage, ui, core); only ``cli``
imports it. See docs/practice.md.
"""
