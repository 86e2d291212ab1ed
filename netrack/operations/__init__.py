"""Every change a user can make, each as one store transaction.

The CLI and the app both call these, so a change behaves the same wherever it is made.
Each function takes what the user typed (text), checks it against the data as it is
inside the lock, writes, and returns what changed.
"""
