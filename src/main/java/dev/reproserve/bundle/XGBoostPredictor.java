package dev.reproserve.bundle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * Predicts with a Tribuo {@link XGBoostModel} without its per-call native leak.
 * {@code XGBoostModel.predict} builds a native {@link DMatrix} for every call and leaves
 * it to the finalizer, so native memory and finalizer work pile up under load and
 * single-row throughput swings by an order of magnitude. Here the matrix is built the way
 * Tribuo builds it (CSR, feature ids in ascending order, values as {@code float},
 * features the model does not know left out, so XGBoost treats them as missing), handed
 * to the boosters directly and freed in a {@code finally} block. The outputs are turned
 * into labels, scores and values exactly as Tribuo's XGBoost output converters do, so
 * they are bit-identical to {@code XGBoostModel.predict}.
 * <p>
 * Serves single-output models only: classification (one softmax booster) and regression
 * with one target (one booster).
 */
final class XGBoostPredictor {

	/**
	 * Boosters of each model in use, one per concurrent caller. A booster predicts safely
	 * from many threads, but through locks of XGBoost's own: with 64 requests at once on
	 * 2 cores, throughput fell below that of 16 and p99 rose to 100 ms. Copies
	 * ({@link XGBoostModel#getInnerModels()}, through XGBoost's own model bytes) answer
	 * exactly the same. The map does not keep a model alive.
	 */
	private static final Map<XGBoostModel<?>, BoosterPool> POOLS = Collections.synchronizedMap(new WeakHashMap<>());

	/** At most this many copies of a model's booster; callers beyond share one. */
	private static final int MAX_COPIES = 4 * Runtime.getRuntime().availableProcessors();

	private XGBoostPredictor() {
	}

	/**
	 * What the model answers, in the manifest's schema and label order.
	 * @throws IllegalArgumentException if an instance has no feature the model knows
	 * (Tribuo refuses such an example the same way)
	 * @throws IllegalStateException if XGBoost fails
	 */
	static List<ModelOutput> outputs(XGBoostModel<?> model, BundleManifest manifest, List<Object[]> instances) {
		if (instances.isEmpty()) {
			return List.of();
		}
		BoosterPool pool = POOLS.computeIfAbsent(model, BoosterPool::new);
		Booster booster = pool.borrow();
		float[][] raw;
		try {
			raw = predict(booster, model.getFeatureIDMap(), manifest.inputSchema(), instances);
		}
		finally {
			pool.giveBack(booster);
		}
		List<ModelOutput> outputs = new ArrayList<>(raw.length);
		if (manifest.output().kind() == OutputSpec.Kind.CLASSIFICATION) {
			@SuppressWarnings("unchecked")
			ImmutableOutputInfo<Label> info = (ImmutableOutputInfo<Label>) model.getOutputIDInfo();
			for (float[] probabilities : raw) {
				outputs.add(classification(info, probabilities, manifest.output().labels()));
			}
		}
		else {
			for (float[] row : raw) {
				outputs.add(ModelOutput.regression(row[0]));
			}
		}
		return outputs;
	}

	/**
	 * A copy of the model's booster that predicts on the calling thread alone
	 * ({@code nthread=1}). Requests already arrive on many threads; an OpenMP team per
	 * call cost more than it gave (2 cores: 55k against 19k single rows/s, 1.24M against
	 * 0.68M rows/s in batches of 100), and with one thread OpenMP never waits, busily or
	 * not. The thread count does not change any output.
	 */
	private static Booster servingBooster(XGBoostModel<?> model) {
		List<Booster> boosters = model.getInnerModels();
		if (boosters.size() != 1) {
			throw new IllegalStateException("an XGBoost model with " + boosters.size()
					+ " boosters (a multi-output regression) is not served here");
		}
		try {
			boosters.get(0).setParam("nthread", 1);
		}
		catch (XGBoostError ex) {
			throw new IllegalStateException("XGBoost refused nthread=1", ex);
		}
		return boosters.get(0);
	}

