package dev.reproserve.bundle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reproserve.support.TestModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Decile bins and the three drift distances: on small inputs whose answers are known by
 * hand, and on a real column (the penguins' bill lengths) as drift detection would see
 * it, unshifted and shifted.
 */
class DistributionsTests {

	@Test
	void decileEdgesAreTheType7QuantilesWithEqualEdgesMerged() {
		assertThat(Distributions.decileEdges(new double[] { 11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })).containsExactly(1, 2,
				3, 4, 5, 6, 7, 8, 9, 10, 11);
		assertThat(Distributions.decileEdges(new double[] { 5, 5, 5 })).containsExactly(5);
		double[] edges = Distributions.decileEdges(new double[] { 1, 1, 1, 1, 2 });
		assertThat(edges).containsExactly(new double[] { 1, 1.2, 1.6, 2 }, within(1e-12));

		assertThat(Distributions.bin(edges, 1)).isZero();
		assertThat(Distributions.bin(edges, edges[1])).isEqualTo(1);
		assertThat(Distributions.bin(edges, 1.9)).isEqualTo(2);
		assertThat(Distributions.bin(edges, 2)).as("the last bin holds the maximum").isEqualTo(2);
		assertThat(Distributions.bin(edges, 0.5)).isEqualTo(Distributions.BELOW);
		assertThat(Distributions.bin(edges, 2.5)).isEqualTo(Distributions.ABOVE);
		assertThat(Distributions.bin(new double[] { 5 }, 5)).isZero();
	}

	@Test
	void distancesOfKnownCounts() {
		long[] even = { 50, 50 };
		long[] skewed = { 90, 10 };
		// Shares after +0.5 smoothing: 0.5/0.5 against 90.5/101 and 10.5/101.
		double a = 90.5 / 101;
		double b = 10.5 / 101;
		assertThat(Distributions.populationStabilityIndex(even, skewed))
			.isCloseTo((a - 0.5) * Math.log(a / 0.5) + (b - 0.5) * Math.log(b / 0.5), within(1e-12))
			.isEqualTo(Distributions.populationStabilityIndex(skewed, even));
		assertThat(Distributions.populationStabilityIndex(even, even)).isZero();
		assertThat(Distributions.populationStabilityIndex(new long[] { 100, 0 }, new long[] { 0, 100 }))
			.as("finite with empty bins")
			.isBetween(5.0, 20.0);

		assertThat(Distributions.jensenShannonDistance(new long[] { 1, 0 }, new long[] { 0, 1 })).isEqualTo(1.0);
		assertThat(Distributions.jensenShannonDistance(even, new long[] { 5, 5 })).isZero();
		assertThat(Distributions.lInfinityDistance(even, skewed)).isCloseTo(0.4, within(1e-12));
		assertThat(Distributions.lInfinityDistance(new long[] { 1, 0 }, new long[] { 0, 1 })).isEqualTo(1.0);
	}

	@Test
	void aRealColumnIsStableAgainstItselfAndMajorWhenShifted() {
		double[] bills = column("bill_length_mm");
		double[] edges = Distributions.decileEdges(bills);
		assertThat(edges).hasSize(11);

		long[] training = counts(edges, bills, 0);
		long[] firstHalf = counts(edges, Arrays.copyOfRange(bills, 0, bills.length / 2), 0);
		long[] randomHalf = counts(edges, randomHalf(bills, 7), 0);
		long[] everyOther = counts(edges, every(bills, 2), 0);
		long[] shifted = counts(edges, bills, 5.0);

		// A random half is the same population. The file is sorted by species, so its
		// first half is another (mostly Adelie, shorter bills); and its rows alternate
		// male and female, so every other row is another too (females' bills are
		// shorter): a sample taken in file order is no sample of the population.
		assertThat(Distributions.populationStabilityIndex(training, randomHalf)).isLessThan(0.1);
		assertThat(Distributions.populationStabilityIndex(training, firstHalf)).isGreaterThan(0.25);
		assertThat(Distributions.populationStabilityIndex(training, everyOther)).isGreaterThan(0.1);
		assertThat(Distributions.populationStabilityIndex(training, shifted)).isGreaterThan(0.25);
		assertThat(Distributions.jensenShannonDistance(training, randomHalf))
			.isLessThan(Distributions.jensenShannonDistance(training, shifted));
	}

	/** Bin counts, with below-minimum and above-maximum as the last two. */
	private static long[] counts(double[] edges, double[] values, double shift) {
		int bins = Math.max(1, edges.length - 1);
		long[] counts = new long[bins + 2];
		for (double value : values) {
			int bin = Distributions.bin(edges, value + shift);
			counts[(bin == Distributions.BELOW) ? bins : (bin == Distributions.ABOVE) ? bins + 1 : bin]++;
		}
		return counts;
	}

	private static double[] randomHalf(double[] values, long seed) {
		List<Double> shuffled = new java.util.ArrayList<>(Arrays.stream(values).boxed().toList());
		java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
		return shuffled.subList(0, values.length / 2).stream().mapToDouble(Double::doubleValue).toArray();
	}

	private static double[] every(double[] values, int step) {
		double[] kept = new double[(values.length + step - 1) / step];
		for (int i = 0; i < kept.length; i++) {
			kept[i] = values[i * step];
		}
		return kept;
	}

	private static double[] column(String name) {
		List<String> lines = new String(TestModels.resource("datasets/penguins.csv"), StandardCharsets.UTF_8).lines()
			.toList();
		int index = Arrays.asList(lines.get(0).split(",")).indexOf(name);
		return lines.stream()
			.skip(1)
			.map((line) -> line.split(",", -1)[index])
			.filter((cell) -> !cell.isEmpty())
			.mapToDouble(Double::parseDouble)
			.toArray();
	}

}
