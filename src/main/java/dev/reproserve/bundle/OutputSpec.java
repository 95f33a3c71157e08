package dev.reproserve.bundle;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * What a model predicts.
 *
 * @param kind classification or regression
 * @param target the training column the model predicts
 * @param labels for classification, the labels in the model's own ID order
 */
public record OutputSpec(Kind kind, String target, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> labels) {

	public OutputSpec {
		labels = ListCopies.orEmpty(labels);
	}

	/**
	 * A classifier's labels in its own output ID order: the order of its score vectors,
	 * which the manifest records and serving answers in.
	 */
	public static List<String> labelsInIdOrder(Model<?> classifier) {
		ImmutableOutputInfo<?> info = classifier.getOutputIDInfo();
		List<String> labels = new ArrayList<>(info.size());
		for (int id = 0; id < info.size(); id++) {
			labels.add(((Label) info.getOutput(id)).getLabel());
		}
		return List.copyOf(labels);
	}

	public enum Kind implements JsonEnum {

		CLASSIFICATION, REGRESSION;

		@Override
		public String toString() {
			return json();
		}

	}

}
