# Sourced by scripts/start: the demo portal's provisioning set-up.
# - The credentials encryption key: created once in the (git-ignored) data folder, never committed.
# - The shared servers: the machine's PostgreSQL and Redis when they answer (override with
#   CAIRN_SHARED_POSTGRES_HOST/PORT/USER/PASSWORD and CAIRN_SHARED_REDIS_HOST/PORT); otherwise none, and
#   environments show which provisioner to configure.

key_file="$CAIRN_DATA_DIR/intent-credentials.key"
if [ ! -s "$key_file" ]; then
  (umask 077 && node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('base64'))" >"$key_file")
  cairn_log "created the credentials encryption key $key_file (keep it with the data; losing it loses the stored credentials)"
fi
CAIRN_INTENT_CREDENTIALS_KEY="$(cat "$key_file")"
export CAIRN_INTENT_CREDENTIALS_KEY

pg_host="${CAIRN_SHARED_POSTGRES_HOST:-127.0.0.1}"
pg_port="${CAIRN_SHARED_POSTGRES_PORT:-5432}"
if node scripts/lib/probe-tcp.js "$pg_host" "$pg_port"; then
  APP_CONFIG_intent_provisioners_sharedPostgres="$(node -e '
    const [host, port, user, password] = process.argv.slice(1);
    process.stdout.write(JSON.stringify({ host, port: Number(port), user, ...(password ? { password } : {}) }));
  ' "$pg_host" "$pg_port" "${CAIRN_SHARED_POSTGRES_USER:-postgres}" "${CAIRN_SHARED_POSTGRES_PASSWORD:-}")"
  export APP_CONFIG_intent_provisioners_sharedPostgres
  cairn_log "shared PostgreSQL for preview and dev environments: $pg_host:$pg_port"
else
  cairn_log "no PostgreSQL answers at $pg_host:$pg_port: environments' databases show 'awaiting a provisioner' (set CAIRN_SHARED_POSTGRES_HOST/PORT/USER/PASSWORD)"
fi

redis_host="${CAIRN_SHARED_REDIS_HOST:-127.0.0.1}"
redis_port="${CAIRN_SHARED_REDIS_PORT:-6379}"
if node scripts/lib/probe-tcp.js "$redis_host" "$redis_port"; then
  export APP_CONFIG_intent_provisioners_sharedRedis="{\"host\":\"$redis_host\",\"port\":$redis_port}"
  cairn_log "shared Redis for preview and dev environments: $redis_host:$redis_port"
else
  cairn_log "no Redis answers at $redis_host:$redis_port: environments' caches show 'awaiting a provisioner' (set CAIRN_SHARED_REDIS_HOST/PORT)"
fi
