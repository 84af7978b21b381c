# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by build-aux/check, build-aux/demo and build-aux/bench.

# Debian 12 packages needed to build, test and run Comptoir from the tree.
COMPTOIR_PACKAGES=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libgtk-4-dev libgtk-4-bin libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev
  libsecret-1-dev libsqlite3-dev libgdk-pixbuf-2.0-dev libjpeg62-turbo-dev
  libjpeg-turbo-progs
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev gstreamer1.0-plugins-base
  gstreamer1.0-plugins-good gstreamer1.0-pipewire
  desktop-file-utils appstream
  xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools openssl
  locales-all fonts-cantarell adwaita-icon-theme librsvg2-common
  chromium
)

comptoir_ensure_packages ()
{
  local missing=() pkg
  for pkg in "${COMPTOIR_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  # The OpenAPI linter runs on Node.js; any npm will do (some machines have
  # a newer Node.js than Debian's, whose npm package conflicts with it).
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing missing packages: ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "These Debian packages are missing. Install them with:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
}

# Configures (or reconfigures) a build folder and builds it.
comptoir_build ()
{
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson configure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@"
  fi
  ninja -C "$dir"
}

# Runs a command with a virtual display and a private D-Bus session.
comptoir_headless ()
{
  xvfb-run -a -s "-screen 0 1280x1024x24" \
    dbus-run-session -- env GSK_RENDERER=cairo NO_AT_BRIDGE=1 "$@"
}
