"""Where sessions live on disk: paths, atomic writes, the store and its lock, session files,
migrations, the strict YAML loader, and the store's own upkeep (doctor, forget).

Every read of a store file goes through ``readfile`` (regular files only, bounded, links inside
the store not followed); every write through ``fsio.atomic_write_bytes``.

Imports only ``core``.
"""
