# shellcheck shell=bash
# The database bootstrap script of terraform/modules/rds (the release's first task), run with psql
# against a real PostgreSQL whose master user, as on RDS, is not a superuser.

# The script as Terraform renders it: the heredoc's lines without their indent, $${ as ${.
bootstrap_script() {
  sed -n '/bootstrap_script = <<-EOT/,/^  EOT$/p' "$DEPLOY_DIR/../terraform/modules/rds/main.tf" |
    sed '1d;$d' | sed 's/^    //' | sed 's/\$\${/${/g'
}

# Runs a PostgreSQL server owned by an unprivileged user on a socket in $WORK/pg (no TCP port).
start_postgres() {
  local as=()
  [ "$(id -u)" != 0 ] || as=(runuser -u nobody --)
  command -v initdb >/dev/null 2>&1 || fail "initdb is not installed"
  mkdir -p "$WORK/pg"
  chmod 777 "$WORK" "$WORK/pg"
  "${as[@]}" initdb -D "$WORK/pg/data" -A trust -U postgres >/dev/null
  "${as[@]}" pg_ctl -D "$WORK/pg/data" -o "-k $WORK/pg -c listen_addresses=''" -w -l "$WORK/pg/log" start >/dev/null
  trap '"${as[@]}" pg_ctl -D "$WORK/pg/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
  export PGHOST="$WORK/pg" PGDATABASE=postgres
  psql -U postgres -v ON_ERROR_STOP=1 -q -c "CREATE ROLE peerprep LOGIN CREATEROLE CREATEDB"
}

run_bootstrap() {
  bootstrap_script >"$WORK/bootstrap.sh"
  PGUSER=peerprep DATABASES="history_db:history_service user_db:user_service" \
    ROLE_PASSWORD_user_service="$1" ROLE_PASSWORD_history_service="$2" sh "$WORK/bootstrap.sh" >"$OUT" 2>&1
}

sql() {
  psql -U "$1" -d "$2" -tAc "$3" 2>&1
}

test_bootstrap_sql_gives_each_service_a_role_owning_only_its_database() {
  start_postgres
  run_bootstrap "first-user-secret" "first-history-secret" || fail "the bootstrap failed"
  assert_output "database user_db owned by role user_service"
  [ "$(sql postgres postgres "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'user_db'")" = user_service ] ||
    fail "user_db is not owned by user_service"
  [ "$(sql postgres postgres "SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = 'user_service'")" = f ] ||
    fail "user_service has more than LOGIN"
  [ "$(sql postgres postgres "SELECT rolpassword IS NOT NULL FROM pg_authid WHERE rolname = 'history_service'")" = t ] ||
    fail "history_service has no password"
  [ "$(sql user_service user_db "CREATE TABLE t (id int)")" = "CREATE TABLE" ] || fail "user_service cannot create tables in its database"
  [[ "$(sql user_service history_db "SELECT 1")" == *"permission denied for database"* ]] ||
    fail "user_service can connect to history_db"
  [[ "$(sql history_service user_db "SELECT 1")" == *"permission denied for database"* ]] ||
    fail "history_service can connect to user_db"
}

test_bootstrap_sql_runs_again_on_every_release_and_takes_a_new_password() {
  start_postgres
  run_bootstrap "first-user-secret" "first-history-secret" || fail "the first bootstrap failed"
  local before
  before="$(sql postgres postgres "SELECT rolpassword FROM pg_authid WHERE rolname = 'user_service'")"
  run_bootstrap "rotated-user-secret" "first-history-secret" || fail "the second bootstrap failed"
  [ "$(sql postgres postgres "SELECT rolpassword FROM pg_authid WHERE rolname = 'user_service'")" != "$before" ] ||
    fail "the rotated password was not set"
  [ "$(sql postgres postgres "SELECT count(*) FROM pg_database WHERE datname IN ('user_db', 'history_db')")" = 2 ] ||
    fail "databases missing after the second run"
}
