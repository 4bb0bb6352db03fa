"""The terminal: the ``Prompter`` protocol and its questionary adapter, conversation messages,
the rich console and the terminal check. Imports only ``core``.
"""
