package dev.reproserve.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.GoldenExample;
import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.training.internal.TrainerCatalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same data, spec and seed give the same model (canonical fingerprint) and the same
 * outputs, for every trainer in the catalog and every task it supports: twice in one JVM,
 * in a fresh JVM, and on Java 25 when it is installed.
 */
class TrainerDeterminismTests {

	/**
	 * A Java 25 home, from the system property {@code reproserve.test.java25-home} or the
	 * environment variable {@code REPROSERVE_TEST_JAVA25_HOME} ({@code .ci/run} sets it
	 * where one is installed); the test is skipped without one.
	 */
	private static final String JAVA_25_HOME = System.getProperty("reproserve.test.java25-home",
			System.getenv().getOrDefault("REPROSERVE_TEST_JAVA25_HOME", ""));

	private static Map<String, String> inJvmFingerprints;

	static List<TrainerCases.Case> cases() {
		return TrainerCases.all();
	}

	@Test
	void casesCoverEveryTrainerAndTask() {
		List<String> expected = new ArrayList<>();
		TrainerCatalog.types()
			.values()
			.forEach((type) -> type.tasks().forEach((task) -> expected.add(type.name() + "/" + task.json())));
		List<String> covered = cases().stream().map((c) -> c.trainer() + "/" + c.task().json()).distinct().toList();

		assertThat(covered).containsExactlyInAnyOrderElementsOf(expected);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void sameSeedGivesTheSameModelAndOutputs(TrainerCases.Case trainerCase) {
		TrainedModel first = trainerCase.train(TrainerCases.SEED);
		TrainedModel second = trainerCase.train(TrainerCases.SEED);

		assertThat(second.manifest().modelFingerprint()).isEqualTo(first.manifest().modelFingerprint());
		assertThat(second.manifest().goldenExamples()).isEqualTo(first.manifest().goldenExamples());
		assertThat(second.manifest().metrics()).isEqualTo(first.manifest().metrics());
		assertThat(second.manifest().training()).isEqualTo(first.manifest().training());
		List<Map<String, Object>> inputs = first.manifest()
			.goldenExamples()
			.stream()
			.map(GoldenExample::input)
			.toList();
		List<ModelOutput> replayed = BundleCodec.open(second.bundle(), null).predict(inputs);
		assertThat(replayed)
			.isEqualTo(first.manifest().goldenExamples().stream().map(GoldenExample::expected).toList());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void anotherTrainerSeedGivesAnotherModel(TrainerCases.Case trainerCase) {
		// Only the trainer's seed changes: the split seed is fixed by the case.
		TrainedModel seeded = trainerCase.train(TrainerCases.SEED);
		TrainedModel reseeded = trainerCase.train(TrainerCases.SEED + 1);

		assertThat(reseeded.manifest().training().split()).isEqualTo(seeded.manifest().training().split());
		assertThat(reseeded.manifest().modelFingerprint()).isNotEqualTo(seeded.manifest().modelFingerprint());
	}

	/**
	 * Tribuo's CART uses its RNG only to sample the features of a split (when
	 * fractionFeaturesInSplit leaves some out) and to draw random split points (when
	 * useRandomSplitPoints is on); with neither, as by default, the seed cannot change
	 * the tree.
	 */
	@Test
	void cartWithEveryFeatureAndExactSplitsDoesNotUseItsSeed() {
		for (TrainerCases.Case trainerCase : cases()) {
			if (trainerCase.trainer().equals("cart")) {
				Map<String, Object> defaults = Map.of("fractionFeaturesInSplit", 1.0, "useRandomSplitPoints", false);
				String seeded = train(trainerCase, TrainerCases.SEED, defaults);
				String reseeded = train(trainerCase, TrainerCases.SEED + 1, defaults);

				assertThat(reseeded).as(trainerCase.name()).isEqualTo(seeded);
			}
		}
	}

	/**
	 * XGBoost's seed drives only row subsampling and feature subsampling; the exact tree
	 * method has no other randomness, so without subsampling the seed cannot matter.
	 */
	@Test
	void xgboostWithoutSubsamplingDoesNotUseItsSeed() {
		Map<String, Object> noSampling = Map.of("subsample", 1.0, "featureSubsample", 1.0);
		for (TrainerCases.Case trainerCase : cases()) {
			if (trainerCase.trainer().equals("xgboost")) {
				assertThat(train(trainerCase, TrainerCases.SEED + 1, noSampling)).as(trainerCase.name())
					.isEqualTo(train(trainerCase, TrainerCases.SEED, noSampling));
			}
		}
	}

	/** nthread only sets XGBoost's training threads: the model is the same. */
	@Test
	void xgboostGivesTheSameModelWithOneOrTwoThreads() {
		for (TrainerCases.Case trainerCase : cases()) {
			if (trainerCase.trainer().equals("xgboost")) {
				assertThat(train(trainerCase, TrainerCases.SEED, Map.of("nthread", 2))).as(trainerCase.name())
					.isEqualTo(train(trainerCase, TrainerCases.SEED, Map.of("nthread", 1)));
			}
		}
	}

	@Test
	void anotherJvmGivesTheSameFingerprints() throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");

		Map<String, String> other = runInAnotherJvm(java, List.of());

		print("this JVM (" + Runtime.version() + ")", inJvmFingerprints());
		assertThat(other).containsExactlyEntriesOf(inJvmFingerprints());
	}

	@Test
	void java25GivesTheSameFingerprintsAsThisJvm() throws Exception {
		assumeTrue(!JAVA_25_HOME.isBlank(),
				"no Java 25 given: set REPROSERVE_TEST_JAVA25_HOME (or -Dreproserve.test.java25-home) to its home");
		Path java = Path.of(JAVA_25_HOME, "bin", "java");
		assumeTrue(Files.isExecutable(java), java + " is not an executable Java");

		Map<String, String> java25 = runInAnotherJvm(java,
				List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));

		print(java.toString(), java25);
		assertThat(java25).containsExactlyEntriesOf(inJvmFingerprints());
	}

