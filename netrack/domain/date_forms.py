"""The ways of writing a day that commands accept, as their help and errors name them.

Apart from ``domain/when.py``, which reads them, so that building the command line's
help needs no date library.
"""

DAY_FORMS = (
    "today, tomorrow, yesterday, a weekday (sat: the next one), +Nd, +Nw, Nd or -Nd (days ago), "
    "or YYYY-MM-DD"
)
ON_FORMS = (
    "today, yesterday, a weekday (mon), Nd or -Nd (days ago), Nw (weeks ago), YYYY-MM-DD "
    "or YYYY-MM-DDTHH:MM"
)
DUE_FORMS = "today, tomorrow, a weekday (fri), +Nd, +Nw, or YYYY-MM-DD"
