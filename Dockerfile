# Reproserve's container image: built with the Maven wrapper on a JDK image, run on a JRE image with glibc
# (XGBoost's native library needs glibc and libgomp, so no Alpine). The base images are build arguments, so
# that a machine without a registry can build the same file on local images.
#   docker build -t reproserve .
#   docker build --build-arg VERSION=0.1.0 --build-arg REVISION=$(git rev-parse HEAD) -t reproserve .
# The defaults are the public Eclipse Temurin images, pinned by tag and digest (the multi-platform index
# digests that docker-library/repo-info records for these tags: Temurin 17.0.20+8 on Ubuntu 22.04), so a
# rebuild gets the same base until someone moves the pin on purpose. Any glibc image with Java 17 (a JDK
# for the build, a JRE for the run), apt-get, groupadd and useradd will do: scripts/container-check.sh
# builds this file on local Debian bookworm images made with debootstrap (docs/container.md).
ARG BUILD_IMAGE=eclipse-temurin:17-jdk-jammy@sha256:ef4374b4b6b9d813dd3f5b593a35ec9a820cfb64a55994798147cc73435a0208
ARG RUN_IMAGE=eclipse-temurin:17-jre-jammy@sha256:ec72ba5962b45ae4e7f96bfb5ebf6eeb34a488b967f937c8e14f0aaec688954f

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Dependencies in a layer of their own: it is rebuilt only when the POM changes.
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
# The tests ran in CI before an image is built; the context holds no .git, so no commit is recorded here.
# The image always runs with a datasource (compose and Kubernetes configure one), so the embedded PostgreSQL of
# the first command is left out: its binaries for Linux and macOS (about 75 MB) stay in the jar, not in the image.
RUN ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true -Dmaven.gitcommitid.skip=true package \
	&& java -Djarmode=tools -jar target/reproserve-*.jar extract --layers --launcher --destination /extracted \
	&& rm /extracted/dependencies/BOOT-INF/lib/embedded-postgres-binaries-*.jar \
	&& sed -i '/embedded-postgres-binaries-/d' /extracted/application/BOOT-INF/classpath.idx

FROM ${RUN_IMAGE}
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG SOURCE=""
LABEL org.opencontainers.image.title="Reproserve" \
	org.opencontainers.image.description="Model serving with versioned, immutable, reproducible model bundles" \
	org.opencontainers.image.source="${SOURCE}" \
	org.opencontainers.image.version="${VERSION}" \
	org.opencontainers.image.licenses="Apache-2.0" \
	org.opencontainers.image.revision="${REVISION}"
# libgomp1 (OpenMP, for XGBoost): on Ubuntu and Debian alike; already there on a base that has it.
RUN apt-get update \
	&& DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libgomp1 \
	&& rm -rf /var/lib/apt/lists/* \
	&& groupadd --system --gid 10001 reproserve \
	&& useradd --system --uid 10001 --gid reproserve --no-create-home --home-dir /app reproserve
WORKDIR /app
# Spring Boot's layers, least often changed first.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# Numeric, so that Kubernetes can check runAsNonRoot (deploy/k8s runs as 10001 too).
USER 10001
# OpenMP threads that busy-wait make XGBoost training 10-60x slower on small machines; the heap follows the
# container's memory limit.
# The image's own identity, recorded in every bundle it trains and shown in /actuator/info.
ENV OMP_WAIT_POLICY=PASSIVE \
	JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
	REPROSERVE_IMAGE_VERSION="${VERSION}" \
	REPROSERVE_IMAGE_REVISION="${REVISION}"
EXPOSE 8080
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
