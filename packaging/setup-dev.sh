#!/usr/bin/env bash
# Set up Clientele from a source checkout: system libraries Qt needs (Debian/Ubuntu), a clean virtual
# environment in .venv with the app and its test tools, and optionally open the app on the demo shop.
#   bash packaging/setup-dev.sh          set up
#   bash packaging/setup-dev.sh --run    set up, then open the demo shop
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
# Qt needs these even offscreen; the xcb ones and xvfb are for a real window or a virtual screen;
# poppler-utils (pdftoppm, pdftotext) lets the tests read the monthly report's PDF back.
DEB_PACKAGES="libgl1 libegl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 \
libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 \
fonts-wqy-microhei fonts-dejavu-core xvfb xauth binutils poppler-utils"

if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=""
  for p in $DEB_PACKAGES; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    echo "Installing system packages:$missing"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
  fi
fi

"$PYTHON" -m venv --clear .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
echo "Clientele is installed in .venv. Open it with: .venv/bin/clientele --demo"

if [ "${1:-}" = "--run" ]; then
  exec .venv/bin/clientele --demo
fi
