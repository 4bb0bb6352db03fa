"""One module per command group; each has ``register(app)``.

These modules import only typer at import time, and do not use
``from __future__ import annotations``: typer reads every command's annotations on every run,
and string annotations cost it an ``eval`` each (about 2 ms over all commands).
"""
