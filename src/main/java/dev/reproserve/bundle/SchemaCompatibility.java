package dev.reproserve.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Whether a model's input schema accepts every request another one accepts: what an alias
 * move must not break. Each difference between two schemas is listed, and marked breaking
 * when some request the current schema accepts would be refused by the next one.
 *
 * @param compatible no difference breaks a request the current schema accepts
 * @param differences every difference, feature by feature, in the current schema's order
 * and then the next schema's new features
 * @param allowIncompatible set when a breaking move was made all the same, on request
 */
public record SchemaCompatibility(boolean compatible, List<Difference> differences,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean allowIncompatible) {

	public SchemaCompatibility {
		differences = List.copyOf(differences);
	}

	/**
	 * One difference.
	 *
	 * @param feature the feature
	 * @param change {@code added-required}, {@code added-optional}, {@code removed},
	 * {@code retyped}, {@code became-required}, {@code became-optional},
	 * {@code categories-narrowed}, {@code categories-widened}, {@code unseen-refused},
	 * {@code unseen-accepted}
	 * @param breaking whether a request the current schema accepts is refused because of
	 * it
	 * @param detail what changed, in words
	 */
	public record Difference(String feature, String change, boolean breaking, String detail) {
	}

	/** This report, marked as accepted although it breaks requests. */
	public SchemaCompatibility forced() {
		return new SchemaCompatibility(this.compatible, this.differences, true);
	}

	/** The breaking differences, as sentences. */
	public List<String> problems() {
		return this.differences.stream()
			.filter(Difference::breaking)
			.map((d) -> d.feature() + ": " + d.detail())
			.toList();
	}

	/** How {@code next} treats the requests {@code current} accepts. */
	public static SchemaCompatibility of(FeatureSchema current, FeatureSchema next) {
		Map<String, FeatureSpec> now = byName(current);
		Map<String, FeatureSpec> then = byName(next);
		List<Difference> differences = new ArrayList<>();
		for (FeatureSpec before : current.features()) {
			FeatureSpec after = then.get(before.name());
			if (after == null) {
				differences.add(new Difference(before.name(), "removed", true,
						"removed: a request that sends it is refused as unexpected"));
				continue;
			}
			if (after.type() != before.type()) {
				differences.add(new Difference(before.name(), "retyped", true,
						"was " + before.type().json() + ", is " + after.type().json()));
				continue;
			}
			if (before.missingAllowed() && !after.missingAllowed()) {
				differences.add(new Difference(before.name(), "became-required", true,
						"may no longer be missing: a request without it is refused"));
			}
			else if (!before.missingAllowed() && after.missingAllowed()) {
				differences.add(new Difference(before.name(), "became-optional", false, "may now be missing"));
			}
			if (before.type() == FeatureType.CATEGORICAL) {
				categories(before, after, differences);
			}
		}
		for (FeatureSpec after : next.features()) {
			if (!now.containsKey(after.name())) {
				differences.add(after.missingAllowed()
						? new Difference(after.name(), "added-optional", false, "new, and may be missing")
						: new Difference(after.name(), "added-required", true,
								"new and required: a request without it is refused"));
			}
		}
		return new SchemaCompatibility(differences.stream().noneMatch(Difference::breaking), differences, null);
	}

	private static void categories(FeatureSpec before, FeatureSpec after, List<Difference> differences) {
		TreeSet<String> dropped = new TreeSet<>(before.categories());
		dropped.removeAll(after.categories());
		TreeSet<String> added = new TreeSet<>(after.categories());
		added.removeAll(before.categories());
		if (!dropped.isEmpty()) {
			boolean refused = !after.acceptsUnseenCategories();
			differences.add(new Difference(before.name(), "categories-narrowed", refused,
					"no longer knows " + dropped + (refused ? ": a request with one is refused"
							: ", which it now reads as unseen (all one-hot columns 0)")));
		}
		if (!added.isEmpty()) {
			differences.add(new Difference(before.name(), "categories-widened", false, "also knows " + added));
		}
		if (before.acceptsUnseenCategories() && !after.acceptsUnseenCategories()) {
			differences.add(new Difference(before.name(), "unseen-refused", true,
					"refuses categories it does not know, which the current version accepted"));
		}
		else if (!before.acceptsUnseenCategories() && after.acceptsUnseenCategories()) {
			differences.add(new Difference(before.name(), "unseen-accepted", false,
					"accepts categories it does not know (as all one-hot columns 0)"));
		}
	}

	private static Map<String, FeatureSpec> byName(FeatureSchema schema) {
		return schema.features().stream().collect(Collectors.toMap(FeatureSpec::name, Function.identity()));
	}

}
