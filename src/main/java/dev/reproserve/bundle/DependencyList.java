package dev.reproserve.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.tribuo.Tribuo;

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
 */
public record DependencyList(String tribuo, String java, String javaVendor, String reproserve, String osName,
		String osArch, @Nullable String reproserveCommit) {

	private static final DependencyList CURRENT = new DependencyList(Tribuo.VERSION, Runtime.version().toString(),
			System.getProperty("java.vendor"), reproserveVersion(), System.getProperty("os.name"),
			System.getProperty("os.arch"), builtCommit());

	/** What this JVM runs. */
	public static DependencyList current() {
		return CURRENT;
	}

	/**
	 * Compares a recorded list with the running one. A different Tribuo version is an
	 * error (the model's code may have changed); a different Java major version or
	 * architecture is a warning: the version serves only if its golden examples reproduce
	 * exactly, which the loader checks next.
	 */
	public Drift driftTo(DependencyList running) {
		List<String> errors = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		if (!this.tribuo.equals(running.tribuo)) {
			errors.add("trained with Tribuo " + this.tribuo + " but this service runs Tribuo " + running.tribuo);
		}
		if (javaMajor(this.java) != javaMajor(running.java)) {
			warnings.add("trained on Java " + this.java + ", served on Java " + running.java);
		}
		if (!this.osArch.equals(running.osArch)) {
			warnings.add("trained on " + this.osArch + ", served on " + running.osArch);
		}
		return new Drift(List.copyOf(errors), List.copyOf(warnings));
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

	/** Differences between a recorded and the running dependency list. */
	public record Drift(List<String> errors, List<String> warnings) {

		public boolean refused() {
			return !this.errors.isEmpty();
		}

	}

}
