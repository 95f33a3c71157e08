package dev.reproserve.serving;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.BundleManifest;
import dev.reproserve.bundle.DependencyList;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.ManifestJson;
import dev.reproserve.bundle.Sha256;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.Registration;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.TestModels;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A version trained on other software: another Tribuo version is refused with a recorded
 * reason; another Java major version or CPU architecture serves only because its golden
 * examples reproduce, and says so in the version view, the metrics and the status.
 */
@ReproserveTest
class DeploymentDriftTests {

	private static LoadedBundle iris;

	@Autowired
	ModelRegistry registry;

	@Autowired
	ModelServing serving;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	RestTestClient rest;

	@BeforeAll
	static void train() {
		iris = BundleCodec.open(TestModels.trainIris(42).bundle(), null);
	}

	private static byte[] trainedWith(DependencyList dependencies) {
		BundleManifest manifest = iris.manifest().withDependencies(dependencies).withCreatedAt(Instant.now());
		return BundleCodec.write(manifest, iris.model());
	}

	private static DependencyList with(String tribuo, String java, String arch) {
		DependencyList current = DependencyList.current();
		return new DependencyList(tribuo, java, "Some Vendor", current.reproserve(), current.osName(), arch,
				current.reproserveCommit());
	}

	private static String model() {
		return "drift-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private JsonNode versionView(String model, int version) {
		return new ReproserveClient(this.rest).getJson("/api/v1/models/" + model + "/versions/" + version);
	}

	@Test
	void anotherJavaAndArchitectureServeBecauseTheGoldenExamplesReproduceAndAreFlagged() throws Exception {
		String model = model();
		Registration registration = this.registry.register(model,
				trainedWith(with(DependencyList.current().tribuo(), "11.0.20+8", "aarch64")), "alice");
		assertThat(registration.warnings()).containsExactly(
				"trained on Java 11.0.20+8, served on Java " + DependencyList.current().java(),
				"trained on aarch64, served on " + DependencyList.current().osArch());

		Prediction prediction = this.serving.predictWithVersion(model, 1, null, List.of(TestModels.setosa()));

		assertThat(prediction.outputs().get(0).label()).isEqualTo("setosa");
		JsonNode view = versionView(model, 1);
		assertThat(view.get("deploymentDrift").get("warnings").size()).isEqualTo(2);
		assertThat(view.get("deploymentDrift").get("errors").size()).isZero();
		assertThat(view.get("deploymentDrift").get("runtime").get("java").asString())
			.isEqualTo(DependencyList.current().java());
		assertThat(view.get("status").get("status").asString()).isEqualTo("verified");
		assertThat(view.get("status").get("detail").asString())
			.startsWith("loaded with warnings, golden examples reproduced: trained on Java 11.0.20+8");
		assertThat(this.meters.get("reproserve.model.loads")
			.tags("model", model, "version", "1", "outcome", "verified-with-warnings")
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(this.meters.get("reproserve.models.drifted").gauge().value()).isGreaterThanOrEqualTo(1.0);
	}

	@Test
	void anotherJavaWhoseGoldenExamplesDoNotReproduceIsRefused() {
		BundleManifest manifest = iris.manifest()
			.withDependencies(with(DependencyList.current().tribuo(), "11.0.20+8", "aarch64"));
		var golden = manifest.goldenExamples().get(0);
		var changed = new dev.reproserve.bundle.GoldenExample(golden.input(),
				dev.reproserve.bundle.ModelOutput.classification(golden.expected().label(),
						java.util.Map.of("setosa", 0.5, "versicolor", 0.25, "virginica", 0.25)));
		List<dev.reproserve.bundle.GoldenExample> goldens = new java.util.ArrayList<>(manifest.goldenExamples());
		goldens.set(0, changed);

		assertThatThrownBy(() -> this.registry.register(model(),
				BundleCodec.write(manifest.withGoldenExamples(goldens), iris.model()), "alice"))
			.isInstanceOf(dev.reproserve.bundle.InvalidBundleException.class)
			.hasMessageContaining("1 of 12 golden examples do not reproduce");
	}

	@Test
	void anotherTribuoVersionIsRefusedAtLoadWithTheReasonRecorded() throws Exception {
		// Registration refuses such a bundle, so it can only come from an older service
		// sharing the database: store it the way that service would have.
		String model = model();
		this.registry.register(model, TestModels.rewrittenAt(iris, 1_700_000_000L), "alice");
		BundleManifest manifest = iris.manifest()
			.withDependencies(with("4.2.1", DependencyList.current().java(), DependencyList.current().osArch()));
		byte[] old = BundleCodec.write(manifest, iris.model());
		String sha = Sha256.hex(old);
		this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			try (Statement statement = connection.createStatement();
					PreparedStatement bundle = connection.prepareStatement(
							"INSERT INTO bundles (sha256, content, size_bytes, created_at) VALUES (?, ?, ?, now())");
					PreparedStatement version = connection.prepareStatement(
							"UPDATE model_versions SET bundle_sha256 = ?, manifest = ?::jsonb WHERE model_id = "
									+ "(SELECT id FROM models WHERE name = ?) AND version = 1")) {
				bundle.setString(1, sha);
				bundle.setBytes(2, old);
				bundle.setLong(3, old.length);
				bundle.executeUpdate();
				statement.execute("SET session_replication_role = replica");
				version.setString(1, sha);
				version.setString(2, ManifestJson.toJson(manifest));
				version.setString(3, model);
				assertThat(version.executeUpdate()).isEqualTo(1);
				statement.execute("RESET session_replication_role");
			}
			return null;
		});

		assertThatThrownBy(() -> this.serving.predictWithVersion(model, 1, null, List.of(TestModels.setosa())))
			.isInstanceOf(VersionNotServableException.class)
			.hasMessageContaining("trained with Tribuo 4.2.1 but this service runs Tribuo 4.3.2");
		JsonNode view = versionView(model, 1);
		assertThat(view.get("status").get("status").asString()).isEqualTo("failed");
		assertThat(view.get("status").get("detail").asString())
			.isEqualTo("refused at load: trained with Tribuo 4.2.1 but this service runs Tribuo 4.3.2");
		assertThat(view.get("deploymentDrift").get("errors").get(0).asString())
			.isEqualTo("trained with Tribuo 4.2.1 but this service runs Tribuo 4.3.2");
	}

}
