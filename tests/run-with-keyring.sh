#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a test program with a private keyring, never the user's:
#   run-with-keyring.sh daemon PROGRAM…  gnome-keyring in a private D-Bus session, unlocked
#   run-with-keyring.sh locked PROGRAM…  the same daemon, never unlocked
#   run-with-keyring.sh file PROGRAM…    libsecret's file backend (the one Flatpak uses)
set -eu
mode=$1
shift
home=$(mktemp -d "${TMPDIR:-/tmp}/comptoir-keyring-XXXXXX")
trap 'rm -rf "$home"' EXIT INT TERM
export COMPTOIR_KEYRING_MODE="$mode"

case "$mode" in
  file)
    # Under LeakSanitizer: libsecret's file backend leaks a GIO string on each
    # write (its stack holds only GIO frames). The same test binaries also
    # run with the daemon, with no such suppression.
    if [ -n "${LSAN_OPTIONS:-}" ]; then
      cat "$(dirname "$0")/lsan.supp" > "$home/lsan.supp" 2>/dev/null || true
      echo "leak:libgio-2.0.so.0" >> "$home/lsan.supp"
      export LSAN_OPTIONS="$LSAN_OPTIONS:suppressions=$home/lsan.supp:fast_unwind_on_malloc=0"
    fi
    export SECRET_BACKEND=file
    export SECRET_FILE_TEST_PATH="$home/keyring"
    export SECRET_FILE_TEST_PASSWORD=comptoir-test
    "$@"
    ;;
  daemon|locked)
    export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
           XDG_RUNTIME_DIR="$home/run" XDG_CACHE_HOME="$home/cache"
    mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR" "$XDG_CACHE_HOME"
    chmod 700 "$XDG_RUNTIME_DIR"
    # No display for the bus either: a keyring prompt (gcr-prompter, started
    # by D-Bus activation) would wait forever on Xvfb; without a display it
    # fails at once, as a locked keyring should.
    unset DISPLAY WAYLAND_DISPLAY
    exec dbus-run-session -- sh -c '
      if [ "$COMPTOIR_KEYRING_MODE" = daemon ]; then
        eval "$(printf %s comptoir-test | gnome-keyring-daemon --unlock --components=secrets)"
      else
        # No password and no display: nothing can unlock it.
        eval "$(gnome-keyring-daemon --start --components=secrets </dev/null)"
      fi
      export GNOME_KEYRING_CONTROL
      exec "$@"' sh "$@"
    ;;
  *)
    echo "usage: $0 daemon|locked|file PROGRAM [ARGS…]" >&2
    exit 2
    ;;
esac
