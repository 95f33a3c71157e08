package dev.reproserve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.training.TrainingProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests agree with the application and its image: every file the
 * kustomization names parses, probes name paths that answer anonymously on the running
 * service, ports match the server's and the Dockerfile's, every environment variable sets
 * a setting the service has, the pod runs as the Dockerfile's non-root user, the grace
 * period outlasts the graceful shutdown, and the image is the one compose builds.
 */
@ReproserveTest
class KubernetesManifestsTests {

	private static final Path K8S = Path.of("deploy/k8s");

	/** Read by the JVM or a native library, not by Spring: no property binds them. */
	private static final Set<String> PROCESS_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "OMP_WAIT_POLICY");

	@Autowired
	ApplicationContext context;

	@Autowired
	RestTestClient rest;

	@Test
	void everyManifestParsesAndAgreesWithTheApplication() throws IOException {
		Map<String, List<Map<String, Object>>> manifests = manifestsByKind();
		assertThat(manifests).containsKeys("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
				"ConfigMap", "Secret");

		assertThat(manifests.get("Deployment")).as("a serving and a training Deployment").hasSize(2);
		Set<String> settings = settings();
		Map<String, String> modes = new java.util.HashMap<>();
		for (Map<String, Object> deployment : manifests.get("Deployment")) {
			String name = (String) map(deployment, "metadata").get("name");
			Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
			Map<String, Object> container = list(pod, "containers").get(0);
			Map<String, Object> port = list(container, "ports").get(0);
			assertThat(port.get("containerPort")).as(name).isEqualTo(serverPort()).isEqualTo(dockerfileExposedPort());
			ReproserveClient anonymous = new ReproserveClient(this.rest).withKey(null);
			for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
				String path = (String) map(map(container, probe), "httpGet").get("path");
				assertThat(path).as(name + " " + probe).startsWith("/actuator/health/");
				assertThat(anonymous.get(path).statusCode()).as(name + " " + probe + " " + path).isEqualTo(200);
			}
			List<String> variables = new ArrayList<>();
			variables.addAll(stringMap(one(manifests, "ConfigMap"), "data").keySet());
			variables.addAll(stringMap(one(manifests, "Secret"), "stringData").keySet());
			for (Map<String, Object> variable : list(container, "env")) {
				variables.add((String) variable.get("name"));
				if ("REPROSERVE_TRAINING_MODE".equals(variable.get("name"))) {
					modes.put(name, (String) variable.get("value"));
				}
			}
			for (String variable : variables) {
				assertThat(PROCESS_VARIABLES.contains(variable) || settings.contains(canonical(variable)))
					.as("%s sets no setting of the service", variable)
					.isTrue();
			}
			Map<String, Object> security = map(pod, "securityContext");
			assertThat(security.get("runAsNonRoot")).isEqualTo(true);
			assertThat(String.valueOf(security.get("runAsUser"))).isEqualTo(dockerfileUser());
			assertThat(map(container, "securityContext").get("readOnlyRootFilesystem")).isEqualTo(true);
			assertThat(list(container, "volumeMounts"))
				.anySatisfy((mount) -> assertThat(mount.get("mountPath")).isEqualTo("/tmp"));
			assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThan(shutdownPhaseSeconds());
			assertThat(container.get("image")).isEqualTo(composeImageName());
		}
		// One Deployment serves and leaves training to the other, which the Service
		// skips.
		assertThat(modes).containsEntry("reproserve", "serve").containsEntry("reproserve-trainer", "train");
		for (String mode : modes.values()) {
			assertThat(TrainingProperties.Mode.valueOf(mode.toUpperCase(Locale.ROOT))).isNotNull();
		}
		Map<String, Object> serving = manifests.get("Deployment")
			.stream()
			.filter((deployment) -> "reproserve".equals(map(deployment, "metadata").get("name")))
			.findFirst()
			.orElseThrow();
		assertThat(map(map(one(manifests, "Service"), "spec"), "selector"))
			.isEqualTo(map(map(map(serving, "spec"), "selector"), "matchLabels"));
		assertThat(map(map(one(manifests, "HorizontalPodAutoscaler"), "spec"), "scaleTargetRef").get("name"))
			.isEqualTo("reproserve");
	}

	private static Map<String, Object> one(Map<String, List<Map<String, Object>>> manifests, String kind) {
		assertThat(manifests.get(kind)).as(kind).hasSize(1);
		return manifests.get(kind).get(0);
	}

	private Map<String, List<Map<String, Object>>> manifestsByKind() throws IOException {
		Yaml yaml = new Yaml();
		Map<String, Object> kustomization = yaml.load(Files.readString(K8S.resolve("kustomization.yaml")));
		Map<String, List<Map<String, Object>>> byKind = new java.util.HashMap<>();
		for (Object resource : (List<?>) kustomization.get("resources")) {
			Map<String, Object> manifest = yaml.load(Files.readString(K8S.resolve((String) resource)));
			assertThat(manifest.get("apiVersion")).as(resource.toString()).isNotNull();
			byKind.computeIfAbsent((String) manifest.get("kind"), (kind) -> new ArrayList<>()).add(manifest);
		}
		return byKind;
	}

	/**
	 * Every setting the service reads, in relaxed-binding canonical form: the keys of
	 * application.properties and every component of our configuration properties.
	 */
	private Set<String> settings() {
		Set<String> settings = new HashSet<>();
		application().stringPropertyNames().forEach((key) -> settings.add(canonical(key)));
		for (ConfigurationPropertiesBean bean : ConfigurationPropertiesBean.getAll(this.context).values()) {
			Class<?> type = bean.getInstance().getClass();
			if (type.isRecord() && type.getPackageName().startsWith("dev.reproserve")) {
				for (RecordComponent component : type.getRecordComponents()) {
					settings.add(canonical(bean.getAnnotation().prefix() + "." + component.getName()));
				}
			}
		}
		// Spring Boot's own settings the manifests use beyond application.properties.
		for (String boot : List.of("logging.structured.format.console", "spring.datasource.url",
				"spring.datasource.username", "spring.datasource.password")) {
			settings.add(canonical(boot));
		}
		return settings;
	}

	private static String canonical(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	private static Properties application() {
		Properties properties = new Properties();
		try (InputStream in = KubernetesManifestsTests.class.getResourceAsStream("/application.properties")) {
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

	private static int serverPort() {
		return Integer.parseInt(application().getProperty("server.port", "8080"));
	}

	private static int shutdownPhaseSeconds() {
		String timeout = application().getProperty("spring.lifecycle.timeout-per-shutdown-phase", "30s");
		return Integer.parseInt(timeout.replace("s", ""));
	}

	private static int dockerfileExposedPort() throws IOException {
		return Integer.parseInt(dockerfile("^EXPOSE\\s+(\\d+)"));
	}

	private static String dockerfileUser() throws IOException {
		return dockerfile("^USER\\s+(\\S+)");
	}

	private static String dockerfile(String regex) throws IOException {
		Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(Files.readString(Path.of("Dockerfile")));
		assertThat(matcher.find()).as("Dockerfile has %s", regex).isTrue();
		return matcher.group(1);
	}

	/**
	 * The image name compose builds, without its tag (the kustomization sets the tag).
	 */
	private static String composeImageName() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
		String image = (String) map(map(compose, "services"), "reproserve").get("image");
		return image.replaceFirst(":[^:/]+$", "");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		assertThat(parent).containsKey(key);
		return (Map<String, Object>) parent.get(key);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> stringMap(Map<String, Object> parent, String key) {
		return (Map<String, String>) parent.get(key);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
		return (List<Map<String, Object>>) parent.get(key);
	}

}
