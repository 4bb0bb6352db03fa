"""Question banks: the bank model, built-in and user banks, and their views."""
