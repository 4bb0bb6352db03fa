"""The derived index of the store: a cache of what listings and the report read, always
rebuildable from the session files. Imports ``storage`` and ``core``.
"""
