# syntax=docker/dockerfile:1.7
# Quiver in a container: built with the Maven wrapper on a JDK 25, run on a Java 25 runtime.
#   docker build -t quiver .
#   docker run -p 6333:6333 -v quiver-storage:/qdrant/storage quiver
# Configuration as with Qdrant's image: QDRANT__* environment variables, or a file mounted over
# /qdrant/config/config.yaml. See docs/operations.md.

# ---- build ------------------------------------------------------------------------------------------
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
# the wrapper fetches Maven; the cache mount keeps ~/.m2 between builds
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl bootstrap -am package -DskipTests \
 && mkdir -p /out \
 && cp bootstrap/target/quiver.jar /out/ \
 && cp -r bootstrap/target/libs /out/libs

# ---- run --------------------------------------------------------------------------------------------
FROM eclipse-temurin:25-jre
# curl for the health check only
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system quiver \
 && useradd --system --gid quiver --home-dir /qdrant --no-create-home quiver \
 && mkdir -p /qdrant/storage /qdrant/snapshots /qdrant/config \
 && chown -R quiver:quiver /qdrant
WORKDIR /qdrant
COPY --from=build /out/quiver.jar /qdrant/quiver.jar
COPY --from=build /out/libs /qdrant/libs
COPY config/config.yaml /qdrant/config/config.yaml

ENV QDRANT__STORAGE__STORAGE_PATH=/qdrant/storage \
    QDRANT__STORAGE__SNAPSHOTS_PATH=/qdrant/snapshots \
    QDRANT__SERVICE__HOST=0.0.0.0 \
    QDRANT__SERVICE__HTTP_PORT=6333 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/qdrant/storage", "/qdrant/snapshots"]
# 6333: REST. 6334 is Qdrant's gRPC port; Quiver does not serve gRPC yet, it is exposed for compatibility.
EXPOSE 6333 6334
USER quiver

HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${QDRANT__SERVICE__HTTP_PORT}/readyz" >/dev/null \
   || curl -fsSk "https://127.0.0.1:${QDRANT__SERVICE__HTTP_PORT}/readyz" >/dev/null \
   || exit 1

# SIGTERM (docker stop) runs the shutdown hook: requests stop, storage is flushed and closed
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=30000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-jar", "/qdrant/quiver.jar"]