	private static String train(TrainerCases.Case trainerCase, long seed, Map<String, Object> overrides) {
		return dev.reproserve.training.internal.ModelTrainer
			.train("determinism", trainerCase.spec(seed, overrides), trainerCase.data())
			.manifest()
			.modelFingerprint();
	}

	private static synchronized Map<String, String> inJvmFingerprints() {
		if (inJvmFingerprints == null) {
			Map<String, String> fingerprints = new LinkedHashMap<>();
			for (TrainerCases.Case trainerCase : cases()) {
				fingerprints.put(trainerCase.name(),
						trainerCase.train(TrainerCases.SEED).manifest().modelFingerprint());
			}
			inJvmFingerprints = fingerprints;
		}
		return inJvmFingerprints;
	}

	/**
	 * Runs {@link TrainerFingerprints} in a fresh JVM on this test's class path. Surefire
	 * starts its JVM with a manifest-only JAR but sets {@code java.class.path} to the
	 * real class path (the JAR's name is in {@code surefire.real.class.path}); an IDE
	 * sets it directly. The class path (19 KB here) goes in an argument file, clear of
	 * command-line length limits.
	 */
	private static Map<String, String> runInAnotherJvm(Path java, List<String> options)
			throws IOException, InterruptedException {
		Path argFile = Files.createTempFile("trainer-fingerprints", ".args");
		Path errors = Files.createTempFile("trainer-fingerprints", ".err");
		try {
			String classPath = System.getProperty("java.class.path");
			Files.writeString(argFile, "-cp \"" + classPath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n");
			List<String> command = new ArrayList<>();
			command.add(java.toString());
			command.addAll(options);
			command.add("@" + argFile);
			command.add(TrainerFingerprints.class.getName());
			command.add(Long.toString(TrainerCases.SEED));
			ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
			builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as("exit status; stderr: %s", Files.readString(errors)).isZero();
			Map<String, String> fingerprints = new LinkedHashMap<>();
			output.lines().map((line) -> line.split(" ")).forEach((parts) -> fingerprints.put(parts[0], parts[1]));
			return fingerprints;
		}
		finally {
			Files.deleteIfExists(argFile);
			Files.deleteIfExists(errors);
		}
	}

	private static void print(String jvm, Map<String, String> fingerprints) {
		System.out.println("Fingerprints on " + jvm + ":");
		fingerprints.forEach((name, fingerprint) -> System.out.println("  " + name + " " + fingerprint));
	}

}
