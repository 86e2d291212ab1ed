"""The week review as plain text that fits an 80-column terminal."""

from __future__ import annotations

from netrack.cli.output import safe, safe_lines, short_day
from netrack.cli.sparks import progress_bar, sparkline
from netrack.domain.analysis import Analysis
from netrack.domain.humanize import cold_phrase, plural
from netrack.domain.kinds import channel_mix
from netrack.domain.review import WeekReview
from netrack.summaries import percent, signed

WIDTH = 80
WIDTH = 80
LABEL = 13
NAME_WIDTH = 18
LIST_SHOWN = 5


def review_lines(review: WeekReview, analysis: Analysis) -> list[str]:
    week = review.week
    head = f"Week {week.label} · {short_day(week.start)} – {short_day(week.end, week.start)}"
    if review.is_current:
        head += f" · {plural(review.days_left, 'day')} left"
    if review.skipped:
        reason = review.note.skip_reason if review.note else ""
        head += " · skipped" + (f" ({safe(reason)})" if reason else "")
    lines = [head, ""]
    lines += _habit_lines(review, analysis)
    lines.append("")
    lines += _reciprocity_lines(review)
    lines += _followup_lines(review, analysis)
    lines += _plan_lines(review)
    lines += _people_lines(review)
    lines += _intro_and_event_lines(review)
    lines += _channel_lines(review)
    note = review.note
    if note and note.reflection:
        lines += _rows("Reflection", note.reflection)
    if note and note.focus:
        lines += _rows("Focus", note.focus)
    if not (note and (note.reflection or note.focus)):
        lines.append(_row("Reflection", 'none yet (netrack reflect "what worked")'))
    return [_clip(line) for line in lines]


def _clip(line: str) -> str:
    return line if len(line) <= WIDTH else line[: WIDTH - 1] + "…"


def _row(label: str, text: str) -> str:
    return f"{label:<{LABEL}}{text}"


def _rows(label: str, text: str) -> list[str]:
    """User text of several lines under one label: each line under the first."""
    first, *more = safe_lines(text)
    return [_row(label, first)] + [_row("", line).rstrip() for line in more]


def _plan_lines(review: WeekReview) -> list[str]:
    kept = review.plan_kept
    if not kept.planned:
        this_week = "nothing planned" + (f" ({kept.dropped} dropped)" if kept.dropped else "")
    else:
        this_week = f"{kept.done} of {kept.planned} done ({percent(kept.share)})"
        if kept.dropped:
            this_week += f", {kept.dropped} dropped"
    earlier = [f"{k.done}/{k.planned}" if k.planned else "–" for _, k in review.plan[:-1]]
    trend = f" · weeks before: {' '.join(earlier)}" if any(k != "–" for k in earlier) else ""
    return [_row("Plan kept", this_week + trend)]


def _habit_lines(review: WeekReview, analysis: Analysis) -> list[str]:
    lines = [f"{'Habit':<{NAME_WIDTH}} {'this week':<17} {'status':<12} streak  best  strength"]
    for record in review.habits:
        hw = record.week(review.week, analysis.tally_from(review.week))
        name = safe(record.habit.name)
        name = name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"
        bar = progress_bar(hw.count, hw.target)
        progress = f"{bar:<10} {hw.count}/{hw.target}"
        lines.append(
            f"{name:<{NAME_WIDTH}} {progress:<17} {hw.status:<12} "
            f"{record.current_streak:>6}  {record.best_streak:>4}  {percent(record.strength):>8}"
        )
    if not review.habits:
        lines.append("no habits (netrack habit add NAME --kinds give --target 3)")
    return lines


def _reciprocity_lines(review: WeekReview) -> list[str]:
    b = review.reciprocity
    gives = [wb.balance.gives for wb in review.trend]
    takes = [wb.balance.takes for wb in review.trend]
    top = max([*gives, *takes, 0])
    total = review.all_time
    return [
        _row(
            "Reciprocity",
            f"gives {b.gives:,} · takes {b.takes:,} · balance {signed(b.balance)} · "
            f"give share {percent(b.give_share)}",
        ),
        _row(
            f"  {len(review.trend)} weeks",
            f"gives {sparkline(gives, top)}  takes {sparkline(takes, top)}",
        ),
        _row(
            "  all time",
            f"gives {total.gives:,} · takes {total.takes:,} · balance {signed(total.balance)}",
        ),
    ]


