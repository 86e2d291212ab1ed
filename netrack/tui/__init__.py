"""The Textual app. Only imported by commands that open it."""
