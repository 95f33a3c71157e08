package dev.reproserve.datasets.web;

import java.security.Principal;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import dev.reproserve.datasets.DatasetDataAlteredException;
import dev.reproserve.datasets.DatasetReference;
import dev.reproserve.datasets.DatasetSnapshot;
import dev.reproserve.datasets.DatasetSnapshots;
import dev.reproserve.datasets.DatasetsProperties;
import dev.reproserve.datasets.InvalidDatasetException;
import dev.reproserve.datasets.SnapshotData;
import dev.reproserve.shared.ResultPage;
import dev.reproserve.datasets.Upload;
import dev.reproserve.web.BadRequestException;
import dev.reproserve.shared.TooLargeException;
import dev.reproserve.web.RequestBodies;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/datasets")
class DatasetController {

	private static final String TEXT_CSV = "text/csv";

	private final DatasetSnapshots datasets;

	private final DatasetsProperties properties;

	DatasetController(DatasetSnapshots datasets, DatasetsProperties properties) {
		this.datasets = datasets;
		this.properties = properties;
	}

	/** A stored snapshot of a CSV file uploaded as multipart field {@code file}. */
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<DatasetSnapshot> uploadFile(@RequestPart("file") MultipartFile file,
			@RequestParam(required = false) String name, Principal caller) throws IOException {
		long limit = this.properties.maxSize().toBytes();
		if (file.getSize() > limit) {
			throw new TooLargeException("The dataset of " + file.getSize() + " bytes", limit, "bytes");
		}
		String recordedName = (name != null && !name.isBlank()) ? name : file.getOriginalFilename();
		return answer(this.datasets.upload(file.getBytes(), recordedName, caller.getName()));
	}

	/** A stored snapshot of a CSV file sent as the request body. */
	@io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The CSV file, UTF-8, with a header row",
			content = @io.swagger.v3.oas.annotations.media.Content(mediaType = TEXT_CSV,
					schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
	@PostMapping(consumes = TEXT_CSV)
	ResponseEntity<DatasetSnapshot> uploadBody(@RequestParam(required = false) String name, Principal caller,
			HttpServletRequest request) throws IOException, HttpMediaTypeNotSupportedException {
		// text/csv in another charset would be read as UTF-8 all the same: refused.
		RequestBodies.requireCsv(request);
		byte[] csv = RequestBodies.read(request, this.properties.maxSize().toBytes(), "The dataset");
		return answer(this.datasets.upload(csv, name, caller.getName()));
	}

	/** A reference snapshot: the fingerprint of data that may not be copied. */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<DatasetSnapshot> registerReference(@RequestBody ReferenceRequest request, Principal caller) {
		return answer(this.datasets.registerReference(request.toReference(), caller.getName()));
	}

	@GetMapping
	ResultPage<DatasetSnapshot> snapshots(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		BadRequestException.checkPage(page, size);
		return this.datasets.snapshots(page, size);
	}

	@GetMapping("/{id}")
	DatasetSnapshot snapshot(@PathVariable String id) {
		return this.datasets.snapshot(id);
	}

	/** The canonical CSV of a stored snapshot; its SHA-256 is the id. */
	@GetMapping(path = "/{id}/data", produces = TEXT_CSV)
	ResponseEntity<byte[]> data(@PathVariable String id) {
		SnapshotData data = this.datasets.data(id);
		if (!data.intact()) {
			throw DatasetDataAlteredException.forData(data);
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setContentDisposition(ContentDisposition.attachment().filename(data.snapshot().name()).build());
		headers.setETag('"' + id + '"');
		headers.set("Reproserve-Dataset-Sha256", id);
		return ResponseEntity.ok()
			.headers(headers)
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.body(data.content());
	}

	private static ResponseEntity<DatasetSnapshot> answer(Upload upload) {
		return ResponseEntity.status(upload.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.location(URI.create("/api/v1/datasets/" + upload.snapshot().id()))
			.body(upload.snapshot());
	}

	/**
	 * The JSON body that registers a reference snapshot.
	 *
	 * @param kind must be {@code reference}: stored snapshots are uploaded as CSV
	 * @param sha256 SHA-256 of the data's canonical CSV
	 * @param source where the data lives, e.g. a warehouse query
	 * @param asOf when the data was taken, an ISO-8601 instant
	 * @param rowCount data rows, if known
	 */
	record ReferenceRequest(String kind, String sha256, String source, String asOf, Long rowCount) {

		DatasetReference toReference() {
			List<String> problems = new ArrayList<>();
			if (!"reference".equals(this.kind)) {
				problems.add(((this.kind == null) ? "'kind' is missing" : "'kind' is '" + this.kind + "'")
						+ ": a JSON body registers a reference snapshot (\"kind\": \"reference\"); upload a CSV file "
						+ "as multipart field 'file' or as a text/csv body to store its data");
			}
			Instant at = null;
			if (this.asOf != null) {
				try {
					at = Instant.parse(this.asOf);
				}
				catch (DateTimeParseException ex) {
					problems.add("'asOf' must be an ISO-8601 instant such as 2025-01-31T23:00:00Z, not '"
							+ ((this.asOf.length() > 60) ? this.asOf.substring(0, 60) + "..." : this.asOf) + "'");
				}
			}
			if (!problems.isEmpty()) {
				throw new InvalidDatasetException(problems);
			}
			return new DatasetReference(this.sha256, this.source, at, this.rowCount);
		}

	}

}
