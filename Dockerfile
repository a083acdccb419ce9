# Projectionist: one small container. Build the jar first (mvn -B package -DskipTests), then:
#   docker build -t projectionist .
#   docker run -d --name projectionist -v "$PWD/config:/config" --env-file .env -p 127.0.0.1:9876:9876 projectionist
# See packaging/compose.yaml for the compose form.
FROM eclipse-temurin:17-jre

# curl for the health check; a non-root user owning /config
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 projectionist \
 && useradd --system --uid 10001 --gid projectionist --home-dir /config --shell /usr/sbin/nologin projectionist \
 && mkdir -p /config /opt/projectionist/bin \
 && chown projectionist:projectionist /config

COPY target/projectionist.jar /opt/projectionist/projectionist.jar
COPY bin/projectionist /opt/projectionist/bin/projectionist
COPY routes/ /opt/projectionist/routes/

# Class data sharing: a training run against the built-in simulator records the classes the daemon loads, so the
# container starts faster (bin/projectionist uses the archive when it is there and matches this JDK and jar).
RUN chmod 0755 /opt/projectionist/bin/projectionist \
 && cd /tmp \
 && java -XX:ArchiveClassesAtExit=/opt/projectionist/projectionist.jsa -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
         -Xlog:cds=off -Xlog:cds+dynamic=off \
         -jar /opt/projectionist/projectionist.jar demo --duration 12 --plays 2000 >/dev/null 2>&1 \
 ; rm -rf /tmp/out /tmp/data \
 ; chmod 0444 /opt/projectionist/projectionist.jsa 2>/dev/null || true

# /config holds your application.properties (optional: every setting also has an environment variable), and the
# daemon's state (data/) and output (out/). Routes: the shipped ones; to add yours, put them in /config/routes with
# the shipped ones and set PROJECTIONIST_ROUTES_DIR=/config/routes.
# The management server listens on every interface of the container (the daemon's default is 127.0.0.1, which
# nothing outside the container could reach): who reaches it is decided by the port mapping (-p 127.0.0.1:9876:9876
# keeps it on the host). Reachable from other machines? Turn on PROJECTIONIST_MANAGEMENT_AUTHENTICATION with a
# PROJECTIONIST_MANAGEMENT_USERS_FILE (see application.properties).
ENV PROJECTIONIST_HOME=/opt/projectionist \
    PROJECTIONIST_ROUTES_DIR=/opt/projectionist/routes \
    PROJECTIONIST_DATA_DIR=/config/data \
    PROJECTIONIST_OUT_DIR=/config/out \
    PROJECTIONIST_MANAGEMENT_HOST=0.0.0.0 \
    PROJECTIONIST_MANAGEMENT_PORT=9876
WORKDIR /config
VOLUME ["/config"]
USER projectionist:projectionist
EXPOSE 9876

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:9876/observe/health || exit 1

ENTRYPOINT ["/opt/projectionist/bin/projectionist"]
CMD ["run"]
