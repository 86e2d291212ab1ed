"""Moving data in and out of netrack: backups, CSV, calendars, LinkedIn and vCards.

Readers and writers of file formats only: they turn text into values (or values into
text) and never touch the data file, which the CLI changes through the store.
"""
