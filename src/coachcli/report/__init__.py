"""``coach report``: figures from the index's counts, their views and exports."""