	/**
	 * Idle boosters of one model: a caller takes one, or a new copy while there are fewer
	 * than {@link #MAX_COPIES}, or else shares the first.
	 */
	private static final class BoosterPool {

		private final XGBoostModel<?> model;

		private final Booster shared;

		private final Queue<Booster> idle = new ConcurrentLinkedQueue<>();

		private final AtomicInteger copies = new AtomicInteger(1);

		BoosterPool(XGBoostModel<?> model) {
			this.model = model;
			this.shared = servingBooster(model);
		}

		Booster borrow() {
			Booster booster = this.idle.poll();
			if (booster != null) {
				return booster;
			}
			if (this.copies.incrementAndGet() <= MAX_COPIES) {
				return servingBooster(this.model);
			}
			this.copies.decrementAndGet();
			return this.shared;
		}

		void giveBack(Booster booster) {
			if (booster != this.shared) {
				this.idle.offer(booster);
			}
		}

	}

	/**
	 * As {@code XGBoostClassificationConverter}: output id {@code j} scores
	 * {@code probabilities[j]}, and the label is the first one with the highest score.
	 */
	private static ModelOutput classification(ImmutableOutputInfo<Label> info, float[] probabilities,
			List<String> labels) {
		Map<String, Double> byLabel = new LinkedHashMap<>();
		double maxScore = Double.NEGATIVE_INFINITY;
		String maxLabel = null;
		for (int id = 0; id < probabilities.length; id++) {
			String label = info.getOutput(id).getLabel();
			double score = probabilities[id];
			byLabel.put(label, score);
			if (score > maxScore) {
				maxScore = score;
				maxLabel = label;
			}
		}
		Map<String, Double> scores = new LinkedHashMap<>();
		for (String label : labels) {
			scores.put(label, byLabel.getOrDefault(label, 0.0));
		}
		return ModelOutput.classification(maxLabel, scores);
	}

	private static float[][] predict(Booster booster, ImmutableFeatureMap featureIds, FeatureSchema schema,
			List<Object[]> instances) {
		long[] rowStarts = new long[instances.size() + 1];
		int[] ids = new int[instances.size() * schema.features().size()];
		float[] values = new float[ids.length];
		int next = 0;
		for (int row = 0; row < instances.size(); row++) {
			FeatureSchema.EncodedInstance encoded = schema.encode(instances.get(row));
			int start = next;
			for (int f = 0; f < encoded.names().length; f++) {
				int id = featureIds.getID(encoded.names()[f]);
				if (id >= 0) {
					ids[next] = id;
					values[next] = (float) encoded.values()[f];
					next++;
				}
			}
			if (next == start) {
				throw new IllegalArgumentException("No features found in instance " + row);
			}
			next = sortById(ids, values, start, next);
			rowStarts[row + 1] = next;
		}
		DMatrix matrix = null;
		try {
			matrix = new DMatrix(rowStarts, Arrays.copyOf(ids, next), Arrays.copyOf(values, next),
					DMatrix.SparseType.CSR, featureIds.size());
			return booster.predict(matrix);
		}
		catch (XGBoostError ex) {
			throw new IllegalStateException("XGBoost failed to predict", ex);
		}
		finally {
			if (matrix != null) {
				matrix.dispose();
			}
		}
	}

	/**
	 * Sorts one row's entries by feature id (a stable insertion sort: rows hold a handful
	 * of features) and, as Tribuo does, adds up the values of a repeated id.
	 * @return the end of the row after merging
	 */
	private static int sortById(int[] ids, float[] values, int from, int to) {
		for (int i = from + 1; i < to; i++) {
			int id = ids[i];
			float value = values[i];
			int j = i - 1;
			while (j >= from && ids[j] > id) {
				ids[j + 1] = ids[j];
				values[j + 1] = values[j];
				j--;
			}
			ids[j + 1] = id;
			values[j + 1] = value;
		}
		int end = from;
		for (int i = from; i < to; i++) {
			if (i > from && ids[i] == ids[end - 1]) {
				values[end - 1] += values[i];
			}
			else {
				ids[end] = ids[i];
				values[end] = values[i];
				end++;
			}
		}
		return end;
	}

}
