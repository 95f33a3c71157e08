package dev.reproserve.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

import dev.reproserve.ReproserveApplication;
import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.FeatureSchema;
import dev.reproserve.bundle.FeatureType;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.OutputSpec.Kind;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.serving.ModelServing;
import dev.reproserve.support.TestDatabase;
import dev.reproserve.support.TestModels;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainedModel;
import dev.reproserve.training.internal.ModelTrainer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What each layer of serving costs, on the built-in iris model: raw Tribuo, the bundle's
 * encoding, the service (schema validation, in-memory lookup) and HTTP over loopback;
 * then random forest and XGBoost models, bundle against raw Tribuo, one instance and 100
 * per call. Every figure is also given as a ratio to raw Tribuo measured in the same run,
 * since the machine is shared and absolute numbers move. Run with
 * {@code ./mvnw -q -Pbenchmark test-compile exec:java}; it needs PostgreSQL like the
 * tests (a throwaway database is created and dropped). {@code exec:java} runs inside
 * Maven's JVM, whose environment the POM cannot set: export
 * {@code OMP_WAIT_POLICY=PASSIVE} first, as the service runs with, or XGBoost's training
 * and raw Tribuo predictions busy-wait (the bundle path predicts on one thread and does
 * not).
 */
public final class PredictionBenchmark {

	private static final int ROUNDS = 5;

	private static final long ROUND_NANOS = 1_000_000_000L;

