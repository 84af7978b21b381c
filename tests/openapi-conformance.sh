#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs tests/openapi-conformance.mjs: the sandbox answers the documents' own examples
# exactly as docs/api/*.yaml declare. Its npm dependencies (a JSON Schema 2020-12
# validator and a YAML parser) are installed into a cache directory under the build
# directory the first time.
#
# Usage: openapi-conformance.sh SOURCE_ROOT CACHE_DIR SANDBOX_EXE
set -eu

src_root=${1:?source root}
cache=${2:?cache directory}
sandbox=${3:?comptoir-sandbox}

export NO_UPDATE_NOTIFIER=1
export npm_config_update_notifier=false

if [ ! -f "$cache/node_modules/ajv-formats/package.json" ]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --loglevel=error \
    ajv@8.20.0 ajv-formats@3.0.1 yaml@2.9.1
fi

exec node "$src_root/tests/openapi-conformance.mjs" "$src_root" "$cache" "$sandbox"