def _followup_lines(review: WeekReview, analysis: Analysis) -> list[str]:
    f = review.followups
    lines = [
        _row(
            "Follow-ups",
            f"opened {f.opened:,} · on time {f.on_time:,} · late {f.late:,} · "
            f"overdue {len(f.overdue):,} · kept on time {percent(f.on_time_rate)}",
        )
    ]
    for followup in f.overdue[:LIST_SHOWN]:
        who = analysis.contact_name(followup.contact_id) or "?"
        lines += _rows("  overdue", f"{who}: {followup.text} (due {short_day(followup.due)})")
    if len(f.overdue) > LIST_SHOWN:
        lines.append(_row("", f"and {len(f.overdue) - LIST_SHOWN:,} more (netrack due)"))
    return lines


def _names_that_fit(names: list[str]) -> str:
    """As many of ``names`` as fit the line after its label, then how many more there
    are ("Ana Ruiz, Bo Chen and 12 more"): the count is never the part cut off."""
    if not names:
        return "none"
    room = WIDTH - LABEL

    def line(count: int) -> str:
        more = len(names) - count
        return ", ".join(safe(n) for n in names[:count]) + (f" and {more:,} more" if more else "")

    count = 1
    while count < len(names) and len(line(count + 1)) <= room:
        count += 1
    text = line(count)
    if len(text) > room:  # one name too long for the line: it is cut, the count kept
        first = safe(names[0])
        tail = text[len(first) :]
        text = first[: room - len(tail) - 1] + "…" + tail
    return text


def _people_lines(review: WeekReview) -> list[str]:
    lines = []
    lines.append(_row("New contacts", _names_that_fit([c.name for c in review.new_contacts])))
    if not review.cold:
        lines.append(_row("Going cold", "nobody"))
    for status in review.cold[:LIST_SHOWN]:
        lines.append(
            _row(
                "Going cold" if status is review.cold[0] else "",
                f"{safe(status.contact.name)} · "
                + cold_phrase(status.last_touch, status.days_since, status.cadence),
            )
        )
    if len(review.cold) > LIST_SHOWN:
        lines.append(_row("", f"and {len(review.cold) - LIST_SHOWN:,} more (netrack cold)"))
    return lines


def _intro_and_event_lines(review: WeekReview) -> list[str]:
    lines = [_row("Introduced", plural(review.introductions, "introduction") + " made")]
    for standing in review.events[:LIST_SHOWN]:
        event = standing.event
        met = len(standing.met)
        outcome = (
            f"met {met} · follow-ups kept {standing.kept}/{len(standing.followups)}"
            if met
            else "not debriefed yet"
            if not standing.upcoming
            else "coming up"
        )
        label = "Events" if standing is review.events[0] else ""
        lines.append(_row(label, f"{safe(event.name)} ({short_day(event.on)}) · {outcome}"))
    return lines


def _channel_lines(review: WeekReview) -> list[str]:
    lines = [_row("Channels", "none")]
    if review.channels:
        by_count = sorted(review.channels.items(), key=lambda item: -item[1])
        mix = " · ".join(f"{g} {n:,}" for g, n in channel_mix(review.channels))
        lines = [_row("Channels", " · ".join(f"{c} {n:,}" for c, n in by_count))]
        if mix and len(lines[0]) + len(mix) + 4 <= WIDTH:
            lines[0] += f"  ({mix})"
        elif mix:  # on a line of its own rather than cut off
            lines.append(_row("", f"({mix})"))
    personal = (
        f"{review.personal_reach_outs:,} of {review.reach_outs:,} reach-outs "
        f"({percent(review.personal_share)})"
        if review.reach_outs
        else "no reach-outs"
    )
    return [*lines, _row("Personal", personal)]