	private PredictionBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		TestDatabase database = TestDatabase.create();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ReproserveApplication.class)
			.properties("logging.level.root=WARN")
			.run("--server.port=0", "--spring.datasource.url=" + database.jdbcUrl(),
					"--spring.datasource.username=" + database.username(),
					"--spring.datasource.password=" + database.password())) {
			run(app);
		}
		System.exit(0);
	}

	@SuppressWarnings("unchecked")
	private static void run(ConfigurableApplicationContext app) throws Exception {
		ModelRegistry registry = app.getBean(ModelRegistry.class);
		ModelServing serving = app.getBean(ModelServing.class);
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		LoadedBundle bundle = BundleCodec.open(registry.bundle(registry.versionRef("iris", 1)), null);
		Model<Label> model = (Model<Label>) bundle.model();
		FeatureSchema schema = bundle.manifest().inputSchema();

		List<Map<String, Object>> rows = goldenInputs(bundle);
		List<Example<Label>> examples = examples(schema, rows);
		List<List<Map<String, Object>>> batches = new ArrayList<>();
		rows.forEach((row) -> batches.add(List.of(row)));
		List<Map<String, Object>> batch100 = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			batch100.add(rows.get(i % rows.size()));
		}
		LoopbackClient client = new LoopbackClient(port, "/api/v1/models/iris/aliases/production/predict");
		List<String> bodies = rows.stream().map(PredictionBenchmark::body).toList();
		String body100 = body(batch100);

		System.out.printf(Locale.ROOT, "Reproserve prediction benchmark: iris logistic regression, %s, %d cores%n",
				Runtime.version(), Runtime.getRuntime().availableProcessors());
		System.out.printf(Locale.ROOT, "each figure: median of %d rounds of %.1f s after one warm-up round%n%n", ROUNDS,
				ROUND_NANOS / 1e9);

		int[] i = { 0 };
		double tribuo = measure("raw Tribuo model.predict(example)", () -> {
			model.predict(examples.get(i[0]++ % examples.size()));
			return 1;
		});
		double encoded = measure("bundle: encode + Tribuo", () -> {
			bundle.predict(batches.get(i[0]++ % batches.size()));
			return 1;
		});
		double service = measure("service: validate + lookup + encode + Tribuo", () -> {
			serving.predictWithAlias("iris", "production", null, batches.get(i[0]++ % batches.size()));
			return 1;
		});
		double service100 = measure("service, batches of 100", () -> {
			serving.predictWithAlias("iris", "production", null, batch100);
			return 100;
		});
		double httpOne = measure("HTTP over loopback, 1 instance per request", () -> {
			client.post(bodies.get(i[0]++ % bodies.size()));
			return 1;
		});
		double http100 = measure("HTTP over loopback, 100 instances per request", () -> {
			client.post(body100);
			return 100;
		});

		System.out.printf(Locale.ROOT, "%nrelative to raw Tribuo (instances/s, same run):%n");
		for (Object[] row : new Object[][] { { "bundle: encode + Tribuo", encoded },
				{ "service: validate + lookup + encode + Tribuo", service }, { "service, batches of 100", service100 },
				{ "HTTP, 1 instance per request", httpOne }, { "HTTP, 100 instances per request", http100 } }) {
			System.out.printf(Locale.ROOT, "  %-48s %8.4f x%n", row[0], (Double) row[1] / tribuo);
		}

		ensembles();
	}

	/**
	 * Random forest and XGBoost with their default hyperparameters on penguins (two
	 * categorical, three numeric features): the bundle's path (for XGBoost, its own
	 * DMatrix handling) against Tribuo's {@code model.predict} on the same model, one
	 * instance per call and batches of 100.
	 */
	private static void ensembles() {
		System.out.printf(Locale.ROOT, "%nEnsembles on penguins, default hyperparameters (OMP_WAIT_POLICY=%s):%n",
				System.getenv("OMP_WAIT_POLICY"));
		List<PipelineSpec.Feature> features = List.of(new PipelineSpec.Feature("island", FeatureType.CATEGORICAL),
				new PipelineSpec.Feature("sex", FeatureType.CATEGORICAL),
				new PipelineSpec.Feature("bill_length_mm", FeatureType.NUMERIC),
				new PipelineSpec.Feature("bill_depth_mm", FeatureType.NUMERIC),
				new PipelineSpec.Feature("flipper_length_mm", FeatureType.NUMERIC));
		List<Object[]> ratios = new ArrayList<>();
		for (String trainer : List.of("random-forest", "xgboost")) {
			PipelineSpec spec = new PipelineSpec(1, Kind.CLASSIFICATION, "species", features,
					new PipelineSpec.Trainer(trainer, null), 42L, null);
			TrainedModel trained = ModelTrainer.train("penguins-" + trainer, spec, TestModels.penguinsData());
			LoadedBundle bundle = BundleCodec.open(trained.bundle(), null);
			@SuppressWarnings("unchecked")
			Model<Label> model = (Model<Label>) bundle.model();
			FeatureSchema schema = bundle.manifest().inputSchema();
			List<Map<String, Object>> rows = goldenInputs(bundle);
			List<Example<Label>> examples = examples(schema, rows);
			List<List<Map<String, Object>>> singles = rows.stream().map(List::of).toList();
			List<Map<String, Object>> rows100 = new ArrayList<>();
			List<Example<Label>> examples100 = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				rows100.add(rows.get(i % rows.size()));
				examples100.add(examples.get(i % examples.size()));
			}
			String name = trainer + " (" + bundle.manifest().modelClass().replaceAll(".*\\.", "") + ")";
			int[] i = { 0 };
			double rawOne = measure(name + ": raw Tribuo, 1 instance", () -> {
				model.predict(examples.get(i[0]++ % examples.size()));
				return 1;
			});
			double bundleOne = measure(name + ": bundle, 1 instance", () -> {
				bundle.predict(singles.get(i[0]++ % singles.size()));
				return 1;
			});
			double raw100 = measure(name + ": raw Tribuo, batches of 100", () -> {
				model.predict(examples100);
				return 100;
			});
			double bundle100 = measure(name + ": bundle, batches of 100", () -> {
				bundle.predict(rows100);
				return 100;
			});
			ratios.add(new Object[] { name + ", 1 instance", bundleOne / rawOne });
			ratios.add(new Object[] { name + ", batches of 100", bundle100 / raw100 });
		}
		System.out.printf(Locale.ROOT, "%nbundle relative to raw Tribuo on the same model and batch size:%n");
		for (Object[] row : ratios) {
			System.out.printf(Locale.ROOT, "  %-64s %8.4f x%n", row[0], (Double) row[1]);
		}
	}

	private static double measure(String name, IntSupplier operation) {
		double[] rates = new double[ROUNDS];
		for (int round = -1; round < ROUNDS; round++) {
			long instances = 0;
			long start = System.nanoTime();
			long end = start + ROUND_NANOS;
			long now;
			do {
				instances += operation.getAsInt();
				now = System.nanoTime();
			}
			while (now < end);
			if (round >= 0) {
				rates[round] = instances / ((now - start) / 1e9);
			}
		}
		Arrays.sort(rates);
		double median = rates[ROUNDS / 2];
		System.out.printf(Locale.ROOT, "  %-64s %12.0f instances/s  (rounds %.0f..%.0f)%n", name, median, rates[0],
				rates[ROUNDS - 1]);
		return median;
	}

	/**
	 * A minimal HTTP/1.1 keep-alive client that writes each request in one segment with
	 * TCP_NODELAY. The JDK's clients write headers and body separately, and Nagle's
	 * algorithm against the server's delayed ACK then adds milliseconds to every request:
	 * that measured the client, not the service.
	 */
	static final class LoopbackClient implements AutoCloseable {

		private final String path;

		private final int port;

		private java.net.Socket socket;

		private java.io.DataInputStream in;

		private java.io.OutputStream out;

		LoopbackClient(int port, String path) throws java.io.IOException {
			this.path = path;
			this.port = port;
			connect();
		}

		/**
		 * (Re)connects: Tomcat closes a kept-alive connection after 100 requests by
		 * default.
		 */
		private void connect() throws java.io.IOException {
			if (this.socket != null) {
				this.socket.close();
			}
			this.socket = new java.net.Socket("localhost", this.port);
			this.socket.setTcpNoDelay(true);
			this.in = new java.io.DataInputStream(new java.io.BufferedInputStream(this.socket.getInputStream()));
			this.out = this.socket.getOutputStream();
		}

		void post(String json) {
			try {
				byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
				byte[] head = ("POST " + this.path + " HTTP/1.1\r\nHost: localhost:" + this.port
						+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
				byte[] request = Arrays.copyOf(head, head.length + body.length);
				System.arraycopy(body, 0, request, head.length, body.length);
				this.out.write(request);
				this.out.flush();
				String status = line();
				if (!status.startsWith("HTTP/1.1 200")) {
					throw new IllegalStateException("predict answered " + status);
				}
				long length = -1;
				boolean chunked = false;
				boolean close = false;
				for (String header = line(); !header.isEmpty(); header = line()) {
					String lower = header.toLowerCase(Locale.ROOT);
					if (lower.startsWith("content-length:")) {
						length = Long.parseLong(lower.substring(15).trim());
					}
					else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
						chunked = true;
					}
					else if (lower.startsWith("connection:") && lower.contains("close")) {
						close = true;
					}
				}
				if (chunked) {
					for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer
						.parseInt(line().trim(), 16)) {
						this.in.skipNBytes(size + 2);
					}
					line();
				}
				else {
					this.in.skipNBytes(length);
				}
				if (close) {
					connect();
				}
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}

		private String line() throws java.io.IOException {
			StringBuilder line = new StringBuilder();
			for (int c = this.in.read(); c != '\n'; c = this.in.read()) {
				if (c < 0) {
					throw new java.io.EOFException("connection closed");
				}
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

		@Override
		public void close() throws java.io.IOException {
			this.socket.close();
		}

	}

	private static String body(Map<String, Object> row) {
		return body(List.of(row));
	}

	private static String body(List<Map<String, Object>> rows) {
		StringBuilder json = new StringBuilder("{\"instances\":[");
		for (int r = 0; r < rows.size(); r++) {
			json.append((r == 0) ? "{" : ",{");
			int f = 0;
			for (Map.Entry<String, Object> entry : rows.get(r).entrySet()) {
				json.append((f++ == 0) ? "" : ",")
					.append('"')
					.append(entry.getKey())
					.append("\":")
					.append(entry.getValue());
			}
			json.append('}');
		}
		return json.append("]}").toString();
	}

	private static List<Map<String, Object>> goldenInputs(LoadedBundle bundle) {
		return bundle.manifest().goldenExamples().stream().map((g) -> g.input()).toList();
	}

	/** The rows as Tribuo examples, encoded as the service encodes them. */
	private static List<Example<Label>> examples(FeatureSchema schema, List<Map<String, Object>> rows) {
		List<Example<Label>> examples = new ArrayList<>();
		for (Map<String, Object> row : rows) {
			FeatureSchema.EncodedInstance encoded = schema.encode(row);
			examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, encoded.names(), encoded.values()));
		}
		return examples;
	}

}
