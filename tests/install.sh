#!/bin/sh
# Install what the test suite needs on a fresh Debian machine: the app with its test extras,
# Debian's Chromium and a CJK font for the browser tests, and a running PostgreSQL.
set -eu
cd "$(dirname "$0")/.."
need_apt=""
command -v chromium >/dev/null 2>&1 || need_apt="$need_apt chromium"
fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk" || need_apt="$need_apt fonts-wqy-zenhei"
if [ -n "$need_apt" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need_apt >/dev/null
fi
python3 -m pip install -q -e '.[test]'
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in 1 2 3 4 5 6 7 8 9 10; do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not reachable at 127.0.0.1:5432; the tests need it" >&2; exit 1; }
