#!/usr/bin/env bash
# Every list of the console and the API on a base with three years of history (bench/three-years-data.sh):
# per page or call the median and max of its time (console: the Server-Timing header, or curl's total for a page too
# large to carry it; API: curl's total), the bytes
# answered, and the JVM's heap: young and old generation in use after the requests and how many GCs they took
# (jstat -gc of the application's pid; the application started with -Xmx512m).
#
#   bench/three-years-timings.sh BASE_URL PASSWORD TOKEN APP_PID [REPEATS]
#   bench/three-years-timings.sh http://localhost:18720 "$STRATA_ADMIN_PASSWORD" "$STRATA_API_TOKEN" 12345 5
set -euo pipefail
base=${1:?base URL}
password=${2:?password of admin}
token=${3:?API token}
pid=${4:?pid of the application, for jstat}
repeats=${5:-5}
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT

csrf=$(curl -sf -c "$jar" -b "$jar" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "username=admin" --data-urlencode "password=$password" \
  --data-urlencode "_csrf=$csrf" "$base/login"

# a segment with many campaigns, a tactical segment used by campaigns, a campaign, an import
segment=${SEGMENT:-hibernating}
tactical=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/campaigns?limit=1000" | grep -o '"tacticalSegmentId":[0-9]*' | head -1 | cut -d: -f2 || true)
campaign=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/campaigns?limit=1" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)

pages=(/ /campaigns "/segments/$segment" /search?q=Campaign%2012 /tactical-segments /action-plan /segmentations /imports
  /admin/access /admin/audit /calendar "/campaigns/$campaign")
[ -n "$tactical" ] && pages+=("/tactical-segments/$tactical")
apis=("/api/v1/campaigns" "/api/v1/campaigns?limit=1000" "/api/v1/campaigns?limit=20" "/api/v1/segmentation-runs"
  "/api/v1/segmentation-runs?limit=1000" "/api/v1/imports" "/api/v1/imports?limit=100" "/api/v1/tactical-segments"
  "/api/v1/segmentations" "/api/v1/users" "/api/v1/tokens" "/api/v1/audit" "/api/v1/action-plan")
for extra in ${EXTRA:-}; do
  case "$extra" in /api/*) apis+=("$extra") ;; *) pages+=("$extra") ;; esac
done

heap() { jstat -gc "$pid" | awk 'NR == 2 { printf "%.0f %.0f %d %d", ($3 + $4 + $6) / 1024, $8 / 1024, $13, $15 }'; }

measure() { # kind path
  local kind=$1 path=$2 t=() bytes before after
  before=$(heap)
  for _ in $(seq "$repeats"); do
    if [ "$kind" = page ]; then
      out=$(curl -s -o /dev/null -D - -w 'BYTES %{size_download} TOTAL %{time_total}\n' -b "$jar" "$base$path" | tr -d '\r')
      # Server-Timing when the page carried it; a page over 256 KB goes without (ServerTimingFilter): curl's total then
      server=$(echo "$out" | sed -n 's/^[Ss]erver-[Tt]iming:.*dur=\([0-9.]*\).*/\1/p')
      t+=("${server:-$(echo "$out" | awk '/^BYTES/ { printf "%.1f", $4 * 1000 }')}")
    else
      out=$(curl -s -o /dev/null -w 'BYTES %{size_download} TOTAL %{time_total}\n' -H "Authorization: Bearer $token" "$base$path")
      t+=("$(echo "$out" | awk '/^BYTES/ { printf "%.1f", $4 * 1000 }')")
    fi
    bytes=$(echo "$out" | awk '/^BYTES/ { print $2 }')
  done
  after=$(heap)
  printf '%s\n' "${t[@]}" | sort -n | awk -v p="$path" -v b="$bytes" -v h0="$before" -v h1="$after" '
    { t[NR] = $1 }
    END { split(h0, x, " "); split(h1, y, " ");
          printf "%-44s %9.1f %9.1f %10d  young+old %4d MB -> %4d MB, %d young GCs, %d full GCs\n",
                 p, t[int((NR + 1) / 2)], t[NR], b, x[1] + x[2], y[1] + y[2], y[3] - x[3], y[4] - x[4] }'
}

printf '%-44s %9s %9s %10s  (ms; %d requests each; heap: jstat before -> after the requests)\n' "console page" median max bytes "$repeats"
for p in "${pages[@]}"; do measure page "$p"; done
printf '%-44s %9s %9s %10s\n' "API call" median max bytes
for p in "${apis[@]}"; do measure api "$p"; done
