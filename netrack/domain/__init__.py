"""Pure domain logic: no Textual, no TinyDB, no I/O."""
