package dev.reproserve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capability packages depend on each other only as their {@code package-info.java}
 * declares ({@code @ApplicationModule(allowedDependencies = ...)}), one way only, and
 * touch only each other's top-level API: {@code internal} and {@code web} sub-packages
 * stay private. The module diagram in {@code docs/modules/} is written from the same
 * model, so it cannot drift from the code.
 */
class ModularityTests {

	private static final Path COMMITTED = Path.of("docs/modules");

	private final ApplicationModules modules = ApplicationModules.of(ReproserveApplication.class);

	@Test
	void capabilitiesKeepToTheirDeclaredDependencies() {
		this.modules.verify();
	}

	@Test
	void theBundleFormatAndTheSharedKernelDependOnNothingOfOurs() {
		assertThat(dependencies("bundle")).isEmpty();
		assertThat(dependencies("shared")).isEmpty();
		assertThat(dependencies("web")).containsOnly("bundle", "shared");
		// Snapshots are data, not models: they know the bundle's feature types and
		// nothing else of the model side.
		assertThat(dependencies("datasets")).containsOnly("bundle", "shared", "web");
	}

	/**
	 * Domain code knows nothing of HTTP: only a capability's {@code web} package (and the
	 * {@code web} module itself) may use the web module's types.
	 */
	@Test
	void onlyWebPackagesUseTheWebModule() {
		noClasses().that()
			.resideOutsideOfPackage("..web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.reproserve.web..")
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("dev.reproserve"));
	}

	@Test
	void reproductionsSitOnTopAndTheRegistryKnowsNoTrainingOrData() {
		this.modules
			.forEach((module) -> assertThat(dependencies(module.getName())).as("dependencies of %s", module.getName())
				.doesNotContain("reproduce", "examples"));
		assertThat(dependencies("reproduce")).contains("registry", "datasets", "training");
		assertThat(dependencies("registry")).doesNotContain("serving", "training", "datasets");
	}

	/**
	 * Writes the diagrams afresh into {@code target/modules} and holds them against the
	 * committed ones. After a change of structure, {@code ./mvnw test
	 * -Dtest=ModularityTests -Dreproserve.modules.write=true} writes them into
	 * {@code docs/modules/} instead, to be committed with the change.
	 */
	@Test
	void committedModuleDiagramMatchesTheCode() throws IOException {
		boolean write = Boolean.getBoolean("reproserve.modules.write");
		Path written = write ? COMMITTED : Path.of("target/modules");
		new Documenter(this.modules, Documenter.Options.defaults().withOutputFolder(written.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		try (Stream<Path> diagrams = Files.list(written)) {
			for (Path diagram : diagrams.filter((p) -> p.toString().endsWith(".puml")).sorted().toList()) {
				// Documenter lists relations in no fixed order: compare the lines as
				// sets.
				assertThat(sortedLines(COMMITTED.resolve(diagram.getFileName())))
					.as("docs/modules/%s is out of date: write it with -Dreproserve.modules.write=true",
							diagram.getFileName())
					.isEqualTo(sortedLines(diagram));
			}
		}
	}

	private static List<String> sortedLines(Path file) throws IOException {
		return Files.exists(file) ? Files.readAllLines(file).stream().sorted().toList() : List.of();
	}

	private List<String> dependencies(String name) {
		ApplicationModule module = this.modules.getModuleByName(name).orElseThrow();
		return module.getDirectDependencies(this.modules)
			.stream()
			.map((dependency) -> dependency.getTargetModule().getName())
			.distinct()
			.toList();
	}

}
