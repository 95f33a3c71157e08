package dev.reproserve.reproduce;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.BundleManifest;
import dev.reproserve.bundle.FeatureSchema;
import dev.reproserve.bundle.FeatureSpec;
import dev.reproserve.bundle.FeatureType;
import dev.reproserve.bundle.GoldenExample;
import dev.reproserve.bundle.InvalidBundleException;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.bundle.SchemaCompatibility;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.VersionRef;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;

/**
 * What differs between two versions of a model: input schema, fitted pipeline, trainer,
 * hyperparameters, seeds, split, data snapshot, dependencies, metrics, training profile,
 * and how each model answers the other's golden inputs. Everything a manifest records is
 * compared as recorded; the golden cross-check loads both bundles through every check.
 */
@Service
public class VersionComparisons {

	/** Golden differences listed in full per direction. */
	static final int MAX_EXAMPLES = 10;

	private final ModelRegistry registry;

	private final JsonMapper json;

	VersionComparisons(ModelRegistry registry, JsonMapper json) {
		this.registry = registry;
		this.json = json;
	}

	/** The differences of version {@code to} from version {@code from}. */
	public ObjectNode compare(String model, int from, int to) {
		BundleManifest a = this.registry.version(model, from).manifest();
		BundleManifest b = this.registry.version(model, to).manifest();
		VersionRef refA = this.registry.versionRef(model, from);
		VersionRef refB = this.registry.versionRef(model, to);
		String before = "v" + from;
		String after = "v" + to;
		RecordDifferences diffs = new RecordDifferences(this.json).between(before, after);
		ObjectNode result = this.json.createObjectNode();
		result.put("model", model);
		result.set("from", side(refA, a));
		result.set("to", side(refB, b));
		result.put("sameModel", a.modelFingerprint().equals(b.modelFingerprint()));
		result.set("schema", this.json.valueToTree(SchemaCompatibility.of(a.inputSchema(), b.inputSchema())));
		ObjectNode differences = this.json.createObjectNode();
		ifDifferent(differences, diffs, "trainer", a.training().trainer(), b.training().trainer());
		ifDifferent(differences, diffs, "modelClass", a.modelClass(), b.modelClass());
		diffs.maps(a.training().hyperparameters(), b.training().hyperparameters(), "hyperparameters", differences);
		diffs.maps(a.training().seeds(), b.training().seeds(), "seeds", differences);
		ifDifferent(differences, diffs, "split", a.training().split(), b.training().split());
		ifDifferent(differences, diffs, "trainingData", a.trainingData(), b.trainingData());
		diffs.pipeline(a, b, differences);
		diffs.maps(this.json.convertValue(a.dependencies(), Map.class),
				this.json.convertValue(b.dependencies(), Map.class), "dependencies", differences);
		diffs.maps(a.metrics(), b.metrics(), "metrics", differences);
		diffs.profile(a, b, differences);
		result.set("differences", differences);
		ObjectNode golden = this.json.createObjectNode();
		try {
			LoadedBundle modelA = BundleCodec.open(this.registry.bundle(refA), refA.bundleSha256());
			LoadedBundle modelB = BundleCodec.open(this.registry.bundle(refB), refB.bundleSha256());
			golden.set(after + "OnGoldenOf" + before, cross(modelB, a, before, after));
			golden.set(before + "OnGoldenOf" + after, cross(modelA, b, after, before));
		}
		catch (InvalidBundleException ex) {
			golden.put("notCompared", "a bundle does not load here: " + ex.reason());
		}
		result.set("golden", golden);
		return result;
	}

	private ObjectNode side(VersionRef ref, BundleManifest manifest) {
		ObjectNode side = this.json.createObjectNode();
		side.put("version", ref.version());
		side.put("bundleSha256", ref.bundleSha256());
		side.put("modelFingerprint", manifest.modelFingerprint());
		side.put("createdAt", manifest.createdAt().toString());
		return side;
	}

	private static void ifDifferent(ObjectNode differences, RecordDifferences diffs, String name, Object a, Object b) {
		if (!Objects.equals(a, b)) {
			differences.set(name, diffs.pair(diffs.before(), a, diffs.after(), b));
		}
	}

	/**
	 * One model on the other's golden inputs, against the outputs the other recorded:
	 * inputs its schema would refuse are counted apart.
	 */
	private ObjectNode cross(LoadedBundle model, BundleManifest owner, String ownerName, String modelName) {
		List<GoldenExample> golden = owner.goldenExamples();
		ObjectNode node = this.json.createObjectNode();
		ArrayNode examples = this.json.createArrayNode();
		ArrayNode refused = this.json.createArrayNode();
		int compared = 0;
		int differing = 0;
		for (int i = 0; i < golden.size(); i++) {
			GoldenExample example = golden.get(i);
			String misfit = misfit(model.manifest().inputSchema(), example.input());
			if (misfit != null) {
				if (refused.size() < MAX_EXAMPLES) {
					refused.addObject().put("index", i).put("why", misfit);
				}
				continue;
			}
			compared++;
			ModelOutput answered = model.predict(List.of(example.input())).get(0);
			if (!answered.equals(example.expected())) {
				differing++;
				if (examples.size() < MAX_EXAMPLES) {
					ObjectNode difference = examples.addObject();
					difference.put("index", i);
					difference.set("input", this.json.valueToTree(example.input()));
					difference.set(ownerName, this.json.valueToTree(example.expected()));
					difference.set(modelName, this.json.valueToTree(answered));
				}
			}
		}
		node.put("compared", compared);
		node.put("differing", differing);
		node.put("notComparable", golden.size() - compared);
		node.set("examples", examples);
		node.set("refused", refused);
		return node;
	}

	/** Why a schema would refuse an input, or null if it accepts it. */
	private static @Nullable String misfit(FeatureSchema schema, Map<String, Object> input) {
		for (String name : input.keySet()) {
			if (!schema.names().contains(name)) {
				return "'" + name + "' is not a feature of this version";
			}
		}
		for (FeatureSpec feature : schema.features()) {
			Object value = input.get(feature.name());
			if (value == null) {
				if (!feature.missingAllowed()) {
					return "'" + feature.name() + "' is missing, and this version requires it";
				}
			}
			else if ((feature.type() == FeatureType.NUMERIC) != (value instanceof Number)) {
				return "'" + feature.name() + "' has another type in this version";
			}
			else if (feature.type() == FeatureType.CATEGORICAL && !feature.acceptsUnseenCategories()
					&& !feature.categories().contains(value)) {
				return "'" + feature.name() + "' = '" + value + "' is a category this version does not know";
			}
		}
		return null;
	}

}
