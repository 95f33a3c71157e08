package dev.reproserve.bundle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live counts land in the bins the training profile was counted in, and counting from
 * several threads loses nothing.
 */
class ProfileBinsTests {

	private static TrainingProfile profile(double[] sample, List<String> categories) {
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < sample.length; i++) {
			rows.add(new Object[] { sample[i], categories.get(i % categories.size()) });
		}
		FeatureSchema schema = new FeatureSchema(
				List.of(FeatureSpec.numeric("x"), FeatureSpec.categorical("c", categories)));
		OutputSpec output = new OutputSpec(OutputSpec.Kind.CLASSIFICATION, "y", List.of("a", "b"));
		List<ModelOutput> predictions = rows.stream()
			.map((row) -> ModelOutput.classification("a", Map.of("a", 1.0, "b", 0.0)))
			.toList();
		return TrainingProfile.of(schema, output, rows, predictions);
	}

	@Test
	void everyValueIsCountedInTheBinDistributionsPutsIt() {
		Random random = new Random(20261203);
		for (int trial = 0; trial < 200; trial++) {
			int size = 1 + random.nextInt(60);
			double[] sample = new double[size];
			for (int i = 0; i < size; i++) {
				// Few distinct values now and then, so that edges merge.
				sample[i] = (trial % 3 == 0) ? random.nextInt(4) : random.nextGaussian() * 10;
			}
			TrainingProfile profile = profile(sample, List.of("p", "q"));
			ProfileBins bins = new ProfileBins(profile);
			double[] edges = profile.features().get(0).edges().stream().mapToDouble(Double::doubleValue).toArray();
			int binCount = profile.features().get(0).counts().bins().size();
			int offset = bins.slot(0, edges[0]) - Distributions.bin(edges, edges[0]);
			for (int probe = 0; probe < 200; probe++) {
				double value = (probe < edges.length) ? edges[probe] : random.nextGaussian() * 15;
				int expected = Distributions.bin(edges, value);
				int slot = bins.slot(0, value) - offset;
				int wanted = (expected == Distributions.BELOW) ? binCount
						: (expected == Distributions.ABOVE) ? binCount + 1 : expected;
				assertThat(slot).as("value %s in edges %s", value, Arrays.toString(edges)).isEqualTo(wanted);
			}
			// The training split counted again lands exactly on the profile's counts.
			long[] slots = new long[bins.size()];
			List<Object[]> rows = new ArrayList<>();
			List<ModelOutput> outputs = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				rows.add(new Object[] { sample[i], List.of("p", "q").get(i % 2) });
				outputs.add(ModelOutput.classification("a", Map.of("a", 1.0, "b", 0.0)));
			}
			bins.count(slots, rows, outputs);
			LiveCounts counted = bins.decode(slots);
			assertThat(counted.features().get("x")).isEqualTo(profile.features().get(0).counts());
			assertThat(counted.features().get("c")).isEqualTo(profile.features().get(1).counts());
			assertThat(counted.output()).isEqualTo(profile.output().counts());
		}
	}

	@Test
	void missingUnseenAndOutOfRangeValuesHaveSlotsOfTheirOwn() {
		TrainingProfile profile = profile(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, List.of("p", "q"));
		ProfileBins bins = new ProfileBins(profile);
		long[] slots = new long[bins.size()];
		ModelOutput b = ModelOutput.classification("b", Map.of("a", 0.0, "b", 1.0));
		ModelOutput unknown = ModelOutput.classification("z", Map.of("a", 0.0, "b", 1.0));
		bins.count(slots, List.of(new Object[] { null, "r" }, new Object[] { 0.5, null }, new Object[] { 11.0, "p" },
				new Object[] { 10.0, "q" }), List.of(b, b, unknown, b));
		LiveCounts counts = bins.decode(slots);
		assertThat(counts.requests()).isEqualTo(1);
		assertThat(counts.instances()).isEqualTo(4);
		BinCounts x = counts.features().get("x");
		assertThat(x.missing()).isEqualTo(1);
		assertThat(x.below()).isEqualTo(1);
		assertThat(x.above()).isEqualTo(1);
		assertThat(x.bins().get(x.bins().size() - 1)).isEqualTo(1);
		BinCounts c = counts.features().get("c");
		assertThat(c.unseen()).isEqualTo(1);
		assertThat(c.missing()).isEqualTo(1);
		assertThat(c.bins()).containsExactly(1L, 1L);
		assertThat(counts.output().bins()).containsExactly(0L, 3L);
		assertThat(counts.output().unseen()).isEqualTo(1);
	}

	@Test
	void countsFromManyThreadsWhileTheyAreDrainedAllAddUp() throws Exception {
		TrainingProfile profile = profile(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, List.of("p", "q"));
		ProfileBins bins = new ProfileBins(profile);
		AtomicLongArray live = new AtomicLongArray(bins.size());
		ModelOutput a = ModelOutput.classification("a", Map.of("a", 1.0, "b", 0.0));
		ExecutorService threads = Executors.newFixedThreadPool(4);
		List<Future<?>> running = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			int seed = t;
			running.add(threads.submit(() -> {
				Random random = new Random(seed);
				for (int i = 0; i < 50_000; i++) {
					List<Object[]> row = List.<Object[]>of(new Object[] { random.nextDouble() * 12, "p" });
					bins.count(live, row, List.of(a));
				}
			}));
		}
		long[] drained = new long[bins.size()];
		while (running.stream().anyMatch((f) -> !f.isDone())) {
			for (int i = 0; i < drained.length; i++) {
				drained[i] += live.getAndSet(i, 0);
			}
		}
		for (int i = 0; i < drained.length; i++) {
			drained[i] += live.getAndSet(i, 0);
		}
		threads.shutdown();
		LiveCounts total = bins.decode(drained);
		assertThat(total.requests()).isEqualTo(200_000);
		assertThat(total.features().get("x").present()).isEqualTo(200_000);
		assertThat(total.features().get("c").bins().get(0)).isEqualTo(200_000);
		assertThat(total.output().bins().get(0)).isEqualTo(200_000);
	}

}
