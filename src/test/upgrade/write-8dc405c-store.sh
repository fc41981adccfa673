#!/usr/bin/env bash
# Writes the upgrade fixture src/test/resources/upgrade/8dc405c/: the embedded store (texium-store.mv) as the
# version of commit 8dc405c (before the run pipeline, the hourly execution buckets and the schema version) left it,
# and fixture.json, what was created in it. PreviousVersionIT starts the current WAR on a copy of that store.
#
# Usage (holding the build lock where builds share a machine): src/test/upgrade/write-8dc405c-store.sh
# Needs git, curl, jq and a JDK 21+ as JAVA_HOME; builds 8dc405c in a temporary worktree, runs it once, removes it.
set -euo pipefail

commit=8dc405c
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
out="$repo/src/test/resources/upgrade/$commit"
work=$(mktemp -d)
admin_password=it-admin-password-0123
alice_password=alice-password-0123
pid=

cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
  git -C "$repo" worktree remove --force "$work/src" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

git -C "$repo" worktree add --detach "$work/src" "$commit"
(cd "$work/src" && ./mvnw -B -ntp -q package -DskipTests)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$JAVA_HOME/bin/java" -Dtexium.data.dir="$work/data" -Dtexium.admin.password="$admin_password" \
  -jar "$work/src/target/payara-micro.jar" --deploy "$work/src/target/texium-scheduler.war" \
  --contextroot / --port "$port" --nocluster >"$work/payara.log" 2>&1 &
pid=$!
base="http://localhost:$port"
for _ in $(seq 180); do
  curl -fs "$base/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "$base/health/ready" >/dev/null || { cat "$work/payara.log"; echo "8dc405c did not start" >&2; exit 1; }

# call METHOD PATH [BODY] as the admin, or as USER:PASSWORD in $as; fails on any status >= 400
call() {
  local args=(-fsS -u "${as:-admin:$admin_password}" -X "$1" "$base/$2")
  if [ $# -gt 2 ]; then args+=(-H "Content-Type: application/json" -d "$3"); fi
  curl "${args[@]}"
}

alice=$(call POST api/users/ '{"username": "alice", "email": "alice@example.com", "full_name": "Alice",
  "role": "user", "password": "'"$alice_password"'"}' | jq -r .data.id)
as=alice:$alice_password
token=$(call POST "api/users/$alice/tokens" '{"name": "ci", "expires_at": "2030-06-30T00:00:00Z"}')
server=$(call POST api/servers '{"name": "db1", "description": "primary database", "tags": ["prod"],
  "check": {"type": "tcp", "host": "db1.internal", "port": 5432}}' | jq -r .server_id)
report=$(call POST api/scheduler/jobs '{"job_class_string": "jobs.echo.EchoJob", "name": "weekday report",
  "hour": "9", "minute": "30", "day_of_week": "mon-fri", "timezone": "America/New_York",
  "pub_args": ["Hello"], "pub_kwargs": {"to": "team"}, "end_date": "2035-12-31"}' | jq -r .job_id)
unset as
crontab=$(call POST api/scheduler/jobs '{"job_class_string": "jobs.echo.EchoJob", "name": "every five minutes",
  "cron": "*/5 * * * *"}' | jq -r .job_id)
nightly=$(call POST api/scheduler/jobs '{"job_class_string": "jobs.echo.EchoJob", "name": "paused nightly",
  "hour": "2", "minute": "0", "timezone": "Europe/Berlin"}' | jq -r .job_id)
call PATCH "api/scheduler/jobs/$nightly/pause" >/dev/null
monthly=$(call POST api/scheduler/jobs '{"job_class_string": "jobs.echo.EchoJob", "name": "paused monthly",
  "cron": "0 6 1 * *"}' | jq -r .job_id)
call PATCH "api/scheduler/jobs/$monthly/pause" >/dev/null
ticker=$(call POST api/scheduler/jobs '{"job_class_string": "jobs.echo.EchoJob", "name": "ticker",
  "second": "*"}' | jq -r .job_id)

# scheduled executions from the ticker, then manual ones; all finished before the stop
sleep 4
call PATCH "api/scheduler/jobs/$ticker/pause" >/dev/null
for job in "$report" "$crontab" "$report"; do call POST "api/scheduler/jobs/$job/run" >/dev/null; done
for _ in $(seq 30); do
  unfinished=$(call GET 'api/scheduler/executions?page_size=500' | jq '[.data[] | select(.status == "scheduled" or .status == "running")] | length')
  [ "$unfinished" = 0 ] && break
  sleep 1
done
executions=$(call GET 'api/scheduler/executions?page_size=500')
stats=$(call GET api/scheduler/stats)

kill -TERM "$pid"
wait "$pid" || true
pid=

mkdir -p "$out"
cp "$work/data/texium-store.mv" "$out/texium-store.mv"
jq -n --arg admin_password "$admin_password" --arg alice "$alice" --arg alice_password "$alice_password" \
  --argjson token "$token" --arg server "$server" --argjson executions "$executions" --argjson stats "$stats" \
  --arg report "$report" --arg crontab "$crontab" --arg nightly "$nightly" --arg monthly "$monthly" --arg ticker "$ticker" '{
    commit: "'"$commit"'",
    admin_password: $admin_password,
    alice: {id: $alice, username: "alice", password: $alice_password},
    token: {id: $token.data.id, secret: $token.token},
    server: {id: $server, name: "db1"},
    jobs: {armed: [$report, $crontab], paused: [$nightly, $monthly, $ticker]},
    executions: [$executions.data[] | {id, job_id, status}],
    stats: $stats
  }' >"$out/fixture.json"
ls -l "$out"
