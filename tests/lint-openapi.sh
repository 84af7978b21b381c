#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Lints the OpenAPI documents under docs/api/ with Redocly CLI's "recommended-strict"
# ruleset (every warning of "recommended" is an error). The linter is installed from npm
# into a cache directory under the build directory the first time.
#
# Usage: lint-openapi.sh SOURCE_ROOT CACHE_DIR
set -eu

src_root=${1:?source root}
cache=${2:?cache directory}
version=2.77.0

export REDOCLY_TELEMETRY=off
export REDOCLY_SUPPRESS_UPDATE_NOTICE=true
export NO_UPDATE_NOTIFIER=1
export npm_config_update_notifier=false

redocly="$cache/node_modules/.bin/redocly"
if [ ! -x "$redocly" ]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --loglevel=error \
    "@redocly/cli@$version"
fi

cd "$src_root"
exec "$redocly" lint --config redocly.yaml \
  docs/api/marketplace.yaml docs/api/directory.yaml
