"""The conversation history: how a saved session is shown and exported."""
