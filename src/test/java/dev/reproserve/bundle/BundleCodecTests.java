package dev.reproserve.bundle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.classification.sgd.protos.ClassificationLinearSGDProto;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.protos.core.OutputDomainProto;

import dev.reproserve.support.TestModels;
import dev.reproserve.training.TrainedModel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundleCodecTests {

	private static TrainedModel iris;

	@BeforeAll
	static void train() {
		iris = TestModels.trainIris(42);
	}

	@Test
	void roundTripKeepsManifestAndPredictions() {
		LoadedBundle loaded = BundleCodec.open(iris.bundle(), Sha256.hex(iris.bundle()));

		assertThat(loaded.sha256()).isEqualTo(Sha256.hex(iris.bundle()));
		assertThat(loaded.manifest()).isEqualTo(iris.manifest());
		assertThat(loaded.warnings()).isEmpty();
		assertThat(loaded.predict(List.of(TestModels.setosa()))).singleElement()
			.satisfies((output) -> assertThat(output.label()).isEqualTo("setosa"));
		assertThat(loaded.goldenDifferences()).isEmpty();
	}

	@Test
	void manifestRecordsEverythingNeededToReproduce() {
		BundleManifest manifest = iris.manifest();

		assertThat(manifest.formatVersion()).isEqualTo(1);
		assertThat(manifest.modelClass()).isEqualTo("org.tribuo.classification.sgd.linear.LinearSGDModel");
		assertThat(manifest.inputSchema().names()).containsExactly("sepal_length", "sepal_width", "petal_length",
				"petal_width");
		assertThat(manifest.output().labels()).containsExactlyInAnyOrder("setosa", "versicolor", "virginica");
		assertThat(manifest.training().seeds()).containsEntry("trainer", 42L).containsKey("split");
		assertThat(manifest.training().hyperparameters()).containsKeys("epochs", "learningRate", "minibatchSize");
		assertThat(manifest.trainingData().rowCount()).isEqualTo(150);
		assertThat(manifest.trainingData().sha256()).matches("[0-9a-f]{64}");
		assertThat(manifest.metrics()).containsKeys("accuracy", "macroF1");
		assertThat(manifest.goldenExamples()).hasSizeGreaterThanOrEqualTo(10);
		assertThat(manifest.dependencies().tribuo()).isEqualTo(org.tribuo.Tribuo.VERSION);
		assertThat(manifest.dependencies().java()).isEqualTo(Runtime.version().toString());
		assertThat(manifest.dependencies().osArch()).isEqualTo(System.getProperty("os.arch"));
		assertThat(manifest.dependencies().reproserve()).isNotBlank().isNotEqualTo("unknown");
		assertThat(manifest.tribuoProvenance().toString()).contains("LinearSGDTrainer");
		assertThat(manifest.modelFingerprint()).matches("[0-9a-f]{64}");
	}

	@Test
	void sameContentAlwaysGivesTheSameBundleBytes() {
		LoadedBundle loaded = BundleCodec.open(iris.bundle(), null);

		byte[] again = BundleCodec.write(loaded.manifest(), loaded.model());

		assertThat(Sha256.hex(again)).isEqualTo(Sha256.hex(iris.bundle()));
	}

	@Test
	void fingerprintIsEqualForTwoTrainingsAndDiffersWithTheSeed() {
		TrainedModel second = TestModels.trainIris(42);
		TrainedModel otherSeed = TestModels.trainIris(43);

		// Tribuo's own bytes differ (training timestamps in the provenance) ...
		assertThat(Sha256.hex(second.bundle())).isNotEqualTo(Sha256.hex(iris.bundle()));
		// ... the canonical fingerprint does not, and only the seed changes it.
		assertThat(second.manifest().modelFingerprint()).isEqualTo(iris.manifest().modelFingerprint());
		assertThat(otherSeed.manifest().modelFingerprint()).isNotEqualTo(iris.manifest().modelFingerprint());
	}

	@Test
	void refusesBytesWhoseHashDiffersFromTheRecordedOne() {
		byte[] tampered = iris.bundle().clone();
		tampered[tampered.length / 2] ^= 1;

		assertThatThrownBy(() -> BundleCodec.open(tampered, Sha256.hex(iris.bundle()))).isInstanceOfSatisfying(
				InvalidBundleException.class, (ex) -> assertThat(ex.reason()).contains("SHA-256").contains("altered"));
	}

	@Test
	void refusesAModelClassOffTheAllowList() {
		ModelProto original = modelProto(iris.bundle());
		ModelProto foreign = original.toBuilder().setClassName("java.lang.ProcessBuilder").build();

		assertThatThrownBy(() -> BundleCodec.open(withModel(iris.bundle(), foreign.toByteArray()), null))
			.isInstanceOfSatisfying(InvalidBundleException.class,
					(ex) -> assertThat(ex.reason()).contains("java.lang.ProcessBuilder").contains("allow-list"));
	}

	@Test
	void refusesANestedClassNameOutsideTribuoBeforeTribuoLoadsIt() throws Exception {
		// The output domain's class name is loaded by Tribuo's ProtoUtil with
		// Class.forName.
		ModelProto original = modelProto(iris.bundle());
		ClassificationLinearSGDProto sgd = original.getSerializedData().unpack(ClassificationLinearSGDProto.class);
		ModelDataProto data = sgd.getMetadata();
		ModelDataProto evil = data.toBuilder()
			.setOutputDomain(OutputDomainProto.newBuilder(data.getOutputDomain()).setClassName("com.example.Evil"))
			.build();
		sgd = sgd.toBuilder().setMetadata(evil).build();
		ModelProto tampered = original.toBuilder().setSerializedData(Any.pack(sgd)).build();

		assertThatThrownBy(() -> BundleCodec.open(withModel(iris.bundle(), tampered.toByteArray()), null))
			.isInstanceOfSatisfying(InvalidBundleException.class,
					(ex) -> assertThat(ex.reason()).contains("com.example.Evil"));
	}

	@Test
	void refusesAnUnknownProtobufTypeInsideTheModel() {
		ModelProto original = modelProto(iris.bundle());
		ModelProto unknown = original.toBuilder()
			.setSerializedData(Any.newBuilder()
				.setTypeUrl("type.googleapis.com/evil.Payload")
				.setValue(ByteString.copyFromUtf8("x")))
			.build();

		assertThatThrownBy(() -> BundleCodec.open(withModel(iris.bundle(), unknown.toByteArray()), null))
			.isInstanceOfSatisfying(InvalidBundleException.class,
					(ex) -> assertThat(ex.reason()).contains("evil.Payload"));
	}

	@Test
	void refusesABundleWhoseGoldenOutputsDoNotReproduce() {
		BundleManifest manifest = iris.manifest();
		List<GoldenExample> golden = new ArrayList<>(manifest.goldenExamples());
		GoldenExample first = golden.get(0);
		Map<String, Double> scores = new LinkedHashMap<>(first.expected().scores());
		String label = first.expected().label();
		scores.put(label, Math.nextUp(scores.get(label)));
		golden.set(0, new GoldenExample(first.input(), ModelOutput.classification(label, scores)));
		BundleManifest altered = withGolden(manifest, golden);

		byte[] bundle = BundleArchive.write(ManifestJson.write(altered), modelBytes(iris.bundle()));

		assertThatThrownBy(() -> BundleCodec.open(bundle, null)).isInstanceOfSatisfying(InvalidBundleException.class,
				(ex) -> assertThat(ex.reason()).contains("golden examples do not reproduce"));
	}

	@Test
	void refusesAModelOtherThanTheManifestDescribes() {
		TrainedModel other = TestModels.trainIris(7);

		byte[] swapped = BundleArchive.write(ManifestJson.write(iris.manifest()), modelBytes(other.bundle()));

		assertThatThrownBy(() -> BundleCodec.open(swapped, null)).isInstanceOfSatisfying(InvalidBundleException.class,
				(ex) -> assertThat(ex.reason()).contains("fingerprint"));
	}

	@Test
	void refusesAModelTrainedWithAnotherTribuoVersion() {
		DependencyList recorded = iris.manifest().dependencies();
		DependencyList older = new DependencyList("4.2.1", recorded.java(), recorded.javaVendor(),
				recorded.reproserve(), recorded.osName(), recorded.osArch(), recorded.reproserveCommit());

		byte[] bundle = BundleArchive.write(ManifestJson.write(withDependencies(iris.manifest(), older)),
				modelBytes(iris.bundle()));

		assertThatThrownBy(() -> BundleCodec.open(bundle, null)).isInstanceOfSatisfying(InvalidBundleException.class,
				(ex) -> assertThat(ex.reason()).contains("Tribuo 4.2.1"));
	}

	@Test
	void servesAnotherJavaMajorVersionWithAWarningWhenGoldenExamplesReproduce() {
		DependencyList recorded = iris.manifest().dependencies();
		DependencyList java21 = new DependencyList(recorded.tribuo(), "21.0.5+11", recorded.javaVendor(),
				recorded.reproserve(), recorded.osName(), recorded.osArch(), recorded.reproserveCommit());

		byte[] bundle = BundleArchive.write(ManifestJson.write(withDependencies(iris.manifest(), java21)),
				modelBytes(iris.bundle()));

		assertThat(BundleCodec.open(bundle, null).warnings()).singleElement().asString().contains("Java 21.0.5+11");
	}

	@Test
	void refusesArchivesThatAreNotBundles() throws Exception {
		assertThatThrownBy(() -> BundleCodec.open("not a zip".getBytes(), null)).isInstanceOfSatisfying(
				InvalidBundleException.class, (ex) -> assertThat(ex.reason()).contains("no manifest.json"));

		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
			zip.putNextEntry(new java.util.zip.ZipEntry("manifest.json"));
			zip.write(ManifestJson.write(iris.manifest()));
			zip.putNextEntry(new java.util.zip.ZipEntry("../../etc/cron.d/evil"));
			zip.write(1);
		}
		assertThatThrownBy(() -> BundleCodec.open(bytes.toByteArray(), null)).isInstanceOfSatisfying(
				InvalidBundleException.class, (ex) -> assertThat(ex.reason()).contains("unexpected entry"));
	}

	private static ModelProto modelProto(byte[] bundle) {
		try {
			return ModelProto.parseFrom(modelBytes(bundle));
		}
		catch (com.google.protobuf.InvalidProtocolBufferException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] modelBytes(byte[] bundle) {
		return BundleArchive.read(bundle, BundleCodec.MAX_ENTRY_BYTES).get(BundleArchive.MODEL);
	}

	private static byte[] withModel(byte[] bundle, byte[] model) {
		return BundleArchive.write(BundleArchive.read(bundle, BundleCodec.MAX_ENTRY_BYTES).get(BundleArchive.MANIFEST),
				model);
	}

	private static BundleManifest withGolden(BundleManifest m, List<GoldenExample> golden) {
		return m.withGoldenExamples(golden).withCreatedAt(Instant.now());
	}

	private static BundleManifest withDependencies(BundleManifest m, DependencyList dependencies) {
		return m.withDependencies(dependencies);
	}

}
