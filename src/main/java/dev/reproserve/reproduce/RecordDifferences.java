package dev.reproserve.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.reproserve.bundle.BundleManifest;
import dev.reproserve.bundle.DependencyList;
import dev.reproserve.bundle.FeatureSpec;
import dev.reproserve.bundle.TrainingProfile;

/**
 * The parts of a version's record that a reproduction compares as JSON: hyperparameters,
 * dependencies and the fitted pipeline. Each difference is written under its name into
 * the reproduction's {@code differences}, recorded and reproduced (or running) side by
 * side.
 */
final class RecordDifferences {

	private final JsonMapper json;

	private final String before;

	private final String after;

	RecordDifferences(JsonMapper json) {
		this(json, "recorded", "reproduced");
	}

	private RecordDifferences(JsonMapper json, String before, String after) {
		this.json = json;
		this.before = before;
		this.after = after;
	}

	String before() {
		return this.before;
	}

	String after() {
		return this.after;
	}

	/** The same comparisons, each pair labelled with these names (two versions, say). */
	RecordDifferences between(String before, String after) {
		return new RecordDifferences(this.json, before, after);
	}

	/** Each key whose value differs between the two maps, under {@code name}. */
	void maps(Map<String, ?> recorded, Map<String, ?> now, String name, ObjectNode differences) {
		ObjectNode changed = this.json.createObjectNode();
		for (String key : new TreeSet<>(union(recorded.keySet(), now.keySet()))) {
			Object a = recorded.get(key);
			Object b = now.get(key);
			if (!Objects.equals(normal(a), normal(b))) {
				changed.set(key, pair(this.before, a, this.after, b));
			}
		}
		if (!changed.isEmpty()) {
			differences.set(name, changed);
		}
	}

	private static Object normal(Object value) {
		return (value instanceof Number number) ? (Object) number.doubleValue() : value;
	}

	/** Each dependency that differs between the record and the running service. */
	void dependencies(DependencyList recorded, DependencyList running, ObjectNode differences) {
		Map<String, Object> a = this.json.convertValue(recorded, Map.class);
		Map<String, Object> b = this.json.convertValue(running, Map.class);
		ObjectNode changed = this.json.createObjectNode();
		for (String key : new TreeSet<>(union(a.keySet(), b.keySet()))) {
			if (!Objects.equals(a.get(key), b.get(key))) {
				changed.set(key, pair("recorded", a.get(key), "running", b.get(key)));
			}
		}
		if (!changed.isEmpty()) {
			differences.set("dependencies", changed);
		}
	}

	/** Each feature whose fitted transformation differs. */
	void pipeline(BundleManifest recorded, BundleManifest now, ObjectNode differences) {
		ObjectNode changed = this.json.createObjectNode();
		List<FeatureSpec> before = recorded.inputSchema().features();
		List<FeatureSpec> after = now.inputSchema().features();
		for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
			FeatureSpec a = (i < before.size()) ? before.get(i) : null;
			FeatureSpec b = (i < after.size()) ? after.get(i) : null;
			if (!Objects.equals(a, b)) {
				changed.set((a != null) ? a.name() : b.name(), pair(this.before, a, this.after, b));
			}
		}
		if (!changed.isEmpty()) {
			differences.set("pipeline", changed);
		}
	}

	/**
	 * Each feature (and the output) whose training profile differs, when both record one:
	 * the same data, split and pipeline give the same profile to the bit.
	 */
	void profile(BundleManifest recorded, BundleManifest now, ObjectNode differences) {
		TrainingProfile a = recorded.profile();
		TrainingProfile b = now.profile();
		if (a == null || b == null || a.equals(b)) {
			return;
		}
		ObjectNode changed = this.json.createObjectNode();
		if (a.rows() != b.rows()) {
			changed.set("rows", pair(this.before, a.rows(), this.after, b.rows()));
		}
		for (String name : new TreeSet<>(union(names(a), names(b)))) {
			TrainingProfile.FeatureProfile before = a.feature(name);
			TrainingProfile.FeatureProfile after = b.feature(name);
			if (!Objects.equals(before, after)) {
				changed.set(name, pair(this.before, before, this.after, after));
			}
		}
		if (!a.output().equals(b.output())) {
			changed.set("(output)", pair(this.before, a.output(), this.after, b.output()));
		}
		differences.set("profile", changed);
	}

	private static List<String> names(TrainingProfile profile) {
		return profile.features().stream().map(TrainingProfile.FeatureProfile::name).toList();
	}

	private static <T> List<T> union(java.util.Collection<T> a, java.util.Collection<T> b) {
		List<T> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	/** Two values side by side, each under its name. */
	ObjectNode pair(String nameA, Object a, String nameB, Object b) {
		ObjectNode pair = this.json.createObjectNode();
		pair.set(nameA, this.json.valueToTree(a));
		pair.set(nameB, this.json.valueToTree(b));
		return pair;
	}

}
