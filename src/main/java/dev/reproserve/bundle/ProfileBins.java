package dev.reproserve.bundle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

import org.jspecify.annotations.Nullable;

/**
 * The bins of a training profile laid out as one flat array of counters, for counting
 * live traffic without locks: slot 0 counts requests, slot 1 instances, then each feature
 * in schema order and the output have their bins followed by below, above, unseen and
 * missing. {@link #count} adds a request to an {@link AtomicLongArray} of {@link #size()}
 * slots; {@link #decode} reads such an array back as {@link LiveCounts}. Immutable and
 * thread-safe.
 */
public final class ProfileBins {

	private static final int REQUESTS = 0;

	private static final int INSTANCES = 1;

	/** below, above, unseen, missing after each feature's bins. */
	private static final int EXTRA = 4;

	private final TrainingProfile profile;

	private final int[] offsets;

	private final int[] bins;

	private final double[] @Nullable [] edges;

	private final @Nullable Map<String, Integer>[] categories;

	private final int outputOffset;

	private final int outputBins;

	private final double @Nullable [] outputEdges;

	private final @Nullable Map<String, Integer> labels;

	private final int size;

	@SuppressWarnings("unchecked")
	public ProfileBins(TrainingProfile profile) {
		this.profile = profile;
		int features = profile.features().size();
		this.offsets = new int[features];
		this.bins = new int[features];
		this.edges = new double[features][];
		this.categories = new Map[features];
		int next = 2;
		for (int i = 0; i < features; i++) {
			TrainingProfile.FeatureProfile feature = profile.features().get(i);
			this.offsets[i] = next;
			this.bins[i] = feature.counts().bins().size();
			if (feature.type() == FeatureType.NUMERIC) {
				this.edges[i] = unboxed(feature.edges());
			}
			else {
				this.categories[i] = indexes(feature.categories());
			}
			next += this.bins[i] + EXTRA;
		}
		TrainingProfile.OutputProfile output = profile.output();
		this.outputOffset = next;
		this.outputBins = output.counts().bins().size();
		this.outputEdges = (output.kind() == OutputSpec.Kind.REGRESSION) ? unboxed(output.edges()) : null;
		this.labels = (output.kind() == OutputSpec.Kind.CLASSIFICATION) ? indexes(output.labels()) : null;
		this.size = next + this.outputBins + EXTRA;
	}

	public TrainingProfile profile() {
		return this.profile;
	}

	/** The slots an array of counters for this profile has. */
	public int size() {
		return this.size;
	}

	/**
	 * Counts one answered request: its rows (validated, in schema order, null where
	 * missing) and the model's outputs for them.
	 */
	public void count(AtomicLongArray slots, List<Object[]> rows, List<ModelOutput> outputs) {
		slots.getAndIncrement(REQUESTS);
		slots.getAndAdd(INSTANCES, rows.size());
		for (int r = 0; r < rows.size(); r++) {
			Object[] row = rows.get(r);
			for (int i = 0; i < this.offsets.length; i++) {
				slots.getAndIncrement(slot(i, row[i]));
			}
			slots.getAndIncrement(outputSlot(outputs.get(r)));
		}
	}

	/** As {@link #count}, into a plain array, for counting on one thread. */
	public void count(long[] slots, List<Object[]> rows, List<ModelOutput> outputs) {
		slots[REQUESTS]++;
		slots[INSTANCES] += rows.size();
		for (int r = 0; r < rows.size(); r++) {
			Object[] row = rows.get(r);
			for (int i = 0; i < this.offsets.length; i++) {
				slots[slot(i, row[i])]++;
			}
			slots[outputSlot(outputs.get(r))]++;
		}
	}

	/** The slot a value of feature {@code i} (in schema order) is counted in. */
	public int slot(int i, @Nullable Object value) {
		int offset = this.offsets[i];
		int bins = this.bins[i];
		if (value == null) {
			return offset + bins + 3;
		}
		double[] edges = this.edges[i];
		if (edges != null) {
			return offset + numericBin(edges, bins, ((Number) value).doubleValue());
		}
		Integer category = this.categories[i].get(value.toString());
		return offset + ((category != null) ? category : bins + 2);
	}

	private int outputSlot(ModelOutput output) {
		if (this.outputEdges != null) {
			return this.outputOffset + numericBin(this.outputEdges, this.outputBins, output.value());
		}
		Integer label = (output.label() != null) ? this.labels.get(output.label()) : null;
		return this.outputOffset + ((label != null) ? label : this.outputBins + 2);
	}

	/**
	 * Within the bins of a numeric feature, or the slot for below or for above: the same
	 * bins as {@link Distributions#bin}, written out for the predict path.
	 */
	private static int numericBin(double[] edges, int bins, double value) {
		int last = edges.length - 1;
		if (last < 0 || value > edges[last]) {
			return bins + 1;
		}
		if (value < edges[0]) {
			return bins;
		}
		// The last edge at or below the value, by a binary search without branches (the
		// selects compile to conditional moves): a random value mispredicts a branching
		// search's every step.
		int base = 0;
		int size = last;
		while (size > 1) {
			int half = size >>> 1;
			base = (edges[base + half] <= value) ? base + half : base;
			size -= half;
		}
		return base;
	}

	/** Counters as {@link #count} left them, as counts per feature. */
	public LiveCounts decode(long[] slots) {
		if (slots.length != this.size) {
			throw new IllegalArgumentException("expected " + this.size + " counters, got " + slots.length);
		}
		Map<String, BinCounts> features = new LinkedHashMap<>();
		for (int i = 0; i < this.offsets.length; i++) {
			features.put(this.profile.features().get(i).name(), counts(slots, this.offsets[i], this.bins[i]));
		}
		return new LiveCounts(slots[REQUESTS], slots[INSTANCES], features,
				counts(slots, this.outputOffset, this.outputBins));
	}

	private static BinCounts counts(long[] slots, int offset, int bins) {
		List<Long> counts = new ArrayList<>(bins);
		for (int b = 0; b < bins; b++) {
			counts.add(slots[offset + b]);
		}
		return new BinCounts(counts, slots[offset + bins], slots[offset + bins + 1], slots[offset + bins + 2],
				slots[offset + bins + 3]);
	}

	private static double[] unboxed(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private static Map<String, Integer> indexes(List<String> names) {
		Map<String, Integer> indexes = new HashMap<>();
		for (int i = 0; i < names.size(); i++) {
			indexes.put(names.get(i), i);
		}
		return indexes;
	}

}
