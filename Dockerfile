# Reproserve's container image: built with the Maven wrapper on a JDK image, run on a JRE image with glibc
# (XGBoost's native library needs glibc and libgomp, so no Alpine). The base images are build arguments, so
# that a machine without a registry can build the same file on local images.
#   docker build -t reproserve .
#   docker build --build-arg VERSION=0.1.0 --build-arg REVISION=$(git rev-parse HEAD) -t reproserve .
ARG BUILD_IMAGE=eclipse-temurin:17-jdk-jammy
ARG RUN_IMAGE=eclipse-temurin:17-jre-jammy

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Dependencies in a layer of their own: it is rebuilt only when the POM changes.
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
# The tests ran in CI before an image is built; the context holds no .git, so no commit is recorded here.
RUN ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true -Dmaven.gitcommitid.skip=true package \
	&& java -Djarmode=tools -jar target/reproserve-*.jar extract --layers --launcher --destination /extracted

FROM ${RUN_IMAGE}
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG SOURCE=""
LABEL org.opencontainers.image.title="Reproserve" \
	org.opencontainers.image.description="Model serving with versioned, immutable, reproducible model bundles" \
	org.opencontainers.image.source="${SOURCE}" \
	org.opencontainers.image.version="${VERSION}" \
	org.opencontainers.image.revision="${REVISION}"
RUN apt-get update \
	&& apt-get install -y --no-install-recommends libgomp1 \
	&& rm -rf /var/lib/apt/lists/* \
	&& groupadd --system reproserve \
	&& useradd --system --gid reproserve --no-create-home --home-dir /app reproserve
WORKDIR /app
# Spring Boot's layers, least often changed first.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER reproserve
# OpenMP threads that busy-wait make XGBoost training 10-60x slower on small machines; the heap follows the
# container's memory limit.
# The image's own identity, recorded in every bundle it trains and shown in /actuator/info.
ENV OMP_WAIT_POLICY=PASSIVE \
	JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
	REPROSERVE_IMAGE_VERSION="${VERSION}" \
	REPROSERVE_IMAGE_REVISION="${REVISION}"
EXPOSE 8080
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
