package dev.reproserve.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.InvalidProtocolBufferException;
import org.tribuo.Model;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.regression.Regressor;

import org.jspecify.annotations.Nullable;

/**
 * Writes and opens bundle files. Opening is the one gate every model passes before it
 * predicts anything; it refuses, in this order:
 * <ol>
 * <li>bytes whose SHA-256 differs from the recorded one;</li>
 * <li>anything but a two-entry bundle ZIP with a readable manifest of a known
 * format;</li>
 * <li>a model file naming a class that is not allowed ({@link ModelClassAllowList}),
 * checked on the raw protobuf before Tribuo loads any class;</li>
 * <li>a model whose canonical fingerprint differs from the manifest's;</li>
 * <li>a model trained with another Tribuo version;</li>
 * <li>a model whose features or labels disagree with the manifest;</li>
 * <li>a model whose golden examples do not reproduce to the bit.</li>
 * </ol>
 * Java deserialization is never used.
 */
public final class BundleCodec {

	/** Upper bound of one bundle entry, far above any model this service trains. */
	public static final long MAX_ENTRY_BYTES = 512L * 1024 * 1024;

	private BundleCodec() {
	}

	/** Writes a bundle file: the manifest and the model in Tribuo's protobuf format. */
	public static byte[] write(BundleManifest manifest, Model<?> model) {
		return BundleArchive.write(ManifestJson.write(manifest), model.serialize().toByteArray());
	}

	/**
	 * The canonical fingerprint of a model: SHA-256 over its protobuf form without
	 * provenance and with maps in a fixed order.
	 */
	public static String fingerprint(Model<?> model) {
		return ModelProtoInspector.inspect(model.serialize()).fingerprint();
	}

	/**
	 * Opens and fully verifies a bundle.
	 * @param bundle the bundle file
	 * @param expectedSha256 the SHA-256 the registry recorded, or {@code null} for a new
	 * upload whose identity is its hash
	 * @return the loaded bundle, with any deployment warnings
	 * @throws InvalidBundleException with the reason, when any check fails
	 */
	public static LoadedBundle open(byte[] bundle, @Nullable String expectedSha256) {
		SerializationLockdown.install();
		String sha256 = Sha256.hex(bundle);
		if (expectedSha256 != null && !expectedSha256.equals(sha256)) {
			throw InvalidBundleException.because(InvalidBundleException.Kind.ALTERED, "its SHA-256 is " + sha256
					+ " but the registry recorded " + expectedSha256 + "; the stored bytes were altered");
		}
		Map<String, byte[]> entries = BundleArchive.read(bundle, MAX_ENTRY_BYTES);
		BundleManifest manifest = checkedManifest(entries.get(BundleArchive.MANIFEST));
		ModelProto proto;
		try {
			proto = ModelProto.parseFrom(entries.get(BundleArchive.MODEL));
		}
		catch (InvalidProtocolBufferException ex) {
			throw InvalidBundleException.because(InvalidBundleException.Kind.MODEL,
					"its model entry is not a Tribuo protobuf model");
		}
		ModelProtoInspector.Inspection inspection = ModelProtoInspector.inspect(proto);
		ModelClassAllowList.check(proto.getClassName(), inspection.modelClassNames(), inspection.classNames());
		if (!proto.getClassName().equals(manifest.modelClass())) {
			throw InvalidBundleException.because(InvalidBundleException.Kind.MISMATCH, "its manifest names model class "
					+ manifest.modelClass() + " but the model file holds " + proto.getClassName());
		}
		if (!inspection.fingerprint().equals(manifest.modelFingerprint())) {
			throw InvalidBundleException.because(InvalidBundleException.Kind.MISMATCH,
					"its model's canonical fingerprint is " + inspection.fingerprint() + " but the manifest records "
							+ manifest.modelFingerprint() + "; the model is not the one the manifest describes");
		}
		DependencyList.Drift drift = manifest.dependencies().driftTo(DependencyList.current());
		if (drift.refused()) {
			throw InvalidBundleException.because(InvalidBundleException.Kind.DEPENDENCIES,
					String.join("; ", drift.errors()));
		}
		Model<?> model;
		try {
			model = Model.deserialize(proto);
		}
		catch (RuntimeException ex) {
			throw InvalidBundleException.because(InvalidBundleException.Kind.MODEL,
					"Tribuo could not read its model (" + ex.getClass().getSimpleName() + ")");
		}
		checkAgainstManifest(model, manifest);
		List<String> differences = LoadedBundle.goldenDifferences(model, manifest);
		if (!differences.isEmpty()) {
			throw InvalidBundleException.because(InvalidBundleException.Kind.GOLDEN_EXAMPLES,
					differences.size() + " of " + manifest.goldenExamples().size()
							+ " golden examples do not reproduce; first: " + differences.get(0));
		}
		return new LoadedBundle(sha256, manifest, model, drift.warnings());
	}

	private static BundleManifest checkedManifest(byte[] json) {
		BundleManifest manifest = ManifestJson.read(json);
		if (manifest.formatVersion() != BundleManifest.FORMAT_VERSION) {
			throw InvalidBundleException.because(InvalidBundleException.Kind.MANIFEST, "its manifest format version is "
					+ manifest.formatVersion() + "; this service reads version " + BundleManifest.FORMAT_VERSION);
		}
		List<String> missing = new ArrayList<>();
		if (manifest.modelName() == null) {
			missing.add("modelName");
		}
		if (manifest.modelClass() == null) {
			missing.add("modelClass");
		}
		if (manifest.modelFingerprint() == null) {
			missing.add("modelFingerprint");
		}
		if (manifest.inputSchema() == null || manifest.inputSchema().features().isEmpty()) {
			missing.add("inputSchema.features");
		}
		if (manifest.output() == null || manifest.output().kind() == null) {
			missing.add("output.kind");
		}
		if (manifest.goldenExamples() == null || manifest.goldenExamples().isEmpty()) {
			missing.add("goldenExamples");
		}
		if (manifest.dependencies() == null || manifest.dependencies().tribuo() == null) {
			missing.add("dependencies.tribuo");
		}
		if (!missing.isEmpty()) {
			throw InvalidBundleException.because(InvalidBundleException.Kind.MANIFEST,
					"its manifest lacks " + String.join(", ", missing));
		}
		return manifest;
	}

	private static void checkAgainstManifest(Model<?> model, BundleManifest manifest) {
		if (manifest.output().kind() == OutputSpec.Kind.CLASSIFICATION) {
			if (!model.validate(Label.class)) {
				throw InvalidBundleException.because(InvalidBundleException.Kind.MISMATCH,
						"its manifest says classification but the model is not a classifier");
			}
			List<String> labels = OutputSpec.labelsInIdOrder(model);
			if (!labels.equals(manifest.output().labels())) {
				throw InvalidBundleException.because(InvalidBundleException.Kind.MISMATCH,
						"its manifest lists labels " + manifest.output().labels() + " but the model has " + labels);
			}
		}
		else if (!model.validate(Regressor.class)) {
			throw InvalidBundleException.because(InvalidBundleException.Kind.MISMATCH,
					"its manifest says regression but the model is not a regressor");
		}
		Set<String> known = manifest.inputSchema().modelFeatureNames();
		for (VariableInfo feature : model.getFeatureIDMap()) {
			if (!known.contains(feature.getName())) {
				throw InvalidBundleException.because(InvalidBundleException.Kind.MISMATCH, "the model uses feature '"
						+ feature.getName() + "', which its manifest's input schema cannot produce");
			}
		}
	}

}
