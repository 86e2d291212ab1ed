"""The command line: parses arguments, calls the domain and the store, prints."""
