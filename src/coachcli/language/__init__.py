"""Coaching language: the question check, the next-step check and the restatement.

Pure text in, judgement out. Imports only ``core``.
"""
