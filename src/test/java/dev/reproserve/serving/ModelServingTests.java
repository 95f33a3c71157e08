package dev.reproserve.serving;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.registry.ModelAliases;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.VersionStatus;
import dev.reproserve.serving.internal.ServingDirectory;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestModels;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ReproserveTest
class ModelServingTests {

	private static LoadedBundle iris;

	@Autowired
	ModelServing serving;

	@Autowired
	ModelRegistry registry;

	@Autowired
	ModelAliases aliases;

	@Autowired
	ServingDirectory directory;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@BeforeAll
	static void train() {
		iris = BundleCodec.open(TestModels.trainIris(42).bundle(), null);
	}

	private static byte[] bundle(int n) {
		return TestModels.rewrittenAt(iris, 1_800_000_000L + n);
	}

	/** Registers versions 1..count of a new model and points production at version 1. */
	private String modelWithVersions(int count) {
		String model = "serving-" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 1; i <= count; i++) {
			this.registry.register(model, bundle(i + model.hashCode()), "alice");
		}
		this.serving.moveAlias(model, "production", 1, "alice", "first release");
		return model;
	}

	/**
	 * Alters a version's stored bundle bytes: see {@link TestData#corruptStoredBundle}.
	 */
	private void corruptStoredBundle(String model, int version) {
		TestData.corruptStoredBundle(this.jdbc, this.registry.versionRef(model, version).bundleSha256());
	}

	@Test
	void predictionsNameTheVersionAndBundleThatProducedThem() {
		String model = modelWithVersions(1);

		Prediction prediction = this.serving.predictWithAlias(model, "production", "r1", List.of(TestModels.setosa()));

		assertThat(prediction.version()).isEqualTo(1);
		assertThat(prediction.bundleSha256()).isEqualTo(this.registry.versionRef(model, 1).bundleSha256());
		assertThat(prediction.outputs()).singleElement()
			.satisfies((output) -> assertThat(output.label()).isEqualTo("setosa"));
	}

	@Test
	void refusesToPromoteACorruptBundleAndKeepsServingTheOldVersion() {
		String model = modelWithVersions(2);
		corruptStoredBundle(model, 2);

		assertThatThrownBy(() -> this.serving.moveAlias(model, "production", 2, "bob", "promote"))
			.isInstanceOf(VersionNotServableException.class)
			.hasMessageContaining("SHA-256");

		assertThat(this.aliases.aliasRef(model, "production").version()).isEqualTo(1);
		assertThat(this.serving.predictWithAlias(model, "production", null, List.of(TestModels.setosa())).version())
			.isEqualTo(1);
		assertThat(this.registry.version(model, 2).summary().status()).satisfies((status) -> {
			assertThat(status.status()).isEqualTo(VersionStatus.FAILED);
			assertThat(status.detail()).contains("refused at load").contains("altered");
		});
		assertThat(this.aliases.history(model, 0, 10).items()).hasSize(1);
		assertThatThrownBy(() -> this.serving.predictWithVersion(model, 2, null, List.of(TestModels.setosa())))
			.isInstanceOf(VersionNotServableException.class);
	}

	@Test
	void keepsServingTheOldVersionWhenAnotherReplicaPointsTheAliasAtACorruptBundle() {
		String model = modelWithVersions(2);
		corruptStoredBundle(model, 2);
		// Another replica (say, on another runtime) moved the alias without this node's
		// checks.
		this.aliases.moveAlias(model, "production", 2, "replica-b", "promote");

		this.directory.refresh();

		assertThat(this.serving.predictWithAlias(model, "production", null, List.of(TestModels.setosa())).version())
			.isEqualTo(1);
	}

	@Test
	void followsAnAliasMovedByAnotherReplicaOnRefresh() {
		String model = modelWithVersions(2);
		this.serving.predictWithAlias(model, "production", null, List.of(TestModels.setosa()));
		this.aliases.moveAlias(model, "production", 2, "replica-b", "promote");

		this.directory.refresh();

		assertThat(this.serving.predictWithAlias(model, "production", null, List.of(TestModels.setosa())).version())
			.isEqualTo(2);
	}

	@Test
	void followsAnAliasMovedByAnotherReplicaThroughNotificationsWithoutWaitingForTheRefresh()
			throws InterruptedException {
		String model = modelWithVersions(2);
		assertThat(this.serving.predictWithAlias(model, "production", null, List.of(TestModels.setosa())).version())
			.isEqualTo(1);

		// As another replica would: straight to the registry, which notifies on commit.
		// This context polls only hourly, so only the notification can bring the change
		// here.
		this.aliases.moveAlias(model, "production", 2, "replica-b", "promote");

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.serving.predictWithAlias(model, "production", null, List.of(TestModels.setosa()))
				.version(), (served) -> served == 2);
	}

	@Test
	void countsPredictedInstancesRejectionsAndLoadOutcomes() {
		String model = modelWithVersions(2);
		corruptStoredBundle(model, 2);

		this.serving.predictWithVersion(model, 1, null, List.of(TestModels.setosa(), TestModels.setosa()));
		assertThatThrownBy(() -> this.serving.predictWithVersion(model, 1, null, List.of(java.util.Map.of())))
			.isInstanceOf(SchemaViolationException.class);
		assertThatThrownBy(() -> this.serving.predictWithVersion(model, 2, null, List.of(TestModels.setosa())))
			.isInstanceOf(VersionNotServableException.class);

		assertThat(this.meters.get("reproserve.predictions").tags("model", model, "version", "1").counter().count())
			.isEqualTo(2.0);
		assertThat(this.meters.get("reproserve.prediction.rejections")
			.tags("model", model, "version", "1", "reason", "schema-violation")
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(this.meters.get("reproserve.model.loads")
			.tags("model", model, "version", "1", "outcome", "verified")
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(this.meters.get("reproserve.model.loads")
			.tags("model", model, "version", "2", "outcome", "failed")
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(this.meters.get("reproserve.models.loaded").gauge().value()).isPositive();
	}

	@Test
	void neverCallsTheModelWithAnInvalidInstance() {
		String model = modelWithVersions(1);

		assertThatThrownBy(() -> this.serving.predictWithVersion(model, 1, null,
				List.of(TestModels.setosa(), java.util.Map.of("sepal_length", 1.0))))
			.isInstanceOfSatisfying(SchemaViolationException.class,
					(ex) -> assertThat(ex.violations()).extracting(SchemaViolation::instance, SchemaViolation::problem)
						.containsOnly(org.assertj.core.groups.Tuple.tuple(1, "missing")));
	}

}
