"""The coaching conversation: its state, the pure engine and its steps, the answers-file
prompter, the carry-over from earlier sessions, and the wiring of ``coach start``.
"""
