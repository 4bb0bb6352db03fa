"""The core of the domain: the session model, action items, people, dates, the clock, errors.

Pure: no disk, no terminal. Every other package may import it; it imports none of them.
"""
