package dev.reproserve.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * openapi-generator as a business application runs it on Reproserve's OpenAPI document:
 * the CLI jar in a JVM of its own, with its default options (the document validated, no
 * name mappings), and the generated Java client compiled and loaded against its own
 * libraries only, isolated from the service's classpath (Jackson 2 there, Jackson 3
 * here). The build copies the jar to {@code target/openapi-generator} and the libraries
 * that the generated pom lists to {@code target/openapi-client-libraries}.
 */
public final class OpenApiGenerator {

	private static final Path GENERATOR = Path.of("target", "openapi-generator", "openapi-generator-cli.jar");

	private static final Path LIBRARIES = Path.of("target", "openapi-client-libraries");

	private static final long TIMEOUT_SECONDS = 180;

	private OpenApiGenerator() {
	}

	/** Runs the generator's {@code validate} on the document and answers what it said. */
	public static String validate(Path document, Path work) {
		return run(work.resolve("validate.log"), "validate", "-i", document.toString());
	}

	/**
	 * Generates a Java client ({@code -g java --library native}, validation on) and
	 * answers the folder of its sources.
	 */
	public static Path generateJavaClient(Path document, Path output) {
		run(output.resolveSibling("generate.log"), "generate", "-g", "java", "--library", "native", "-i",
				document.toString(), "-o", output.toString(),
				// Only what is compiled: no tests or Markdown beside the sources.
				"--global-property", "apiTests=false,modelTests=false,apiDocs=false,modelDocs=false");
		return output.resolve("src/main/java");
	}

	/**
	 * Compiles every source under {@code sources} and the extra files against the
	 * client's libraries and answers a class loader over the classes and those libraries
	 * alone.
	 */
	public static URLClassLoader compile(Path sources, Path classes, Path... extra) {
		List<Path> files = new ArrayList<>(javaFiles(sources));
		files.addAll(List.of(extra));
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		assertThat(compiler).as("a JDK's compiler (the tests run on a JDK)").isNotNull();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, null,
				StandardCharsets.UTF_8)) {
			Files.createDirectories(classes);
			List<String> options = List.of("-d", classes.toString(), "-classpath", classpath(), "--release", "17",
					"-proc:none", "-nowarn", "-Xlint:none");
			boolean compiled = compiler
				.getTask(null, fileManager, diagnostics, options, null, fileManager.getJavaFileObjectsFromPaths(files))
				.call();
			assertThat(compiled)
				.as("the generated client compiles:%n%s",
						diagnostics.getDiagnostics()
							.stream()
							.filter((diagnostic) -> diagnostic.getKind() == javax.tools.Diagnostic.Kind.ERROR)
							.limit(20)
							.map(Object::toString)
							.collect(Collectors.joining("\n")))
				.isTrue();
			List<URL> urls = new ArrayList<>();
			urls.add(classes.toUri().toURL());
			for (Path library : libraries()) {
				urls.add(library.toUri().toURL());
			}
			return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String run(Path log, String... arguments) {
		assertThat(GENERATOR).as("openapi-generator's CLI jar, which the build copies at process-test-resources")
			.isRegularFile();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						// A short run: the quick compiler is enough and starts sooner.
						"-XX:TieredStopAtLevel=1", "-jar", GENERATOR.toString()));
		command.addAll(List.of(arguments));
		try {
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			if (!finished) {
				process.destroyForcibly();
			}
			String output = Files.readString(log);
			assertThat(finished).as("openapi-generator %s ends within %d s", arguments[0], TIMEOUT_SECONDS).isTrue();
			assertThat(process.exitValue()).as("openapi-generator %s:%n%s", arguments[0], output).isZero();
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String classpath() {
		return libraries().stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
	}

	private static List<Path> libraries() {
		try (Stream<Path> jars = Files.list(LIBRARIES)) {
			return jars.filter((jar) -> jar.toString().endsWith(".jar")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"No client libraries in " + LIBRARIES + ": the build copies them at process-test-resources", ex);
		}
	}

	private static List<Path> javaFiles(Path sources) {
		try (Stream<Path> files = Files.walk(sources)) {
			return files.filter((file) -> file.toString().endsWith(".java")).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
