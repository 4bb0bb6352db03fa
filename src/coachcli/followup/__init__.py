"""Follow-up of next steps between conversations: selecting open items, the review loop and
the listing views.
"""
