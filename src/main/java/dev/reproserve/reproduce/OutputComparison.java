package dev.reproserve.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.reproserve.bundle.ModelOutput;

/**
 * The outputs of the recorded and the reproduced model compared input by input (golden
 * examples and test-split rows), with the first few differences kept in full.
 */
final class OutputComparison {

	private final int examplesKept;

	private final List<OutputDifference> examples = new ArrayList<>();

	private int compared;

	private int differing;

	OutputComparison(int examplesKept) {
		this.examplesKept = examplesKept;
	}

	void compare(String set, int index, Map<String, Object> input, ModelOutput recorded, ModelOutput reproduced) {
		this.compared++;
		if (!recorded.equals(reproduced)) {
			this.differing++;
			if (this.examples.size() < this.examplesKept) {
				this.examples.add(new OutputDifference(set, index, input, recorded, reproduced));
			}
		}
	}

	int compared() {
		return this.compared;
	}

	int differing() {
		return this.differing;
	}

	ObjectNode toJson(JsonMapper json) {
		ObjectNode node = json.createObjectNode();
		node.put("compared", this.compared);
		node.put("differing", this.differing);
		ArrayNode list = node.putArray("examples");
		this.examples.forEach((example) -> list.add(json.valueToTree(example)));
		return node;
	}

	/**
	 * One input on which the reproduced model answers otherwise than the recorded one.
	 *
	 * @param set {@code golden} or {@code test}
	 * @param index the input's place in its set
	 * @param input the instance
	 * @param recorded what the version answered
	 * @param reproduced what the rebuilt model answers
	 */
	record OutputDifference(String set, int index, Map<String, Object> input, ModelOutput recorded,
			ModelOutput reproduced) {
	}

}
