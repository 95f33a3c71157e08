package dev.reproserve.training.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.reproserve.bundle.FeatureSpec;
import dev.reproserve.bundle.FeatureType;
import dev.reproserve.training.PipelineSpec;

/**
 * Fits a feature's declared transformations on the training split. Every statistic is a
 * plain function of the training values in file order, so the same rows give the same
 * bits on any JVM: no random draws, no parallel sums.
 * <ul>
 * <li>{@code mean}: sum in file order divided by the count of present values;</li>
 * <li>{@code median}: the middle value, or the mean of the two middle values;</li>
 * <li>{@code most-frequent}: the most common value, ties going to the smallest;</li>
 * <li>{@code standardize}: mean and population standard deviation after imputation;</li>
 * <li>{@code min-max}: minimum and range after imputation;</li>
 * <li>categories: the distinct values after imputation, sorted.</li>
 * </ul>
 */
final class FeatureFitter {

	static final String REJECT = "reject";

	static final Set<String> MISSING = Set.of(REJECT, "mean", "median", "most-frequent", "constant");

	static final Set<String> SCALING = Set.of("none", "standardize", "min-max");

	static final Set<String> UNSEEN = Set.of(FeatureSpec.UNSEEN_REJECT, FeatureSpec.UNSEEN_ZEROS);

	private FeatureFitter() {
	}

	/**
	 * Checks a feature's transformations against its type.
	 * @param problems receives one line per problem
	 */
	static void check(PipelineSpec.Feature feature, List<String> problems) {
		String name = "feature '" + feature.name() + "'";
		String missing = missing(feature);
		boolean numeric = feature.type() == FeatureType.NUMERIC;
		if (!MISSING.contains(missing)) {
			problems.add(name + ": missing must be one of " + new TreeSet<>(MISSING) + ", got '" + missing + "'");
		}
		else if (!numeric && (missing.equals("mean") || missing.equals("median"))) {
			problems
				.add(name + " is categorical: missing '" + missing + "' needs numbers; use most-frequent or constant");
		}
		if (missing.equals("constant")) {
			boolean fits = numeric ? feature.fillValue() instanceof Number n && Double.isFinite(n.doubleValue())
					: feature.fillValue() instanceof String;
			if (!fits && feature.type() != null) {
				problems.add(name + ": missing 'constant' needs a fillValue that is "
						+ (numeric ? "a finite number" : "a string"));
			}
		}
		else if (feature.fillValue() != null) {
			problems.add(name + ": fillValue is only used with missing 'constant'");
		}
		if (feature.scaling() != null) {
			if (!SCALING.contains(feature.scaling())) {
				problems.add(name + ": scaling must be one of " + new TreeSet<>(SCALING) + ", got '" + feature.scaling()
						+ "'");
			}
			else if (!numeric && !feature.scaling().equals("none")) {
				problems.add(name + " is categorical: scaling applies to numeric features only");
			}
		}
		if (feature.unseenCategory() != null) {
			if (!UNSEEN.contains(feature.unseenCategory())) {
				problems.add(name + ": unseenCategory must be one of " + new TreeSet<>(UNSEEN) + ", got '"
						+ feature.unseenCategory() + "'");
			}
			else if (numeric) {
				problems.add(name + " is numeric: unseenCategory applies to categorical features only");
			}
		}
	}

	static String missing(PipelineSpec.Feature feature) {
		return (feature.missing() != null) ? feature.missing() : REJECT;
	}

	/**
	 * Fits a feature on its training-split values.
	 * @param values the training rows' values in file order: {@link Double} or
	 * {@link String}, null where the cell is empty
	 * @param problems receives a line if the statistics cannot be fitted
	 */
	static FeatureSpec fit(PipelineSpec.Feature feature, List<Object> values, List<String> problems) {
		List<Object> present = new ArrayList<>(values.size());
		values.stream().filter((v) -> v != null).forEach(present::add);
		String strategy = missing(feature);
		FeatureSpec.Imputation imputation = null;
		if (!strategy.equals(REJECT)) {
			if (present.isEmpty() && !strategy.equals("constant")) {
				problems.add("feature '" + feature.name() + "' has no values in the training split to fit missing '"
						+ strategy + "' on");
				return null;
			}
			imputation = new FeatureSpec.Imputation(strategy, switch (strategy) {
				case "mean" -> mean(doubles(present));
				case "median" -> median(doubles(present));
				case "most-frequent" -> mostFrequent(present);
				default -> (feature.type() == FeatureType.NUMERIC)
						? (Object) ((Number) feature.fillValue()).doubleValue() : feature.fillValue();
			});
		}
		List<Object> imputed = new ArrayList<>(values.size());
		for (Object value : values) {
			imputed.add((value != null) ? value : (imputation != null) ? imputation.value() : null);
		}
		boolean missingAllowed = imputation != null;
		if (feature.type() == FeatureType.CATEGORICAL) {
			Set<String> categories = new TreeSet<>();
			imputed.forEach((v) -> categories.add((String) v));
			String unseen = (feature.unseenCategory() != null) ? feature.unseenCategory() : FeatureSpec.UNSEEN_REJECT;
			return new FeatureSpec(feature.name(), FeatureType.CATEGORICAL, List.copyOf(categories), missingAllowed,
					imputation, null, unseen);
		}
		FeatureSpec.Scaling scaling = scaling(feature.scaling(), doubles(imputed));
		return new FeatureSpec(feature.name(), FeatureType.NUMERIC, List.of(), missingAllowed, imputation, scaling,
				null);
	}

	private static FeatureSpec.Scaling scaling(String method, List<Double> values) {
		if (method == null || method.equals("none") || values.isEmpty()) {
			return null;
		}
		if (method.equals("standardize")) {
			double mean = mean(values);
			double squares = 0;
			for (double value : values) {
				squares += (value - mean) * (value - mean);
			}
			double std = Math.sqrt(squares / values.size());
			return new FeatureSpec.Scaling(method, mean, (std > 0) ? std : 1.0);
		}
		double min = Collections.min(values);
		double max = Collections.max(values);
		return new FeatureSpec.Scaling(method, min, (max > min) ? max - min : 1.0);
	}

	private static List<Double> doubles(List<Object> values) {
		return values.stream().map((v) -> (Double) v).toList();
	}

	private static double mean(List<Double> values) {
		double sum = 0;
		for (double value : values) {
			sum += value;
		}
		return sum / values.size();
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	@SuppressWarnings("unchecked")
	private static Object mostFrequent(List<Object> values) {
		// A sorted map makes ties go to the smallest value, the same way every time.
		Map<Object, Integer> counts = new TreeMap<>(
				(Comparator<Object>) (a, b) -> ((Comparable<Object>) a).compareTo(b));
		values.forEach((v) -> counts.merge(v, 1, Integer::sum));
		Object best = null;
		int bestCount = 0;
		for (Map.Entry<Object, Integer> entry : counts.entrySet()) {
			if (entry.getValue() > bestCount) {
				best = entry.getKey();
				bestCount = entry.getValue();
			}
		}
		return best;
	}

}
