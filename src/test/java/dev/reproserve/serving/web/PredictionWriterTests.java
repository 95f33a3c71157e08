package dev.reproserve.serving.web;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.serving.Prediction;
import dev.reproserve.support.ReproserveTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written response writer of the predict path writes exactly the bytes that the
 * application's Jackson mapper writes for the controller's response record, for every
 * shape of answer: with and without request id and alias, classification and regression,
 * odd doubles, odd strings.
 */
@ReproserveTest
class PredictionWriterTests {

	private static final String SHA = "4f29d9365d8b257f15caa1cb9ebb7941137f1a3e7881ae9daff03ffa4f21d878";

	@Autowired
	JsonMapper json;

	static Stream<Arguments> predictions() {
		Map<String, Double> scores = new LinkedHashMap<>();
		scores.put("virginica", 2.8010271305398544E-8);
		scores.put("setosa", 0.9950682298332181);
		scores.put("versicolor", 0.004931742156510492);
		Map<String, Double> odd = new LinkedHashMap<>();
		odd.put("\"quoted\" \\ back", -0.0);
		odd.put("ünï\u00e7ødé \u2028 \t tab", Double.MIN_VALUE);
		odd.put("big", Double.MAX_VALUE);
		odd.put("whole", 1.0);
		odd.put("nan", Double.NaN);
		return Stream.of(
				Arguments.of(new Prediction("bench", "iris", 1, "production", SHA,
						List.of(ModelOutput.classification("setosa", scores)))),
				Arguments.of(new Prediction(null, "iris", 12, null, SHA,
						List.of(ModelOutput.classification("setosa", scores),
								ModelOutput.classification("virginica", scores)))),
				Arguments.of(new Prediction("\u00e9\"<>&\u0000", "m-1", 3, "canary", SHA,
						List.of(ModelOutput.classification("\"quoted\" \\ back", odd)))),
				Arguments.of(new Prediction("r", "prices", 2, "production", SHA,
						List.of(ModelOutput.regression(123456.789), ModelOutput.regression(-1.0E-300),
								ModelOutput.regression(0.1 + 0.2), ModelOutput.regression(Double.NEGATIVE_INFINITY)))),
				Arguments.of(new Prediction("empty", "m", 1, null, SHA, List.of())));
	}

	@ParameterizedTest
	@MethodSource("predictions")
	void writesTheBytesJacksonWritesForTheResponseRecord(Prediction prediction) {
		byte[] expected = this.json.writeValueAsBytes(PredictionController.PredictionResponse.from(prediction));
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		try (JsonGenerator generator = this.json.createGenerator(written, JsonEncoding.UTF8)) {
			PredictionWriter.write(generator, prediction);
		}
		assertThat(written.toString(java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo(new String(expected, java.nio.charset.StandardCharsets.UTF_8));
	}

}
