#!/usr/bin/env bash
# The test command: builds every module and runs every test against real servers started in-process
# (KRaft Kafka broker, MongoDB wire server, GreenMail), or Testcontainers where a Docker daemon answers.
set -euo pipefail
cd "$(dirname "$0")"

# The admin page's browser tests drive Debian's Chromium through its chromedriver; install both
# when missing (CI runs this as root; elsewhere sudo is used when there).
if [ ! -x /usr/bin/chromedriver ]; then
    as_root=""
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then as_root="sudo"; fi
    $as_root apt-get update
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y chromium chromium-driver
fi

exec mvn -B -ntp verify "$@"
