#!/usr/bin/env bash
# The run command: builds the gateway when its sources changed, then runs the whole of it in this
# terminal (embedded Kafka on 9092, MongoDB wire server on 27017, demo mail server, the three
# services on 8080-8082). Data is kept in .local-stack/ (or --mailgw.localstack.data-dir=...).
# Ctrl-C stops everything. Arguments are passed on, e.g. --logging.level.io.mailgw=DEBUG.
# Needs Java 17 and Maven.
set -euo pipefail
cd "$(dirname "$0")"

jar() {
    ls -S local-stack/target/local-stack-*.jar 2>/dev/null | head -n 1
}

sources_changed_since() {
    find . \( -name .git -o -name target -o -name .local-stack -o -name node_modules \) -prune -o \
        -type f \( -name pom.xml -o -path '*/src/main/*' \) -newer "$1" -print -quit
}

if [ -z "$(jar)" ] || [ -n "$(sources_changed_since "$(jar)")" ]; then
    echo "Building the gateway (mvn package -DskipTests); the first build downloads dependencies..."
    # The services are packaged as plain jars here: local-stack puts them on its classpath.
    # jar recreation is forced so that no executable jar left by an earlier build stands in for a plain one.
    mvn -B -q -ntp package -DskipTests -Dspring-boot.repackage.skip=true -Dmaven.jar.forceCreation=true
fi

# Small heap and quick start: this is one developer's machine, not a production server.
exec java ${JAVA_OPTS:--Xms128m -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1} -jar "$(jar)" "$@"
