package dev.reproserve.registry.web;

import java.security.Principal;
import java.io.IOException;
import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import dev.reproserve.bundle.DependencyList;
import dev.reproserve.bundle.FeatureSpec;
import dev.reproserve.bundle.OutputSpec;
import dev.reproserve.registry.DeploymentDrift;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.ModelSummary;
import dev.reproserve.registry.Registration;
import dev.reproserve.registry.RegistryProperties;
import dev.reproserve.shared.ResultPage;
import dev.reproserve.registry.VersionDetails;
import dev.reproserve.registry.VersionRef;
import dev.reproserve.registry.VersionFilter;
import dev.reproserve.registry.VersionSummary;
import dev.reproserve.web.BadRequestException;
import org.jspecify.annotations.Nullable;
import dev.reproserve.shared.TooLargeException;
import dev.reproserve.web.RequestBodies;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/models")
class ModelController {

	private final ModelRegistry registry;

	private final RegistryProperties properties;

	ModelController(ModelRegistry registry, RegistryProperties properties) {
		this.registry = registry;
		this.properties = properties;
	}

	@GetMapping
	ModelsResponse models() {
		return new ModelsResponse(this.registry.listModels());
	}

	@GetMapping("/{name}")
	ModelSummary model(@PathVariable String name) {
		return this.registry.model(name);
	}

	@PostMapping(path = "/{name}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<VersionSummary> registerUpload(@PathVariable String name,
			@RequestPart("bundle") MultipartFile bundle, Principal caller) throws IOException {
		if (bundle.getSize() > this.properties.maxBundleSize().toBytes()) {
			throw new TooLargeException("The bundle", this.properties.maxBundleSize().toBytes(), "bytes");
		}
		return registered(this.registry.register(name, bundle.getBytes(), caller.getName()));
	}

	@PostMapping(path = "/{name}/versions", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	ResponseEntity<VersionSummary> registerBytes(@PathVariable String name, Principal caller,
			HttpServletRequest request) throws IOException {
		byte[] bundle = RequestBodies.read(request, this.properties.maxBundleSize().toBytes(), "The bundle");
		return registered(this.registry.register(name, bundle, caller.getName()));
	}

	private static ResponseEntity<VersionSummary> registered(Registration registration) {
		VersionSummary version = registration.version();
		URI location = URI.create("/api/v1/models/" + version.model() + "/versions/" + version.version());
		return ResponseEntity.status(registration.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.location(location)
			.body(version);
	}

	@GetMapping("/{name}/versions")
	ResultPage<VersionSummary> versions(@PathVariable String name, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size, @RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String reproduction,
			@RequestParam(required = false) @Nullable String trainer,
			@RequestParam(required = false) @Nullable String dataset,
			@RequestParam(required = false) @Nullable String createdFrom,
			@RequestParam(required = false) @Nullable String createdTo) {
		BadRequestException.checkPage(page, size);
		VersionFilter filter = VersionFilter.of(status, reproduction, trainer, dataset,
				BadRequestException.instantParameter("createdFrom", createdFrom),
				BadRequestException.instantParameter("createdTo", createdTo));
		return this.registry.versions(name, filter, page, size);
	}

	@GetMapping("/{name}/versions/{version}")
	VersionResponse version(@PathVariable String name, @PathVariable int version) {
		return VersionResponse.from(this.registry.version(name, version));
	}

	/**
	 * The software a version was trained with beside what this replica runs, and how they
	 * differ: errors refuse the version, warnings it serves despite, notes change
	 * nothing.
	 */
	@GetMapping("/{name}/versions/{version}/dependencies")
	DependenciesResponse dependencies(@PathVariable String name, @PathVariable int version) {
		VersionDetails details = this.registry.version(name, version);
		DeploymentDrift drift = details.deploymentDrift();
		return new DependenciesResponse(name, version, details.manifest().dependencies(), drift.runtime(),
				drift.errors(), drift.warnings(), drift.notes());
	}

	record DependenciesResponse(String model, int version, DependencyList recorded, DependencyList running,
			List<String> errors, List<String> warnings, List<String> notes) {
	}

	@GetMapping("/{name}/versions/{version}/schema")
	SchemaResponse schema(@PathVariable String name, @PathVariable int version) {
		VersionDetails details = this.registry.version(name, version);
		return new SchemaResponse(name, version, details.manifest().inputSchema().features(),
				details.manifest().output());
	}

	@GetMapping(path = "/{name}/versions/{version}/bundle", produces = "application/zip")
	ResponseEntity<byte[]> bundle(@PathVariable String name, @PathVariable int version) {
		VersionRef ref = this.registry.versionRef(name, version);
		byte[] bytes = this.registry.bundle(ref);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentDisposition(
				ContentDisposition.attachment().filename(name + "-" + version + ".reproserve.zip").build());
		headers.setETag('"' + ref.bundleSha256() + '"');
		headers.set("Reproserve-Bundle-Sha256", ref.bundleSha256());
		return ResponseEntity.ok()
			.headers(headers)
			.contentType(MediaType.parseMediaType("application/zip"))
			.body(bytes);
	}

	record ModelsResponse(List<ModelSummary> models) {
	}

	record SchemaResponse(String model, int version, List<FeatureSpec> features, OutputSpec output) {
	}

}
