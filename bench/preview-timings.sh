#!/usr/bin/env bash
# Times tactical previews (HTTP round trip) for every rule shape inside one parent segment of the latest run:
# attribute, metric, order lines (count with a category within 180 days), events, and an attribute rule that matches
# nobody (until session 38 its sample walked every member of the parent serially, joined with all customers in key order). The first request of each shape
# is printed on its own: right after an import it is the one that used to meet a table without statistics (issue 19).
# Usage: bench/preview-timings.sh [base URL] [API token] [parent segment] [repeats]
set -euo pipefail
BASE=${1:-http://localhost:18282}
TOKEN=${2:-bench-token}
PARENT=${3:-champions}
REPEATS=${4:-5}
AUTH=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")
RULES=(
  'attribute|device = \"smart_tv\" and city = \"Paris\"'
  'metric|monetary between 100 and 500 and frequency >= 3'
  'order lines|count(orders where category = \"kids\" within 180 days) >= 1'
  'events|count(events \"email_open\" within 90 days) = 0'
  'no match|device = \"smart_tv\" and city = \"Oslo\"'
)
printf '%-12s %8s %8s %8s %8s %10s\n' "shape" "first" "min" "median" "max" "matching"
for entry in "${RULES[@]}"; do
  shape=${entry%%|*}
  rule=${entry#*|}
  body="{\"parentSegment\":\"$PARENT\",\"rule\":\"$rule\"}"
  times=()
  out=$(curl -sf -w ' %{time_total}' "${AUTH[@]}" -d "$body" "$BASE/api/v1/tactical-segments/preview")
  first=${out##* }
  matching=$(echo "$out" | grep -o '"matching[A-Za-z]*":[0-9]*' | head -1 | cut -d: -f2)
  for _ in $(seq "$REPEATS"); do
    times+=("$(curl -sf -o /dev/null -w '%{time_total}' "${AUTH[@]}" -d "$body" "$BASE/api/v1/tactical-segments/preview")")
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%-12s %8.3f %8.3f %8.3f %8.3f %10s\n' "$shape" "$first" "${sorted[0]}" "${sorted[$(( ${#sorted[@]} / 2 ))]}" \
    "${sorted[$(( ${#sorted[@]} - 1 ))]}" "${matching:-?}"
done
