package dev.reproserve.bundle;

import java.util.List;
import java.util.Map;

/**
 * A classifier's per-class results on the test split, beside the summary figures in
 * {@link BundleManifest#metrics()}.
 *
 * @param perClass precision, recall, F1 and support by label
 * @param confusionMatrix counts of true label (rows) against predicted label (columns)
 */
public record Evaluation(Map<String, ClassMetrics> perClass, ConfusionMatrix confusionMatrix) {

	/**
	 * @param precision of the predictions of this label, the share that were right
	 * @param recall of the rows with this label, the share predicted as it
	 * @param f1 harmonic mean of precision and recall
	 * @param support test rows with this label
	 */
	public record ClassMetrics(double precision, double recall, double f1, long support) {
	}

	/**
	 * @param labels the order of rows and columns
	 * @param counts {@code counts[truth][predicted]}
	 */
	public record ConfusionMatrix(List<String> labels, List<List<Long>> counts) {
	}

}
