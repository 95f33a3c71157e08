package dev.reproserve.bundle;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a model predicts.
 *
 * @param kind classification or regression
 * @param target the training column the model predicts
 * @param labels for classification, the labels in the model's own ID order
 */
public record OutputSpec(Kind kind, String target, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> labels) {

	public OutputSpec {
		labels = Lists.copyOrEmpty(labels);
	}

	public enum Kind {

		CLASSIFICATION("classification"), REGRESSION("regression");

		private final String json;

		Kind(String json) {
			this.json = json;
		}

		@JsonValue
		public String json() {
			return this.json;
		}

		@Override
		public String toString() {
			return this.json;
		}

	}

}
