#!/usr/bin/env bash
# The benchmark command: ./bench/run.sh outbound | inbound | all
#
# Measures the gateway's services (each in its own JVM, from its executable jar) against real mail
# servers on this machine, beside the peers that bound them: Postfix's smtp-source into smtp-sink,
# and a raw UID FETCH from Dovecot. Installs what is missing (postfix for smtp-sink/smtp-source only,
# dovecot-imapd, dovecot-pop3d, dovecot-lmtpd), builds with Maven, prints a table and keeps it in
# bench/target/results/. Everything listens on 127.0.0.1 only; every run is bounded in count and
# time, and every process it starts is stopped at the end, on Ctrl-C and on failure.
# Counts, rates and deadlines: BENCH_* variables, see docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."

command="${1:-all}"
case "$command" in
    outbound|inbound|all) ;;
    *) echo "Usage: ./bench/run.sh outbound|inbound|all" >&2; exit 2 ;;
esac

missing=()
for tool in /usr/sbin/smtp-sink:postfix /usr/sbin/smtp-source:postfix /usr/sbin/dovecot:dovecot-imapd \
        /usr/lib/dovecot/imap:dovecot-imapd /usr/lib/dovecot/pop3:dovecot-pop3d /usr/lib/dovecot/lmtp:dovecot-lmtpd; do
    [ -x "${tool%%:*}" ] || missing+=("${tool##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
    as_root=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "Needs root or sudo to install: ${missing[*]}" >&2; exit 1; }
        as_root="sudo"
    fi
    echo "Installing ${missing[*]} (postfix only for smtp-sink and smtp-source: no MTA is configured)"
    # "No configuration": Postfix installs unattended and no mail system is set up.
    echo "postfix postfix/main_mailer_type select No configuration" | $as_root debconf-set-selections
    $as_root apt-get update -qq
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix dovecot-imapd dovecot-pop3d dovecot-lmtpd
fi

echo "Building (mvn package -pl bench -am -DskipTests)..."
mvn -B -ntp -q -pl bench -am package -DskipTests

jar="$(ls bench/target/bench-*-exec.jar | head -n 1)"
# Dovecot holds a connection per mailbox of the many-mailboxes run.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# The harness runs in a process group of its own, so that Ctrl-C or a failure here can stop it and
# every process it started (the services, smtp-sink, Dovecot) by that group's id.
setsid java ${BENCH_JAVA_OPTS:--Xmx2g} -Dbench.repository="$PWD" -jar "$jar" "$command" &
harness=$!
stop_harness() {
    trap - INT TERM
    if kill -0 -- "-$harness" 2>/dev/null; then
        echo "Stopping the benchmark..." >&2
        kill -TERM -- "-$harness" 2>/dev/null || true
        for _ in $(seq 1 30); do
            kill -0 -- "-$harness" 2>/dev/null || break
            sleep 1
        done
        kill -KILL -- "-$harness" 2>/dev/null || true
    fi
}
trap 'stop_harness; exit 130' INT TERM
trap stop_harness EXIT
wait "$harness"
