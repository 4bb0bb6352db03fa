"""Where sessions live on disk: paths, atomic writes, the store and its lock, session files,
migrations, the strict YAML loader, and the store's own upkeep (doctor, forget).

Imports only ``core``.
"""
