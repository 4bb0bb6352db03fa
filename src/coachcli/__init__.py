"""coachcli: a command-line coaching assistant for supervisors."""

__version__ = "0.1.0"
