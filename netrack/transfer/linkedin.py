"""LinkedIn's connections export (``Connections.csv``).

Recent exports open with a few lines of notes before the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On`` and write dates
as ``09 Oct 2024``; older ones start with the header, have no URL column and write
``1/8/18, 6:14 PM`` (month first). The header row is found by its column names, so any
preamble is passed over; columns are read by name, in whatever order they come.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from netrack import clock
from netrack.domain.importing import NO_NAME, ONLY_A_DATE, ImportedPerson, Skip
from netrack.domain.when import EARLIEST_YEAR
from netrack.transfer.reading import FormatProblem, PeopleRead

COLUMNS = {
    "first name": "first",
    "last name": "last",
    "url": "url",
    "profile url": "url",
    "email address": "email",
    "email": "email",
    "company": "company",
    "position": "role",
    "connected on": "connected",
}
CONNECTED_HOUR = 12  # a connection date without a time is taken as noon

# How exports of each age write the date, after commas and dots are dropped and blanks
# made single ("1/8/18, 6:14 P.M." reads as "1/8/18 6:14 PM"). Month names and AM/PM
# are read in English whatever the user's language: netrack never sets a locale, so
# strptime keeps the C one. Day and month first, as in recent exports; month first
# (American) in older ones.
CONNECTED_FORMATS = (
    "%d %b %Y",  # 09 Oct 2024
    "%d %B %Y",  # 9 October 2024
    "%d-%b-%Y",  # 09-Oct-2024
    "%m/%d/%y %I:%M %p",  # 1/8/18 6:14 PM
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%y %H:%M",  # 1/8/18 18:14
    "%m/%d/%Y %H:%M",
    "%m/%d/%y",  # 3/15/17
    "%m/%d/%Y",
    "%Y-%m-%d",  # 2024-10-09
)


def read_connections(text: str, tz: tzinfo) -> PeopleRead:
    """The connections in ``text``; a FormatProblem naming the line when it is not one.

    Rows that hold only a date (LinkedIn writes some) and rows without a name are
    passed over and counted. Connection times are read in the time zone ``tz``.
    """
    import csv
    import io

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    columns: dict[str, int] | None = None
    width = header_line = 0
    people: list[ImportedPerson] = []
    skipped: list[Skip] = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise FormatProblem(f"line {line}: {error}") from None
        cells = [cell.strip() for cell in row]
        if columns is None:
            columns = _header_columns(cells)
            width, header_line = len(cells), line
            continue
        if not any(cells):
            continue
        if any(cells[width:]):
            raise FormatProblem(
                f"line {line} has {len(cells)} values but the header (line {header_line}) "
                f"names {width}; is a value with a comma missing its quotes?"
            )
        person = _person(cells, columns, f"line {line}", tz)
        if isinstance(person, Skip):
            skipped.append(person)
        else:
            people.append(person)
    if columns is None:
        raise FormatProblem(
            "found no header row naming 'First Name' and 'Last Name'; "
            "is this LinkedIn's Connections.csv?"
        )
    return PeopleRead(people, skipped)


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    """Field name to column number, when ``cells`` is the header row."""
    found: dict[str, int] = {}
    for number, cell in enumerate(cells):
        field = COLUMNS.get(" ".join(cell.casefold().split()))
        if field is not None:
            found.setdefault(field, number)
    return found if "first" in found and "last" in found else None


def _person(
    cells: list[str], columns: dict[str, int], source: str, tz: tzinfo
) -> ImportedPerson | Skip:
    def value(field: str) -> str:
        number = columns.get(field)
        return cells[number] if number is not None and number < len(cells) else ""

    filled = [cell for cell in cells if cell]
    if len(filled) == 1 and parse_connected_on(filled[0]) is not None:
        return Skip(source, ONLY_A_DATE)
    name = " ".join(part for part in (value("first"), value("last")) if part)
    if not name:
        return Skip(source, NO_NAME)
    connected_text = value("connected")
    connected = parse_connected_on(connected_text)
    if connected is not None:
        met_how = f"LinkedIn, connected {connected.date().isoformat()}"
    else:
        met_how = f"LinkedIn, connected {connected_text}" if connected_text else "LinkedIn"
    return ImportedPerson(
        source=source,
        name=name,
        company=value("company"),
        role=value("role"),
        met_how=met_how,
        email=value("email"),
        url=value("url"),
        began=connected.replace(tzinfo=tz) if connected is not None else None,
        met_on=connected.date() if connected is not None else None,
    )


def parse_connected_on(text: str) -> datetime | None:
    """A LinkedIn date (``09 Oct 2024``, ``1/8/18, 6:14 PM``, ``2024-10-09``), or None.

    A day that cannot be when two people connected (after today, or before 1900) is
    None too: the contact keeps the text in "met", and no date it could be misread by.
    """
    plain = " ".join(text.replace(",", " ").replace(".", "").split())
    today = clock.now().date()
    for layout in CONNECTED_FORMATS:
        try:
            moment = datetime.strptime(plain, layout)
        except ValueError:  # another layout, or no such day (31 Feb, month 13, 25:00)
            continue
        if "%y" in layout and moment.year > today.year:
            moment = moment.replace(year=moment.year - 100)  # "1/8/68" is 1968, not 2068
        if moment.year < EARLIEST_YEAR or moment.date() > today:
            return None
        has_time = "%H" in layout or "%I" in layout
        return moment if has_time else moment.replace(hour=CONNECTED_HOUR)
    return None
