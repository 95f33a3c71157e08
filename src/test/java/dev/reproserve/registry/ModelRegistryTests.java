package dev.reproserve.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.InvalidBundleException;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.TestModels;
import dev.reproserve.shared.ResultPage;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ReproserveTest
class ModelRegistryTests {

	private static LoadedBundle iris;

	@Autowired
	ModelRegistry registry;

	@Autowired
	ModelAliases aliases;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeAll
	static void train() {
		iris = BundleCodec.open(TestModels.trainIris(42).bundle(), null);
	}

	private static byte[] bundle(int n) {
		return TestModels.rewrittenAt(iris, 1_700_000_000L + n);
	}

	private static String uniqueName(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void concurrentRegistrationsGetDistinctGapFreeVersionNumbers() throws Exception {
		String model = uniqueName("concurrent");
		int registrations = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(registrations);
		try {
			List<Future<Registration>> futures = new ArrayList<>();
			for (int i = 0; i < registrations; i++) {
				byte[] bytes = bundle(i);
				Callable<Registration> task = () -> {
					start.await();
					return this.registry.register(model, bytes, "thread");
				};
				futures.add(pool.submit(task));
			}
			start.countDown();
			List<Integer> versions = new ArrayList<>();
			for (Future<Registration> future : futures) {
				Registration registration = future.get();
				assertThat(registration.created()).isTrue();
				versions.add(registration.version().version());
			}

			assertThat(versions)
				.containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, registrations).boxed().toList());
			assertThat(this.jdbc.queryForObject(
					"SELECT count(*) FROM model_versions v JOIN models m ON m.id = v.model_id WHERE m.name = ?",
					Integer.class, model))
				.isEqualTo(registrations);
			assertThat(this.registry.listModels()).filteredOn((m) -> m.name().equals(model))
				.singleElement()
				.satisfies((m) -> assertThat(m.latestVersion()).isEqualTo(registrations));
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void registeringTheSameBundleAgainReturnsTheExistingVersion() {
		String model = uniqueName("dedupe");
		byte[] bytes = bundle(100);

		Registration first = this.registry.register(model, bytes, "alice");
		Registration again = this.registry.register(model, bytes, "bob");

		assertThat(first.created()).isTrue();
		assertThat(again.created()).isFalse();
		assertThat(again.version().version()).isEqualTo(first.version().version());
		assertThat(again.version().createdBy()).isEqualTo("alice");
		assertThat(this.registry.versions(model, 0, 10).totalItems()).isEqualTo(1);
	}

	@Test
	void theSameBundleUnderTwoNamesIsStoredOnce() {
		byte[] bytes = bundle(200);
		String sha = this.registry.register(uniqueName("one"), bytes, "alice").version().bundleSha256();
		this.registry.register(uniqueName("two"), bytes, "alice");

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM bundles WHERE sha256 = ?", Integer.class, sha))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM model_versions WHERE bundle_sha256 = ?",
				Integer.class, sha))
			.isEqualTo(2);
	}

	@Test
	void storesTheExactBytesAndTheManifestAndAVerifiedStatus() {
		String model = uniqueName("stored");
		byte[] bytes = bundle(300);
		Registration registration = this.registry.register(model, bytes, "alice");

		VersionRef ref = this.registry.versionRef(model, 1);
		VersionDetails details = this.registry.version(model, 1);

		assertThat(this.registry.bundle(ref)).isEqualTo(bytes);
		assertThat(details.manifest().modelFingerprint()).isEqualTo(iris.manifest().modelFingerprint());
		assertThat(details.summary().status().status()).isEqualTo(VersionStatus.VERIFIED);
		assertThat(details.summary().status().detail()).contains("12 golden examples");
		assertThat(details.statusHistory()).hasSize(1);
		assertThat(registration.version().sizeBytes()).isEqualTo(bytes.length);
	}

	@Test
	void refusesAnInvalidBundleAndWritesNothing() {
		String model = uniqueName("refused");
		byte[] tampered = bundle(400);
		tampered[tampered.length / 2] ^= 0x55; // inside an entry: its CRC no longer
												// matches

		assertThatThrownBy(() -> this.registry.register(model, tampered, "alice"))
			.isInstanceOf(InvalidBundleException.class);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM models WHERE name = ?", Integer.class, model))
			.isZero();
	}

	@Test
	void refusesModelNamesOutsideTheNamingRule() {
		assertThatThrownBy(() -> this.registry.register("Iris Model", bundle(500), "alice"))
			.isInstanceOf(InvalidNameException.class);
	}

	@Test
	void recordsEveryAliasMoveAndNothingForANoOp() {
		String model = uniqueName("aliases");
		this.registry.register(model, bundle(600), "alice");
		this.registry.register(model, bundle(601), "alice");

		AliasMove created = this.aliases.moveAlias(model, "production", 1, "alice", "first release");
		AliasMove promoted = this.aliases.moveAlias(model, "production", 2, "bob", "better accuracy");
		AliasMove rolledBack = this.aliases.moveAlias(model, "production", 1, "carol", "rollback: incident 42");
		AliasMove noOp = this.aliases.moveAlias(model, "production", 1, "carol", "again");

		assertThat(created.fromVersion()).isNull();
		assertThat(promoted.fromVersion()).isEqualTo(1);
		assertThat(rolledBack.fromVersion()).isEqualTo(2);
		assertThat(noOp.changed()).isFalse();
		assertThat(this.aliases.history(model, 0, 10).items())
			.extracting(AliasEvent::fromVersion, AliasEvent::toVersion, AliasEvent::actor, AliasEvent::reason)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2, 1, "carol", "rollback: incident 42"),
					org.assertj.core.groups.Tuple.tuple(1, 2, "bob", "better accuracy"),
					org.assertj.core.groups.Tuple.tuple(null, 1, "alice", "first release"));
		assertThat(this.aliases.aliases(model)).singleElement().satisfies((alias) -> {
			assertThat(alias.version()).isEqualTo(1);
			assertThat(alias.updatedBy()).isEqualTo("carol");
		});
		assertThat(this.registry.version(model, 1).aliases()).containsExactly("production");
	}

	@Test
	void versionHistoryIsPagedNewestFirst() {
		String model = uniqueName("paged");
		for (int i = 0; i < 5; i++) {
			this.registry.register(model, bundle(700 + i), "alice");
		}

		ResultPage<VersionSummary> first = this.registry.versions(model, 0, 2);
		ResultPage<VersionSummary> last = this.registry.versions(model, 2, 2);

		assertThat(first.items()).extracting(VersionSummary::version).containsExactly(5, 4);
		assertThat(first.totalItems()).isEqualTo(5);
		assertThat(first.totalPages()).isEqualTo(3);
		assertThat(last.items()).extracting(VersionSummary::version).containsExactly(1);
	}

	@Test
	void unknownModelVersionAndAliasAreNotFound() {
		String model = uniqueName("known");
		this.registry.register(model, bundle(800), "alice");

		assertThatThrownBy(() -> this.registry.version("no-such-model", 1)).isInstanceOf(ModelNotFoundException.class);
		assertThatThrownBy(() -> this.registry.version(model, 2)).isInstanceOf(VersionNotFoundException.class);
		assertThatThrownBy(() -> this.aliases.aliasRef(model, "production")).isInstanceOf(AliasNotFoundException.class);
	}

}
