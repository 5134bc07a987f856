# syntax=docker/dockerfile:1
# One image per gateway service, chosen with the build argument MODULE
# (config-service, inbound-poller or outbound-sender); docker-compose.yml builds all three.

FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
# The Maven repository is a build cache, so that a rebuild downloads nothing it already has.
# The executable (repackaged) jar is the largest one the module builds.
RUN --mount=type=cache,target=/root/.m2 \
    test -n "${MODULE}" || { echo "Build with --build-arg MODULE=<service module>" >&2; exit 1; } ; \
    mvn -B -q -pl "${MODULE}" -am package -DskipTests && \
    cp "$(ls -S "${MODULE}"/target/"${MODULE}"-*.jar | head -n 1)" /app.jar

FROM eclipse-temurin:17-jre
# curl for the healthcheck of docker-compose.yml
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* && \
    useradd --system --uid 10001 --no-create-home mailgw
COPY --from=build /app.jar /app/app.jar
USER mailgw
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
