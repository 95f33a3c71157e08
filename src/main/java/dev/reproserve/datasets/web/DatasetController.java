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
import dev.reproserve.datasets.QuerySnapshots;
import dev.reproserve.datasets.SnapshotQuery;
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

	private static final String QUERY = "query";

	private static final String REFERENCE = "reference";

	private final DatasetSnapshots datasets;

	private final QuerySnapshots queries;

	private final DatasetsProperties properties;

	DatasetController(DatasetSnapshots datasets, QuerySnapshots queries, DatasetsProperties properties) {
		this.datasets = datasets;
		this.queries = queries;
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

	/**
	 * A snapshot of a query's result on a configured SQL source
	 * ({@code "kind": "query"}), or a reference snapshot declared by its fingerprint
	 * ({@code "kind": "reference"}).
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<DatasetSnapshot> registerJson(@RequestBody SnapshotRequest request, Principal caller) {
		if (QUERY.equals(request.kind())) {
			return answer(this.queries.take(request.toQuery(), caller.getName()));
		}
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
	 * The JSON body of a query snapshot or a declared reference snapshot.
	 *
	 * @param kind {@code query} or {@code reference}: stored snapshots of files are
	 * uploaded as CSV
	 * @param source a query's configured source; a reference's description of where the
	 * data lives, e.g. a warehouse query
	 * @param sql a query's SELECT, ending in ORDER BY
	 * @param asOf when the data was taken, or the moment a query's {@code :asOf} shows,
	 * an ISO-8601 instant
	 * @param keep a query's {@code data} (store the rows) or {@code reference} (only the
	 * fingerprint)
	 * @param name a query snapshot's name
	 * @param sha256 a reference's SHA-256 of the data's canonical CSV
	 * @param rowCount a reference's data rows, if known
	 */
	record SnapshotRequest(String kind, String source, String sql, String asOf, String keep, String name, String sha256,
			Long rowCount) {

		SnapshotQuery toQuery() {
			List<String> problems = new ArrayList<>();
			if (this.sha256 != null || this.rowCount != null) {
				problems.add("'sha256' and 'rowCount' belong to a declared reference: a query snapshot computes them");
			}
			DatasetSnapshot.Kind kept = null;
			if ("data".equals(this.keep)) {
				kept = DatasetSnapshot.Kind.STORED;
			}
			else if (REFERENCE.equals(this.keep)) {
				kept = DatasetSnapshot.Kind.REFERENCE;
			}
			else if (this.keep != null) {
				problems.add("'keep' is '" + cut(this.keep) + "': it is \"data\" (store the rows) or \"reference\" "
						+ "(keep only the fingerprint)");
			}
			Instant at = instant(problems);
			if (!problems.isEmpty()) {
				throw new InvalidDatasetException(problems);
			}
			return new SnapshotQuery(this.source, this.sql, at, kept, this.name);
		}

		DatasetReference toReference() {
			List<String> problems = new ArrayList<>();
			if (!REFERENCE.equals(this.kind)) {
				problems.add(((this.kind == null) ? "'kind' is missing" : "'kind' is '" + cut(this.kind) + "'")
						+ ": a JSON body takes a snapshot of a query on a configured SQL source (\"kind\": \"query\") "
						+ "or registers a reference snapshot (\"kind\": \"reference\"); upload a CSV file as multipart "
						+ "field 'file' or as a text/csv body to store its data");
			}
			else if (this.sql != null || this.keep != null || this.name != null) {
				problems.add("'sql', 'keep' and 'name' belong to a query snapshot (\"kind\": \"query\")");
			}
			Instant at = instant(problems);
			if (!problems.isEmpty()) {
				throw new InvalidDatasetException(problems);
			}
			return new DatasetReference(this.sha256, this.source, at, this.rowCount);
		}

		private Instant instant(List<String> problems) {
			if (this.asOf == null) {
				return null;
			}
			try {
				return Instant.parse(this.asOf);
			}
			catch (DateTimeParseException ex) {
				problems.add("'asOf' must be an ISO-8601 instant such as 2025-01-31T23:00:00Z, not '" + cut(this.asOf)
						+ "'");
				return null;
			}
		}

		private static String cut(String value) {
			return (value.length() > 60) ? value.substring(0, 60) + "..." : value;
		}

	}

}
