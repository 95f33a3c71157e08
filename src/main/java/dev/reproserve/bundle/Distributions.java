package dev.reproserve.bundle;

import java.util.Arrays;

/**
 * The arithmetic of population drift, in one place so that a training profile and the
 * live counts compared with it are binned and measured the same way everywhere: decile
 * bin edges of a training sample, counts in those bins, and three distances between two
 * count vectors over the same bins (the population stability index, the Jensen-Shannon
 * distance and the L-infinity distance). Pure functions of their arguments: the same
 * inputs give the same doubles on every JVM.
 */
public final class Distributions {

	/**
	 * Added to every bin's count before the population stability index is taken, so that
	 * a bin empty on one side contributes a large but finite term instead of an infinite
	 * one (the Jeffreys prior: half an observation per bin).
	 */
	public static final double PSI_SMOOTHING = 0.5;

	private Distributions() {
	}

	/**
	 * The bin edges of a numeric sample: its minimum, its deciles and its maximum (the
	 * quantile of type 7, linear between order statistics, as R's and NumPy's default),
	 * with equal edges merged. A constant sample has the one edge. Bin {@code i} holds
	 * {@code edges[i] <= x < edges[i+1]}, the last bin includes the maximum.
	 * @param values the sample, in any order, every value finite, at least one
	 */
	public static double[] decileEdges(double[] values) {
		if (values.length == 0) {
			throw new IllegalArgumentException("no values to bin");
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		double[] edges = new double[11];
		int count = 0;
		for (int decile = 0; decile <= 10; decile++) {
			double edge = quantile(sorted, decile / 10.0);
			if (count == 0 || edge > edges[count - 1]) {
				edges[count++] = edge;
			}
		}
		return Arrays.copyOf(edges, count);
	}

	/** The type 7 quantile of sorted values. */
	static double quantile(double[] sorted, double p) {
		double h = (sorted.length - 1) * p;
		int low = (int) Math.floor(h);
		int high = Math.min(low + 1, sorted.length - 1);
		return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
	}

	/**
	 * The bin a value falls in: 0 to {@code edges.length - 2} within the range (a single
	 * edge has the one bin 0, for that value), {@link #BELOW} under the first edge,
	 * {@link #ABOVE} over the last.
	 */
	public static int bin(double[] edges, double value) {
		if (value < edges[0]) {
			return BELOW;
		}
		int last = edges.length - 1;
		if (value > edges[last]) {
			return ABOVE;
		}
		if (last == 0) {
			return 0;
		}
		int found = Arrays.binarySearch(edges, value);
		int index = (found >= 0) ? found : -found - 2;
		return Math.min(index, last - 1);
	}

	/** {@link #bin} of a value under the training minimum. */
	public static final int BELOW = -1;

	/** {@link #bin} of a value over the training maximum. */
	public static final int ABOVE = -2;

	/**
	 * The population stability index of {@code actual} against {@code expected}, counts
	 * over the same bins: the sum of {@code (a - e) ln(a / e)} over the bins' shares,
	 * each count smoothed by {@link #PSI_SMOOTHING}. 0 for equal shares; by convention
	 * under 0.1 is stable and over 0.25 a major shift.
	 */
	public static double populationStabilityIndex(long[] expected, long[] actual) {
		sameBins(expected, actual);
		double[] e = shares(expected, PSI_SMOOTHING);
		double[] a = shares(actual, PSI_SMOOTHING);
		double psi = 0;
		for (int i = 0; i < e.length; i++) {
			psi += (a[i] - e[i]) * Math.log(a[i] / e[i]);
		}
		return psi;
	}

	/**
	 * The Jensen-Shannon distance (the square root of the divergence, in bits) between
	 * the shares of two count vectors: 0 for equal shares, 1 for shares with no bin in
	 * common. Defined for empty bins without smoothing.
	 */
	public static double jensenShannonDistance(long[] p, long[] q) {
		sameBins(p, q);
		double[] a = shares(p, 0);
		double[] b = shares(q, 0);
		double divergence = 0;
		for (int i = 0; i < a.length; i++) {
			double m = (a[i] + b[i]) / 2;
			divergence += term(a[i], m) / 2 + term(b[i], m) / 2;
		}
		return Math.sqrt(Math.max(0, divergence));
	}

	private static double term(double share, double mean) {
		return (share > 0) ? share * (Math.log(share / mean) / Math.log(2)) : 0;
	}

	/** The largest difference between the two vectors' shares of any one bin. */
	public static double lInfinityDistance(long[] p, long[] q) {
		sameBins(p, q);
		double[] a = shares(p, 0);
		double[] b = shares(q, 0);
		double most = 0;
		for (int i = 0; i < a.length; i++) {
			most = Math.max(most, Math.abs(a[i] - b[i]));
		}
		return most;
	}

	private static void sameBins(long[] p, long[] q) {
		if (p.length != q.length) {
			throw new IllegalArgumentException("counts over " + p.length + " and " + q.length + " bins");
		}
	}

	private static double[] shares(long[] counts, double smoothing) {
		double total = 0;
		for (long count : counts) {
			if (count < 0) {
				throw new IllegalArgumentException("a negative count");
			}
			total += count + smoothing;
		}
		double[] shares = new double[counts.length];
		for (int i = 0; i < counts.length; i++) {
			shares[i] = (total > 0) ? (counts[i] + smoothing) / total : 0;
		}
		return shares;
	}

}
