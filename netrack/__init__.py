"""netrack: weekly professional-networking habits in the terminal."""

__version__ = "0.1.0"
