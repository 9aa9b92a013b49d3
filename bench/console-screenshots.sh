#!/usr/bin/env bash
# Fresh screenshots for docs/console.md (docs/images/console/), taken in Debian's headless Chromium from the demo data:
# the jar starts with --demo on a data directory of its own, a second run, a tactical segment and a launched campaign
# with a few orders after the launch are added through the API, then bench/ConsoleScreenshots.java visits the pages
# (1280 px wide, and two at 360 px). Needs the jar (./mvnw -q -DskipTests package) and Selenium in ~/.m2 (the tests'
# dependencies).
#
#   bench/console-screenshots.sh [OUT_DIR]
set -euo pipefail
[ -n "${TRACE:-}" ] && set -x
cd "$(dirname "$0")/.."
OUT=${1:-docs/images/console}
PORT=${PORT:-18473}
TOKEN=shots-token
PASSWORD=shots-admin-password
DATA=$(mktemp -d "${TMPDIR:-/tmp}/strata-shots.XXXXXX")
cp bootstrap/target/strata.jar "$DATA/strata.jar"
STRATA_DATA_DIR="$DATA/db" STRATA_API_TOKEN=$TOKEN STRATA_ADMIN_PASSWORD=$PASSWORD SERVER_PORT=$PORT \
  java -Xmx512m -jar "$DATA/strata.jar" --demo >"$DATA/app.log" 2>&1 &
APP=$!
# errexit applies inside the trap: the killed application's status (143) must not become the script's
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -rf "$DATA"' EXIT
until grep -q "Demo segmentation" "$DATA/app.log"; do
  kill -0 $APP 2>/dev/null || { tail -20 "$DATA/app.log"; exit 1; }
  sleep 2
done
B="http://localhost:$PORT"
AUTH=(-H "Authorization: Bearer $TOKEN")
JSON=(-H "Content-Type: application/json")
id() { grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2; }

SEGMENTATION=$(curl -sf "${AUTH[@]}" "$B/api/v1/segmentations" | id id)
TACTICAL=$(curl -sf "${AUTH[@]}" "${JSON[@]}" -d '{"name":"At risk on a smart TV","parentSegment":"at_risk","rule":"frequency >= 2 and recency_days > 60","hypothesis":"They answer a big-screen offer"}' \
  "$B/api/v1/tactical-segments" | id id)
CAMPAIGN=$(curl -sf "${AUTH[@]}" "${JSON[@]}" -d '{"name":"Win back at risk","objective":"Bring them back before they sleep","targetSegment":"at_risk","actions":[{"channel":"email","content":"template:win-back"}],"controlGroupPercent":20,"attributionWindowDays":30}' \
  "$B/api/v1/campaigns" | id id)
curl -sf "${AUTH[@]}" -X POST "$B/api/v1/campaigns/$CAMPAIGN/schedule" >/dev/null
curl -sf "${AUTH[@]}" -X POST "$B/api/v1/campaigns/$CAMPAIGN/launch" >/dev/null
# every third treated customer orders after the launch, over the last three days; a few of the control group too
MEMBERS=$(curl -sf "${AUTH[@]}" -H "Accept: text/csv" "$B/api/v1/campaigns/$CAMPAIGN/audience/members" | tail -n +2)
TREATED=$(echo "$MEMBERS" | grep ',treatment' | cut -d, -f1 | awk 'NR % 3 == 0')
CONTROL=$(echo "$MEMBERS" | grep ',control' | cut -d, -f1 | awk 'NR % 6 == 0')
{
  echo "order_id,customer_id,ordered_at,amount"
  n=0
  for c in $TREATED $CONTROL; do
    n=$((n + 1))
    echo "shot-$n,$c,$(date -u -d "now - $((n % 3)) hours" +%FT%TZ),$((20 + n % 40)).50"
  done
} >"$DATA/after.csv"
curl -sf "${AUTH[@]}" -H "Content-Type: text/csv" --data-binary @"$DATA/after.csv" "$B/api/v1/imports/orders" >/dev/null
# a second run: the migration heat map, trends and the programme against the holdout
curl -sf "${AUTH[@]}" "${JSON[@]}" -d '{}' "$B/api/v1/segmentation-runs?wait=true" >/dev/null

CP="$DATA/classpath.txt"
# the tests' class path (Selenium); with -am every module writes the file, bootstrap last
./mvnw -q -o -pl bootstrap -am test-compile dependency:build-classpath -Dmdep.outputFile="$CP" -Dmdep.includeScope=test >/dev/null
java -cp "$(cat "$CP")" bench/ConsoleScreenshots.java "$B" "$PASSWORD" "$OUT" "$CAMPAIGN" "$TACTICAL" "$SEGMENTATION"
