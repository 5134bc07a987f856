#!/usr/bin/env bash
# The test command: builds every module and runs every test against real servers started in-process
# (KRaft Kafka broker, MongoDB wire server, GreenMail), or Testcontainers where a Docker daemon answers.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp verify "$@"
