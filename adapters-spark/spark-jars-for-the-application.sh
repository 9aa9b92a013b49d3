#!/usr/bin/env bash
# Spark's jars for the application's class path (STRATA_ENGINE=spark with Boot's PropertiesLauncher, docs/scale-out.md):
# Spark's provided dependencies minus every library the application jar already holds in the same major version.
# Two copies of one library on the class path break the start: e.g. xz 1.11 (the application's, for the embedded
# PostgreSQL's binaries) and 1.12 (Spark's) end in "sealing violation: package org.tukaani.xz is sealed". Different
# majors are different libraries (Jackson 2, Spark's, beside Jackson 3, the application's) and both stay.
# Usage: adapters-spark/spark-jars-for-the-application.sh [application jar] [output directory]
#   after: ./mvnw -B -o -q -pl bootstrap,adapters-spark -am package -DskipTests dependency:copy-dependencies \
#            -DincludeScope=provided -DoutputDirectory=target/spark-jars
set -euo pipefail
cd "$(dirname "$0")/.."
APP_JAR=${1:-bootstrap/target/strata.jar}
OUT=${2:-adapters-spark/target/spark-jars-for-the-application}
SPARK_JARS=adapters-spark/target/spark-jars
[ -d "$SPARK_JARS" ] || { echo "no $SPARK_JARS: copy Spark's jars first (see the header)" >&2; exit 2; }
rm -rf "$OUT" && mkdir -p "$OUT"
# name and major version of a jar file: "xz-1.12.jar" -> "xz 1"
KEYS='{ n = $0; sub(/-[0-9][^-]*(-[A-Za-z0-9.]+)*\.jar$/, "", n); m = substr($0, length(n) + 2); sub(/[^0-9].*$/, "", m); print n " " m }'
unzip -Z1 "$APP_JAR" 'BOOT-INF/lib/*' | sed 's|BOOT-INF/lib/||' | awk "$KEYS" | sort -u > "$OUT.app-keys"
kept=0 skipped=0
for jar in "$SPARK_JARS"/*.jar; do
  if grep -qxF "$(basename "$jar" | awk "$KEYS")" "$OUT.app-keys"; then
    skipped=$((skipped + 1))
  else
    cp "$jar" "$OUT/" && kept=$((kept + 1))
  fi
done
rm "$OUT.app-keys"
echo "$OUT: $kept of Spark's jars ($(du -sh "$OUT" | cut -f1)); $skipped already in $APP_JAR"
