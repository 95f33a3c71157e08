package dev.reproserve.bundle;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The manifest's JSON form. A mapper of its own, independent of the web layer's settings,
 * so the bytes a bundle holds never change with HTTP configuration.
 */
public final class ManifestJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private ManifestJson() {
	}

	public static byte[] write(BundleManifest manifest) {
		return MAPPER.writeValueAsBytes(manifest);
	}

	public static String toJson(BundleManifest manifest) {
		return MAPPER.writeValueAsString(manifest);
	}

	/** The manifest as a JSON tree, for clients that show it as it is. */
	public static JsonNode toTree(BundleManifest manifest) {
		return MAPPER.valueToTree(manifest);
	}

	public static BundleManifest read(byte[] json) {
		BundleManifest manifest;
		try {
			manifest = MAPPER.readValue(json, BundleManifest.class);
		}
		catch (JacksonException ex) {
			throw InvalidBundleException.because(InvalidBundleException.Kind.MANIFEST,
					"its manifest.json cannot be read: " + JsonErrors.describe(ex));
		}
		if (manifest == null) {
			throw InvalidBundleException.because(InvalidBundleException.Kind.MANIFEST,
					"its manifest.json is empty (JSON null)");
		}
		return manifest;
	}

	public static BundleManifest read(String json) {
		return read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	/** A value (such as the pipeline spec) as a JSON tree for the manifest. */
	public static JsonNode valueTree(Object value) {
		// Through text, so the tree equals the one read back from the manifest (a Java
		// long 42 would otherwise stay a long node where parsing gives an int node).
		return MAPPER.readTree(MAPPER.writeValueAsString(value));
	}

	/** A JSON tree as compact text. */
	public static String treeToString(JsonNode tree) {
		return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree);
	}

	/** Parses JSON text such as Tribuo's provenance into a tree for the manifest. */
	public static JsonNode tree(String json) {
		return MAPPER.readTree(json);
	}

}
