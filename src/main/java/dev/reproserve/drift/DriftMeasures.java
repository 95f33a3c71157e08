package dev.reproserve.drift;

import java.util.ArrayList;
import java.util.List;

import dev.reproserve.bundle.BinCounts;
import dev.reproserve.bundle.Distributions;
import dev.reproserve.bundle.FeatureType;
import dev.reproserve.bundle.OutputSpec;
import dev.reproserve.bundle.TrainingProfile;
import dev.reproserve.drift.DriftReport.Bin;
import dev.reproserve.drift.DriftReport.FeatureDrift;
import org.jspecify.annotations.Nullable;

/**
 * Training counts against live counts over the same bins, as the report states them: the
 * distances of {@link Distributions}, the rates, and the verdict by the configured bands.
 * Pure: the same counts give the same report.
 */
final class DriftMeasures {

	private final DriftProperties properties;

	DriftMeasures(DriftProperties properties) {
		this.properties = properties;
	}

	/**
	 * One input feature.
	 * @param layout the profile whose bins both counts are in
	 * @param expected the training side's counts in those bins
	 * @param expectedRows the training rows (for the missing rate)
	 * @param live the live counts
	 * @param liveInstances the live instances (for the missing rate)
	 */
	FeatureDrift feature(TrainingProfile.FeatureProfile layout, BinCounts expected, long expectedRows, BinCounts live,
			long liveInstances) {
		boolean numeric = layout.type() == FeatureType.NUMERIC;
		Distances distances = Distances.of(expected, live, numeric);
		Double psi = distances.psi();
		Double lInfinity = distances.lInfinity();
		long present = live.present();
		double trainingMissing = (expectedRows > 0) ? (double) expected.missing() / expectedRows : 0;
		Double liveMissing = (liveInstances > 0) ? (double) live.missing() / liveInstances : null;
		DriftVerdict verdict;
		String reason = null;
		if (liveMissing != null && liveInstances >= this.properties.minCount()
				&& liveMissing - trainingMissing > this.properties.missingLiveShare()) {
			verdict = DriftVerdict.MISSING_LIVE;
			reason = String.format(java.util.Locale.ROOT,
					"%.1f %% of live instances arrive without it (and are imputed), against %.1f %% of training rows",
					100 * liveMissing, 100 * trainingMissing);
		}
		else if (present < this.properties.minCount()) {
			verdict = DriftVerdict.INSUFFICIENT_DATA;
			reason = present + " live values, fewer than the " + this.properties.minCount()
					+ " a verdict needs (reproserve.drift.min-count)";
		}
		else {
			verdict = this.properties.ofPsi(psi);
			if (lInfinity != null) {
				DriftVerdict byDistance = this.properties.ofLInfinity(lInfinity);
				verdict = (byDistance.compareTo(verdict) > 0) ? byDistance : verdict;
			}
		}
		return new FeatureDrift(layout.name(), layout.type().json(), verdict, reason, present, psi,
				distances.jensenShannon(), lInfinity, new DriftReport.Rates(trainingMissing, liveMissing),
				numeric ? null : rate(live.unseen(), present),
				numeric ? rate(live.below() + live.above(), present) : null,
				bins(numeric, layout.edges(), layout.categories(), expected, live));
	}

	/** The output: the model's predictions on the training split against live. */
	FeatureDrift output(String name, TrainingProfile.OutputProfile layout, BinCounts expected, BinCounts live) {
		boolean numeric = layout.kind() == OutputSpec.Kind.REGRESSION;
		Distances distances = Distances.of(expected, live, numeric);
		long present = live.present();
		DriftVerdict verdict = (present < this.properties.minCount()) ? DriftVerdict.INSUFFICIENT_DATA
				: this.properties.ofPsi(distances.psi());
		String reason = (verdict == DriftVerdict.INSUFFICIENT_DATA) ? present + " live predictions, fewer than the "
				+ this.properties.minCount() + " a verdict needs (reproserve.drift.min-count)" : null;
		return new FeatureDrift(name, layout.kind().json(), verdict, reason, present, distances.psi(),
				distances.jensenShannon(), distances.lInfinity(), null, null, null,
				bins(numeric, layout.edges(), layout.labels(), expected, live));
	}

	/**
	 * A feature that cannot be compared, with the reason.
	 */
	static FeatureDrift notCompared(String name, String type, DriftVerdict verdict, String reason) {
		return new FeatureDrift(name, type, verdict, reason, 0, null, null, null, null, null, null, List.of());
	}

	/**
	 * The worst measured verdict of the features; {@code insufficient-data} when fewer
	 * instances than the minimum arrived or no feature could be measured.
	 */
	DriftVerdict overall(List<FeatureDrift> features, long instances) {
		if (instances < this.properties.minCount()) {
			return DriftVerdict.INSUFFICIENT_DATA;
		}
		DriftVerdict worst = DriftVerdict.INSUFFICIENT_DATA;
		for (FeatureDrift feature : features) {
			if (feature.verdict().measured() && feature.verdict().compareTo(worst) > 0) {
				worst = feature.verdict();
			}
		}
		return worst;
	}

	/**
	 * The three distances between two count vectors, none without live values (L-infinity
	 * only over categories).
	 */
	private record Distances(@Nullable Double psi, @Nullable Double jensenShannon, @Nullable Double lInfinity) {

		static Distances of(BinCounts expected, BinCounts live, boolean numeric) {
			if (live.present() == 0) {
				return new Distances(null, null, null);
			}
			long[] e = compared(expected, numeric);
			long[] a = compared(live, numeric);
			return new Distances(Distributions.populationStabilityIndex(e, a),
					Distributions.jensenShannonDistance(e, a), numeric ? null : Distributions.lInfinityDistance(e, a));
		}

	}

	/** The counts the distances are taken over: bins, and out of range or unseen. */
	private static long[] compared(BinCounts counts, boolean numeric) {
		long[] all = new long[counts.bins().size() + (numeric ? 2 : 1)];
		for (int i = 0; i < counts.bins().size(); i++) {
			all[i] = counts.bins().get(i);
		}
		if (numeric) {
			all[all.length - 2] = counts.below();
			all[all.length - 1] = counts.above();
		}
		else {
			all[all.length - 1] = counts.unseen();
		}
		return all;
	}

	private static @Nullable Double rate(long count, long of) {
		return (of > 0) ? (double) count / of : null;
	}

	private static List<Bin> bins(boolean numeric, List<Double> edges, List<String> names, BinCounts expected,
			BinCounts live) {
		List<Bin> bins = new ArrayList<>();
		int size = expected.bins().size();
		for (int i = 0; i < size; i++) {
			String label;
			if (!numeric) {
				label = names.get(i);
			}
			else if (edges.size() == 1) {
				label = "= " + number(edges.get(0));
			}
			else {
				label = "[" + number(edges.get(i)) + ", " + number(edges.get(i + 1)) + ((i == size - 1) ? "]" : ")");
			}
			bins.add(new Bin(label, expected.bins().get(i), live.bins().get(i)));
		}
		if (numeric && !edges.isEmpty()) {
			bins.add(new Bin("< " + number(edges.get(0)), expected.below(), live.below()));
			bins.add(new Bin("> " + number(edges.get(edges.size() - 1)), expected.above(), live.above()));
		}
		else if (!numeric) {
			bins.add(new Bin("(unseen)", expected.unseen(), live.unseen()));
		}
		return bins;
	}

	private static String number(double value) {
		String text = Double.toString(value);
		return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
	}

}
