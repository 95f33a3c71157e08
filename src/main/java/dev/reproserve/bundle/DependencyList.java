package dev.reproserve.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.tribuo.Tribuo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The software a model was trained with, read from the running classpath and JVM (never
 * written by hand), and the rules for serving it elsewhere.
 *
 * @param tribuo Tribuo version
 * @param java Java runtime version
 * @param javaVendor Java runtime vendor
 * @param reproserve Reproserve version
 * @param osName operating system
 * @param osArch CPU architecture
 * @param reproserveCommit the git commit Reproserve was built from, with {@code -dirty}
 * when the build had uncommitted changes; {@code null} for a build outside a git checkout
 * and for bundles recorded before builds named their commit
 * @param components the libraries that can change a prediction ({@code group:artifact} of
 * Tribuo, OLCUT, XGBoost and protobuf) with their exact versions, as the application SBOM
 * lists them; {@code null} for bundles recorded before they were listed
 * @param sbomSha256 the SHA-256 of the whole application SBOM (CycloneDX JSON) of the
 * build that trained it: every third-party dependency by version
 * @param image the container image version the service ran in, from
 * {@code REPROSERVE_IMAGE_VERSION}; null outside an image
 * @param imageRevision the source revision the image was built from, from
 * {@code REPROSERVE_IMAGE_REVISION}
 */
public record DependencyList(String tribuo, String java, String javaVendor, String reproserve, String osName,
		String osArch, @Nullable String reproserveCommit, @Nullable Map<String, String> components,
		@Nullable String sbomSha256, @Nullable String image, @Nullable String imageRevision) {

	/** Where the build puts the application SBOM (Spring Boot's default). */
	public static final String SBOM = "/META-INF/sbom/application.cdx.json";

	/** Groups whose libraries can change what a model predicts. */
	private static final List<String> PREDICTION_GROUPS = List.of("org.tribuo", "com.oracle.labs.olcut", "ml.dmlc",
			"com.google.protobuf");

	private static final DependencyList CURRENT = current(DependencyList.class.getResourceAsStream(SBOM));

	/** A list as recorded before components, the SBOM and the image were. */
	public DependencyList(String tribuo, String java, String javaVendor, String reproserve, String osName,
			String osArch, @Nullable String reproserveCommit) {
		this(tribuo, java, javaVendor, reproserve, osName, osArch, reproserveCommit, null, null, null, null);
	}

	private static DependencyList current(@Nullable InputStream sbom) {
		Map<String, String> components = null;
		String sbomSha256 = null;
		if (sbom != null) {
			try (sbom) {
				byte[] bytes = sbom.readAllBytes();
				sbomSha256 = Sha256.hex(bytes);
				components = predictionComponents(JsonMapper.builder().build().readTree(bytes));
			}
			catch (IOException | RuntimeException ex) {
				// A build without a readable SBOM records none rather than failing.
			}
		}
		return new DependencyList(Tribuo.VERSION, Runtime.version().toString(), System.getProperty("java.vendor"),
				reproserveVersion(), System.getProperty("os.name"), System.getProperty("os.arch"), builtCommit(),
				components, sbomSha256, environment("REPROSERVE_IMAGE_VERSION"),
				environment("REPROSERVE_IMAGE_REVISION"));
	}

	/** The SBOM's components that can change a prediction, by {@code group:name}. */
	static Map<String, String> predictionComponents(JsonNode sbom) {
		Map<String, String> components = new TreeMap<>();
		for (JsonNode component : sbom.path("components")) {
			String group = component.path("group").asString("");
			if (PREDICTION_GROUPS.stream()
				.anyMatch((prefix) -> group.equals(prefix) || group.startsWith(prefix + "."))) {
				components.put(group + ":" + component.path("name").asString(), component.path("version").asString());
			}
		}
		return Map.copyOf(components);
	}

	private static @Nullable String environment(String name) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? null : value;
	}

	/** What this JVM runs. */
	public static DependencyList current() {
		return CURRENT;
	}

	/**
	 * Compares a recorded list with the running one. A different Tribuo version, or a
	 * different version of any component that can change a prediction, is an error (the
	 * model's code may have changed); a different Java major version or architecture is a
	 * warning: the version serves only if its golden examples reproduce exactly, which
	 * the loader checks next. Any other difference (Reproserve itself, the image, the
	 * rest of the SBOM) is a note: reported, changing nothing.
	 */
	public Drift driftTo(DependencyList running) {
		List<String> errors = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		if (!this.tribuo.equals(running.tribuo)) {
			errors.add("trained with Tribuo " + this.tribuo + " but this service runs Tribuo " + running.tribuo);
		}
		if (this.components != null && running.components != null) {
			this.components.forEach((component, version) -> {
				String runs = running.components.get(component);
				if (!version.equals(runs)) {
					errors.add("trained with " + component + " " + version + " but this service runs "
							+ ((runs != null) ? runs : "none"));
				}
			});
		}
		if (javaMajor(this.java) != javaMajor(running.java)) {
			warnings.add("trained on Java " + this.java + ", served on Java " + running.java);
		}
		if (!this.osArch.equals(running.osArch)) {
			warnings.add("trained on " + this.osArch + ", served on " + running.osArch);
		}
		note(notes, "Reproserve", this.reproserve, running.reproserve);
		note(notes, "Reproserve commit", this.reproserveCommit, running.reproserveCommit);
		note(notes, "the SBOM (SHA-256)", this.sbomSha256, running.sbomSha256);
		note(notes, "image", this.image, running.image);
		note(notes, "Java vendor", this.javaVendor, running.javaVendor);
		return new Drift(List.copyOf(errors), List.copyOf(warnings), List.copyOf(notes));
	}

	private static void note(List<String> notes, String what, @Nullable String recorded, @Nullable String running) {
		if (recorded != null && !Objects.equals(recorded, running)) {
			notes.add("trained with " + what + " " + recorded + ", served with "
					+ ((running != null) ? running : "none"));
		}
	}

	private static int javaMajor(String version) {
		try {
			return Runtime.Version.parse(version).feature();
		}
		catch (IllegalArgumentException ex) {
			return -1;
		}
	}

	private static String reproserveVersion() {
		// Written by spring-boot-maven-plugin's build-info goal into target/classes, so
		// it is there for the jar, for spring-boot:run and for tests alike.
		return buildProperties("/META-INF/build-info.properties").getProperty("build.version", "unknown");
	}

	private static @Nullable String builtCommit() {
		// Written by git-commit-id-maven-plugin, like build-info, at every build.
		Properties git = buildProperties("/git.properties");
		String commit = git.getProperty("git.commit.id");
		if (commit == null || commit.isBlank()) {
			return null;
		}
		return "true".equals(git.getProperty("git.dirty")) ? commit + "-dirty" : commit;
	}

	private static Properties buildProperties(String resource) {
		Properties properties = new Properties();
		try (InputStream in = DependencyList.class.getResourceAsStream(resource)) {
			if (in != null) {
				properties.load(in);
			}
		}
		catch (IOException ex) {
			// Read as absent: the list then says "unknown" rather than failing a
			// training.
		}
		return properties;
	}

	/**
	 * Differences between a recorded and the running dependency list.
	 *
	 * @param errors differences that refuse the version
	 * @param warnings differences it serves despite, because its golden examples
	 * reproduce
	 * @param notes differences that cannot change a prediction
	 */
	public record Drift(List<String> errors, List<String> warnings, List<String> notes) {

		public boolean refused() {
			return !this.errors.isEmpty();
		}

	}

}
