#!/usr/bin/env bash
# Run the whole suite as if the machine's clock showed other dates, and with both cores busy.
#
# A sitecustomize.py on PYTHONPATH starts time_machine.travel(WHEN, tick=True) as each
# Python process starts, so pytest, its xdist workers and every netrack process a test
# starts all see the moved clock (faketime would hang Python's timed waits).
#
#   scripts/test-at-dates.sh                     every date below, then today under load
#   scripts/test-at-dates.sh 2027-01-01T10:00 UTC   one moment (ISO 8601) in one time zone
#
# Extra pytest arguments go in PYTEST_ARGS, e.g. PYTEST_ARGS="-x tests/test_weeks.py".
set -u
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}

# moment (local time)      time zone        why
DATES=(
    "2027-01-01T10:00      UTC              a Friday in ISO week 2026-W53"
    "2026-12-06T23:30      Europe/Berlin    a Sunday, half an hour before the week turns"
    "2027-01-03T23:58      Europe/Berlin    the last minutes of 2026-W53: the week turns mid-run"
    "2028-02-29T12:00      America/New_York a leap day"
    "2029-12-31T08:00      Asia/Tokyo       a Monday in ISO week 2030-W01"
    "2030-06-15T18:45      UTC              a Saturday in 2030"
)

shim=$(mktemp -d)
load_pids=()
cleanup() {
    for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null; done
    rm -rf "$shim"
}
trap cleanup EXIT

run_at() {  # MOMENT ZONE: the suite with the clock moved to MOMENT in ZONE
    cat >"$shim/sitecustomize.py" <<PY
import datetime
import zoneinfo

import time_machine

time_machine.travel(
    datetime.datetime.fromisoformat("$1").replace(tzinfo=zoneinfo.ZoneInfo("$2")), tick=True
).start()
PY
    echo "=== suite at $1 $2 ==="
    # shellcheck disable=SC2086
    TZ="$2" PYTHONPATH="$shim${PYTHONPATH:+:$PYTHONPATH}" bash -c '
        "$0" -c "import datetime; print(\"clock inside Python:\", datetime.datetime.now().astimezone())"
        "$0" -m pytest -q -n 2 -p no:cacheprovider -W ignore::pytest.PytestAssertRewriteWarning "$@"
    ' "$PYTHON" ${PYTEST_ARGS:-}
}

results=()
status=0
if [ $# -ge 2 ]; then
    run_at "$1" "$2" || status=1
    exit $status
fi
for line in "${DATES[@]}"; do
    read -r moment zone _ <<<"$line"
    if run_at "$moment" "$zone"; then results+=("ok      $line"); else results+=("FAILED  $line"); status=1; fi
done

echo "=== suite today with both cores busy ==="
yes >/dev/null & load_pids+=($!)
yes >/dev/null & load_pids+=($!)
# shellcheck disable=SC2086
if "$PYTHON" -m pytest -q -n 2 -p no:cacheprovider ${PYTEST_ARGS:-}; then
    results+=("ok      today, both cores busy")
else
    results+=("FAILED  today, both cores busy"); status=1
fi

echo
printf '%s\n' "${results[@]}"
exit $status
