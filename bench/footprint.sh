#!/bin/bash
# Footprint of the daemon as the launcher runs it: start -> first activity poll, and idle RSS after 60 s, with
# every shipped route on, against the simulator (run on purpose, like the other benchmarks; needs curl).
#   mvn -B -q package -DskipTests && bench/footprint.sh [label] [VAR=value ...]
# e.g. bench/footprint.sh no-management PROJECTIONIST_MANAGEMENT_ENABLED=false
# FOOTPRINT_ARCHIVE=1 first builds a class-data-sharing archive in the scratch PROJECTIONIST_HOME (as the image does).
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
label=${1:-bin/projectionist}; shift || true
scratch=$repo/target/footprint
rm -rf "$scratch/work" && mkdir -p "$scratch/home" "$scratch/work" && cd "$scratch/work"
ln -s "$repo/routes" routes && cp "$repo/curation.yaml" .
java -jar "$repo/target/projectionist.jar" simulate --plays 5000 --tautulli-port 18181 --plex-port 18282 > sim.log 2>&1 &
SIM=$!
trap 'kill $SIM 2>/dev/null' EXIT
for _ in $(seq 1 120); do grep -q "Ctrl-C" sim.log && break; sleep 0.5; done
export TAUTULLI_URL=http://127.0.0.1:18181 PLEX_URL=http://127.0.0.1:18282
TAUTULLI_API_KEY=$(grep "Tautulli API key" sim.log | awk '{print $NF}'); export TAUTULLI_API_KEY
PLEX_TOKEN=$(grep "Plex admin token" sim.log | awk '{print $NF}'); export PLEX_TOKEN
export PROJECTIONIST_HOME=$scratch/home PROJECTIONIST_JAR=$repo/target/projectionist.jar
if [ -n "${FOOTPRINT_ARCHIVE:-}" ]; then
  java -XX:ArchiveClassesAtExit="$scratch/home/projectionist.jsa" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -jar "$PROJECTIONIST_JAR" run --duration 15 > archive.log 2>&1
fi
export PROJECTIONIST_ACTIVITY_CRON="0/1 * * * * ?"
T0=$(date +%s.%N)
env "$@" "$repo/bin/projectionist" run > run.log 2>&1 &
FIRST="-"
for _ in $(seq 1 300); do
  v=$(curl -s http://127.0.0.1:9876/observe/metrics 2>/dev/null \
      | grep '^projectionist_last_successful_poll_seconds{poll="activity"' | awk '{print $2}')
  if [ -n "$v" ] && [ "$v" != "0.0" ]; then FIRST=$(python3 -c "print(round($v - $T0, 2))"); break; fi
  sleep 0.05
done
sleep 60
JPID=$(pgrep -f "$PROJECTIONIST_JAR run" | head -1)
RSS=$(awk '/VmRSS/{print $2}' "/proc/$JPID/status")
PSS=$(awk '/^Pss:/{print $2}' "/proc/$JPID/smaps_rollup")
echo "$label: start -> first activity poll ${FIRST} s; idle RSS $((RSS / 1024)) MB (PSS $((PSS / 1024)) MB), $(ls "/proc/$JPID/task" | wc -l) threads"
kill "$JPID"; sleep 2
