package dev.reproserve.training.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;

import dev.reproserve.bundle.Evaluation;
import dev.reproserve.bundle.OutputSpec;
import dev.reproserve.bundle.OutputSpec.Kind;

/**
 * Test-split metrics with Tribuo's own evaluators: accuracy, macro-F1, per-class
 * precision, recall and F1 and the confusion matrix for classifiers; RMSE, MAE and R² for
 * regressors.
 */
final class Evaluations {

	private Evaluations() {
	}

	/**
	 * @param metrics receives the summary figures
	 * @return a classifier's per-class results, null for a regressor
	 */
	@SuppressWarnings("unchecked")
	static <T extends Output<T>> Evaluation measure(Model<T> model, Dataset<T> test, Kind task,
			Map<String, Double> metrics) {
		if (task == Kind.REGRESSION) {
			RegressionEvaluation evaluation = new RegressionEvaluator().evaluate((Model<Regressor>) model,
					(Dataset<Regressor>) test);
			metrics.put("rmse", evaluation.averageRMSE());
			metrics.put("mae", evaluation.averageMAE());
			metrics.put("r2", evaluation.averageR2());
			return null;
		}
		Model<Label> classifier = (Model<Label>) model;
		LabelEvaluation evaluation = new LabelEvaluator().evaluate(classifier, (Dataset<Label>) test);
		metrics.put("accuracy", evaluation.accuracy());
		metrics.put("macroF1", evaluation.macroAveragedF1());
		List<String> names = OutputSpec.labelsInIdOrder(classifier);
		List<Label> labels = names.stream().map(Label::new).toList();
		Map<String, Evaluation.ClassMetrics> perClass = new LinkedHashMap<>();
		List<List<Long>> counts = new ArrayList<>();
		for (Label truth : labels) {
			perClass.put(truth.getLabel(),
					new Evaluation.ClassMetrics(finite(evaluation.precision(truth)), finite(evaluation.recall(truth)),
							finite(evaluation.f1(truth)), (long) evaluation.getConfusionMatrix().support(truth)));
			List<Long> row = new ArrayList<>();
			for (Label predicted : labels) {
				row.add((long) evaluation.getConfusionMatrix().confusion(predicted, truth));
			}
			counts.add(List.copyOf(row));
		}
		return new Evaluation(perClass, new Evaluation.ConfusionMatrix(List.copyOf(names), List.copyOf(counts)));
	}

	/**
	 * A class never predicted has precision 0/0; JSON has no NaN, so it is recorded as 0.
	 */
	private static double finite(double value) {
		return Double.isNaN(value) ? 0.0 : value;
	}

}
