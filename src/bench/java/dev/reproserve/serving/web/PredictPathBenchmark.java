package dev.reproserve.serving.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.FeatureSchema;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.serving.Prediction;
import dev.reproserve.serving.SchemaViolation;
import dev.reproserve.serving.internal.InstanceReader;
import dev.reproserve.serving.internal.SchemaValidator;
import dev.reproserve.support.TestModels;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainedModel;
import dev.reproserve.training.TrainingData;
import dev.reproserve.training.internal.ModelTrainer;

/**
 * The predict path in process, without HTTP, per request of 1 or 1,000 rows: Tribuo's own
 * {@code predict} on examples built beforehand (the floor), and each step of the service
 * around it: reading the body (the streaming reader, and Jackson's tokenizer alone),
 * encoding and predicting, writing the answer, all of it together, and the general path
 * the service took before (binding to maps, validating the maps, bean serialization).
 * {@code main} runs every benchmark and prints the ratios the targets are stated in.
 * One command: {@code ./mvnw -q -Pbenchmark test-compile exec:exec} (bench/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m", "-XX:+UseG1GC" })
public class PredictPathBenchmark {

	/** What the service's mapper reads with (web/JsonConfiguration). */
	public static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.build();

	@Param({ "iris", "synth50", "forest", "xgboost" })
	public String model;

	@Param({ "1", "1000" })
	public int rows;

	private LoadedBundle bundle;

	private InstanceReader reader;

	private byte[] body;

	private List<Object[]> read;

	private List<Example<?>> examples;

	private Prediction answer;

	@Setup
	public void setUp() {
		TrainedModel trained = trained(this.model);
		this.bundle = BundleCodec.open(trained.bundle(), null);
		FeatureSchema schema = this.bundle.manifest().inputSchema();
		this.reader = new InstanceReader(schema);
		List<Map<String, Object>> instances = new ArrayList<>();
		for (int i = 0; i < this.rows; i++) {
			instances.add(trained.testInputs().get(i % trained.testInputs().size()));
		}
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("id", "bench");
		request.put("instances", instances);
		this.body = JSON.writeValueAsBytes(request);
		this.read = readRows().rows();
		this.examples = new ArrayList<>();
		for (Object[] row : this.read) {
			FeatureSchema.EncodedInstance encoded = schema.encode(row);
			this.examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, encoded.names(), encoded.values()));
		}
		this.answer = new Prediction("bench", this.model, 1, "production", this.bundle.sha256(),
				this.bundle.predictRows(this.read, this.reader.nameOrder()));
	}

	/** Tribuo's own predict on examples built beforehand: the floor. */
	@Benchmark
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Object tribuoPredict() {
		return ((Model) this.bundle.model()).predict((List) this.examples);
	}

	/** Jackson's tokenizer over the body, nothing kept: the floor of any reading. */
	@Benchmark
	public void tokens(Blackhole sink) {
		try (JsonParser parser = JSON.createParser(this.body)) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				sink.consume(token);
			}
		}
	}

	/**
	 * The tokenizer with every scalar decoded (numbers parsed, strings built): the floor
	 * of reading the values, so that {@code read} minus this is the validation alone.
	 */
	@Benchmark
	public void values(Blackhole sink) {
		try (JsonParser parser = JSON.createParser(this.body)) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				switch (token) {
					case VALUE_NUMBER_FLOAT, VALUE_NUMBER_INT -> sink.consume(parser.getDoubleValue());
					case VALUE_STRING, PROPERTY_NAME -> sink.consume(parser.getString());
					default -> sink.consume(token);
				}
			}
		}
	}

	/** The streaming reader: parse and validate into rows. */
	@Benchmark
	public InstanceReader.Request read() {
		return readRows();
	}

	/** Encoding the rows and predicting: what the bundle does for a request. */
	@Benchmark
	public List<ModelOutput> encodeAndPredict() {
		return this.bundle.predictRows(this.read, this.reader.nameOrder());
	}

	/** Writing the answer. */
	@Benchmark
	public void write(Blackhole sink) {
		sink.consume(written(this.answer));
	}

	/** The whole predict path as the service runs it: read, encode, predict, write. */
	@Benchmark
	public void servicePath(Blackhole sink) {
		InstanceReader.Request request = readRows();
		sink.consume(written(new Prediction(request.id(), this.model, 1, "production", this.bundle.sha256(),
				this.bundle.predictRows(request.rows(), this.reader.nameOrder()))));
	}

	/**
	 * The general path the service took before the streaming reader: Jackson binds
	 * {@code instances} into maps, the maps are validated, the answer bean-serialized.
	 */
	@Benchmark
	public byte[] generalPath() {
		PredictionController.PredictionRequest request = JSON.readValue(this.body,
				PredictionController.PredictionRequest.class);
		List<SchemaViolation> violations = new ArrayList<>();
		List<Map<String, Object>> valid = SchemaValidator.validate(this.bundle.manifest().inputSchema(),
				request.instances(), violations);
		if (!violations.isEmpty()) {
			throw new IllegalStateException(violations.toString());
		}
		Prediction prediction = new Prediction(request.id(), this.model, 1, "production", this.bundle.sha256(),
				this.bundle.predict(valid));
		return JSON.writeValueAsBytes(PredictionController.PredictionResponse.from(prediction));
	}

	private InstanceReader.Request readRows() {
		try (JsonParser parser = JSON.createParser(this.body)) {
			InstanceReader.Request request = this.reader.read(parser, Integer.MAX_VALUE);
			if (request == null) {
				throw new IllegalStateException("the benchmark's request does not read as valid");
			}
			return request;
		}
	}

	public static byte[] written(Prediction prediction) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		try (JsonGenerator generator = JSON.createGenerator((OutputStream) out, JsonEncoding.UTF8)) {
			PredictionWriter.write(generator, prediction);
		}
		return out.toByteArray();
	}

	// ------------------------------------------------------------------ the models

	/** Where {@code main} leaves each trained model, so that every fork need not train it again. */
	private static final Path MODELS = Path.of("target", "jmh-models");

	/**
	 * The model as trained once for this run: its bundle and held-out rows from
	 * {@link #MODELS}, else trained here.
	 */
	public static TrainedModel trained(String model) {
		Path bundle = MODELS.resolve(model + ".bundle");
		Path rows = MODELS.resolve(model + ".rows.json");
		try {
			if (Files.exists(bundle) && Files.exists(rows)) {
				byte[] bytes = Files.readAllBytes(bundle);
				List<Map<String, Object>> inputs = JSON.readValue(rows.toFile(),
						new tools.jackson.core.type.TypeReference<List<Map<String, Object>>>() {
						});
				return new TrainedModel(bytes, BundleCodec.open(bytes, null).manifest(), inputs);
			}
			TrainedModel trained = train(model);
			Files.createDirectories(MODELS);
			Files.write(bundle, trained.bundle());
			JSON.writeValue(rows.toFile(), trained.testInputs());
			return trained;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static TrainedModel train(String model) {
		return switch (model) {
			case "iris" -> TestModels.trainIris(42);
			case "synth50" -> ModelTrainer.train("synth50", spec(synthFeatures(), "label",
					"{\"type\": \"logistic-regression\", \"hyperparameters\": {\"epochs\": 10}}"), synth50());
			case "forest" -> ModelTrainer.train("penguins-forest", spec(PENGUIN_FEATURES, "species",
					"{\"type\": \"random-forest\", \"hyperparameters\": {\"numTrees\": 50, \"maxDepth\": 8}}"),
					penguins());
			case "xgboost" -> ModelTrainer.train("penguins-xgboost", spec(PENGUIN_FEATURES, "species",
					"{\"type\": \"xgboost\", \"hyperparameters\": {\"numTrees\": 50, \"maxDepth\": 6}}"), penguins());
			default -> throw new IllegalArgumentException(model);
		};
	}

	private static final String PENGUIN_FEATURES = """
			[{"name": "island", "type": "categorical"},
			 {"name": "sex", "type": "categorical", "missing": "most-frequent"},
			 {"name": "bill_length_mm", "type": "numeric", "missing": "median"},
			 {"name": "bill_depth_mm", "type": "numeric", "missing": "median"},
			 {"name": "flipper_length_mm", "type": "numeric", "missing": "median"},
			 {"name": "body_mass_g", "type": "numeric", "missing": "median"}]""";

	private static PipelineSpec spec(String features, String target, String trainer) {
		return JSON.readValue("{\"formatVersion\": 1, \"task\": \"classification\", \"target\": \"" + target
				+ "\", \"features\": " + features + ", \"trainer\": " + trainer
				+ ", \"seed\": 42, \"split\": {\"testFraction\": 0.3, \"seed\": 7}}", PipelineSpec.class);
	}

	private static TrainingData penguins() {
		return new TrainingData(TestModels.resource("datasets/penguins.csv"), "penguins.csv");
	}

	private static String synthFeatures() {
		StringBuilder features = new StringBuilder("[");
		for (int j = 1; j <= 50; j++) {
			features.append((j > 1) ? "," : "").append("{\"name\": \"x").append(j).append("\", \"type\": \"numeric\"}");
		}
		return features.append(']').toString();
	}

	/**
	 * bench/run's synthetic data set: 50 features, 2,000 rows, a linear boundary, from
	 * the same Park-Miller generator (exact in doubles), so both benchmarks train on the
	 * same rows.
	 */
	static TrainingData synth50() {
		StringBuilder csv = new StringBuilder("label");
		for (int j = 1; j <= 50; j++) {
			csv.append(",x").append(j);
		}
		csv.append('\n');
		double s = 20261202;
		for (int i = 0; i < 2000; i++) {
			double z = 0;
			StringBuilder line = new StringBuilder();
			for (int j = 1; j <= 50; j++) {
				s = (s * 16807) % 2147483647;
				double x = s / 2147483647 * 2 - 1;
				z += x * ((j % 7) - 3);
				line.append(String.format(Locale.ROOT, ",%.4f", x));
			}
			s = (s * 16807) % 2147483647;
			csv.append((z + (s / 2147483647 - 0.5) > 0) ? "pos" : "neg").append(line).append('\n');
		}
		return new TrainingData(csv.toString().getBytes(StandardCharsets.UTF_8), "synth50.csv");
	}

	// ------------------------------------------------------------------ the summary

	/** Trains these models afresh for this run, for every fork to read. */
	public static void retrain(List<String> models) throws IOException {
		for (String model : models) {
			Files.deleteIfExists(MODELS.resolve(model + ".bundle"));
			trained(model);
		}
	}

	public static void main(String[] args) throws Exception {
		retrain(List.of("iris", "synth50", "forest", "xgboost"));
		CommandLineOptions given = new CommandLineOptions(
				(args.length > 0) ? args : new String[] { PredictPathBenchmark.class.getSimpleName() });
		Collection<RunResult> results = new Runner(given).run();
		Map<String, Double> micros = new TreeMap<>();
		for (RunResult result : results) {
			String name = result.getParams().getBenchmark();
			micros.put(result.getParams().getParam("model") + " " + result.getParams().getParam("rows") + " "
					+ name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
		}
		System.out.println();
		System.out.println("Per request, microseconds; ratios to Tribuo's own predict on the same rows");
		System.out.printf(Locale.ROOT, "%-8s %5s | %9s %9s %9s %9s %9s %9s %9s %9s | %9s %9s%n", "model", "rows",
				"tribuo", "tokens", "values", "read", "enc+pred", "write", "service", "general", "v+e+p", "service");
		for (String model : List.of("iris", "synth50", "forest", "xgboost")) {
			for (String rows : List.of("1", "1000")) {
				String key = model + " " + rows + " ";
				Double tribuo = micros.get(key + "tribuoPredict");
				if (tribuo == null) {
					continue;
				}
				double validateEncodePredict = micros.get(key + "read") - micros.get(key + "values")
						+ micros.get(key + "encodeAndPredict");
				System.out.printf(Locale.ROOT,
						"%-8s %5s | %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f | %8.2fx %8.2fx%n", model, rows,
						tribuo, micros.get(key + "tokens"), micros.get(key + "values"), micros.get(key + "read"),
						micros.get(key + "encodeAndPredict"),
						micros.get(key + "write"), micros.get(key + "servicePath"), micros.get(key + "generalPath"),
						validateEncodePredict / tribuo, micros.get(key + "servicePath") / tribuo);
				if (rows.equals("1000")) {
					System.out.printf(Locale.ROOT, "%-8s %5s   Tribuo %.0f rows/s in process, the service path %.0f%n",
							"", "", 1000 / tribuo * 1e6, 1000 / micros.get(key + "servicePath") * 1e6);
				}
			}
		}
		System.out.println("v+e+p: validation + encoding + predict = (read - values) + enc+pred;"
				+ " target for synth50: <= 1.5x (bench/README.md)");
	}

}
