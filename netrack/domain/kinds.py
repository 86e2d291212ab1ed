"""Action kinds, their aliases and sides, and channels."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from netrack.errors import UsageError, quoted

REACH_OUT, GIVE, FOLLOW_UP, MEET, ASK, RECEIVE = (
    "reach-out",
    "give",
    "follow-up",
    "meet",
    "ask",
    "receive",
)
BUILTIN_KINDS = (REACH_OUT, GIVE, FOLLOW_UP, MEET, ASK, RECEIVE)

KIND_ALIASES = {
    "reach": REACH_OUT,
    "reachout": REACH_OUT,
    "r": REACH_OUT,
    "g": GIVE,
    "follow": FOLLOW_UP,
    "followup": FOLLOW_UP,
    "f": FOLLOW_UP,
    "met": MEET,
    "m": MEET,
    "a": ASK,
    "got": RECEIVE,
    "recv": RECEIVE,
}

# Reciprocity: what you give against what you take.
GIVE_KINDS = frozenset({GIVE})
TAKE_KINDS = frozenset({ASK, RECEIVE})

KIND_PLURALS = {
    REACH_OUT: "reach-outs",
    GIVE: "gives",
    FOLLOW_UP: "follow-ups",
    MEET: "meetings",
    ASK: "asks",
    RECEIVE: "help received",
}

CHANNELS = ("linkedin", "email", "call", "coffee", "event", "message", "other")
DEFAULT_CHANNEL = "other"
CHANNEL_ALIASES = {
    "msg": "message",
    "dm": "message",
    "text": "message",
    "sms": "message",
    "chat": "message",
    "phone": "call",
    "video": "call",
    "zoom": "call",
    "mail": "email",
    "meetup": "event",
    "conference": "event",
    "lunch": "coffee",
}
# How the review groups channels: is the relationship kept online or face to face?
CHANNEL_GROUPS = {
    "linkedin": "online",
    "email": "online",
    "message": "online",
    "call": "call",
    "coffee": "in person",
    "event": "in person",
    "other": "other",
}


def channel_mix(channels: Mapping[str, int]) -> list[tuple[str, int]]:
    """The week's channels gathered into online, call and in person, most used first.

    "other" is left out: it is its own group, so the channel list says it already.
    """
    groups: Counter[str] = Counter()
    for channel, count in channels.items():
        group = CHANNEL_GROUPS.get(channel, "other")
        if group != "other":
            groups[group] += count
    return groups.most_common()


KIND_NAME_MAX = 30


def kind_plural(kind: str) -> str:
    """How a count of this kind reads: "gives", "meetings", "posts"."""
    return KIND_PLURALS.get(kind, f"{kind}s")


def resolve_kind(text: str, custom_kinds: Iterable[str] = ()) -> str:
    """The canonical kind for a name or alias, case-insensitive.

    ``custom_kinds`` are kinds the user's habits track besides the built-in ones.
    """
    key = text.strip().casefold()
    if key in BUILTIN_KINDS:
        return key
    if key in KIND_ALIASES:
        return KIND_ALIASES[key]
    custom = tuple(k for k in dict.fromkeys(custom_kinds) if k not in BUILTIN_KINDS)
    if key in custom:
        return key
    accepted = ", ".join((*BUILTIN_KINDS, *custom))
    raise UsageError(f"unknown kind {quoted(text)}; accepted: {accepted} (aliases: r g f m a got)")


def normalise_custom_kind(text: str) -> str:
    """A new kind named by the user, as stored: lower case, words joined by '-'."""
    kind = "-".join(text.strip().casefold().split())
    if not kind or len(kind) > KIND_NAME_MAX or not all(c.isalnum() or c == "-" for c in kind):
        raise UsageError(
            f"invalid kind {quoted(text)}: use letters, digits and '-' "
            f"(at most {KIND_NAME_MAX} characters)"
        )
    if kind in KIND_ALIASES:
        return KIND_ALIASES[kind]
    return kind


def resolve_channel(text: str) -> str:
    """The channel named by ``text`` or by a unique prefix of it."""
    key = text.strip().casefold()
    if key in CHANNELS:
        return key
    if key in CHANNEL_ALIASES:
        return CHANNEL_ALIASES[key]
    matches = [channel for channel in CHANNELS if key and channel.startswith(key)]
    if len(matches) == 1:
        return matches[0]
    problem = "ambiguous" if matches else "unknown"
    raise UsageError(f"{problem} channel {quoted(text)}; accepted: {', '.join(CHANNELS)}")


def close_kind(word: str, custom_kinds: Iterable[str] = ()) -> str | None:
    """The kind ``word`` looks like a typo of (``gve``, ``recieve``, ``folow-up``), or None.

    Close means: the same first letter (typos rarely hit it, and most ordinary words one
    letter from ``give`` or ``ask`` differ there: live, five, task) and one letter off,
    two for a kind of seven letters or more. Words under three letters are never close.
    """
    key = word.strip().casefold().replace("-", "")
    if len(key) < 3:
        return None
    from netrack.domain.typos import distance  # rapidfuzz's answers, without its import

    for kind in dict.fromkeys((*BUILTIN_KINDS, *custom_kinds)):
        name = kind.replace("-", "")
        allowed = 2 if len(name) >= 7 else 1
        if key[0] == name[0] and distance(key, name, allowed) <= allowed:
            return kind
    return None
