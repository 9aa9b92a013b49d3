#!/usr/bin/env bash
# Server render time of every console page, from the Server-Timing header (app;dur=<ms>).
# Logs in with a session cookie like a browser, finds one segment, customer, run, segmentation, campaign and
# import through the pages' own links, requests each page several times and prints min / median / max.
#
#   bench/console-timings.sh BASE_URL PASSWORD [USER] [REPEATS]
#   bench/console-timings.sh http://localhost:18282 "$STRATA_ADMIN_PASSWORD"
# SKIP="/ /admin/audit" leaves those pages out (one far too slow to repeat at a scale: time it once by hand).
set -euo pipefail

base=${1:?base URL, e.g. http://localhost:8080}
password=${2:?password of the console user}
user=${3:-admin}
repeats=${4:-5}
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT

csrf=$(curl -sf -c "$jar" -b "$jar" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
status=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$jar" -b "$jar" --data-urlencode "username=$user" \
  --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf" "$base/login")
case "$status" in
  *login*) echo "login as $user failed: $status" >&2; exit 1 ;;
esac

page() { curl -sf -b "$jar" "$base$1"; }
# the first link of a page that matches a pattern, e.g. first_link / '/segments/[a-z_]+'
first_link() { page "$1" | grep -oE "href=\"$2\"" | head -1 | sed 's/^href="//; s/"$//' || true; }

segment=$(first_link / '/segments/[a-z0-9_]+')
customer=$([ -n "$segment" ] && first_link "$segment" '/customers/[^"]+' || true)
segmentation=$(first_link /segmentations '/segmentations/[0-9]+')
run=$(first_link /segmentations '/segmentation-runs/[0-9]+')
campaign=$(first_link /campaigns '/campaigns/[0-9]+')
import=$(first_link /imports '/imports/[0-9a-f-]{36}')

pages=(/ /segmentations /tactical-segments /tactical-segments/new /customers /campaigns /campaigns/new /action-plan
  /imports /imports/new /admin/access /admin/audit)
for found in "$segment" "$customer" "$segmentation" "$run" "$campaign" "$import"; do
  [ -n "$found" ] && pages+=("$found")
done
[ -n "$import" ] && pages+=("$import/errors")
# issue 18: the navigation's search (an id prefix, and an email fragment that uses the trigram index) and the trends
pages+=("/search?q=C0001" "/search?q=example.com")
[ -n "$segmentation" ] && pages+=("$segmentation/trends")
[ -n "$segment" ] && pages+=("$segment/trends")

printf '%-56s %8s %8s %8s  (ms, %d requests)\n' page min median max "$repeats"
for path in "${pages[@]}"; do
  case " ${SKIP:-} " in *" $path "*) printf '%-56s %s\n' "$path" "left out (SKIP)"; continue ;; esac
  times=()
  for _ in $(seq "$repeats"); do
    header=$(curl -s -o /dev/null -D - -b "$jar" "$base$path" | tr -d '\r' | grep -i '^server-timing:' || true)
    times+=("$(echo "$header" | sed -n 's/.*dur=\([0-9.]*\).*/\1/p')")
  done
  if [ -z "${times[0]}" ]; then
    printf '%-56s %s\n' "$path" "no Server-Timing header"
    continue
  fi
  printf '%s\n' "${times[@]}" | sort -n | awk -v p="$path" '{ t[NR] = $1 } END { printf "%-56s %8.1f %8.1f %8.1f\n", p, t[1], t[int((NR + 1) / 2)], t[NR] }'
done
