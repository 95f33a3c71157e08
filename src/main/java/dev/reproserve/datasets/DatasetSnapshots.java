package dev.reproserve.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.reproserve.bundle.Sha256;
import dev.reproserve.datasets.internal.Gzip;
import dev.reproserve.datasets.internal.SnapshotStore;
import dev.reproserve.shared.TooLargeException;
import dev.reproserve.shared.Timestamps;
import dev.reproserve.shared.ResultPage;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dataset snapshots: immutable tables identified by the SHA-256 of their canonical CSV
 * (see {@link CsvTable}). A stored snapshot keeps the canonical CSV, gzip-compressed, in
 * PostgreSQL; a reference snapshot keeps only the fingerprint of data that may not be
 * copied, which whoever re-runs must supply ({@link #verifySupplied}). The database
 * refuses any change to a snapshot once taken. Parsing and compression happen outside
 * database transactions.
 */
@Service
public class DatasetSnapshots {

	/** The name of a snapshot uploaded without a file name. */
	public static final String DEFAULT_NAME = "upload.csv";

	/** Who took a snapshot when nobody is named. */
	public static final String DEFAULT_ACTOR = "anonymous";

	private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

	private static final int MAX_TEXT = 2000;

	private final SnapshotStore store;

	private final DatasetsProperties properties;

	private final TransactionTemplate write;

	private final TransactionTemplate read;

	DatasetSnapshots(SnapshotStore store, DatasetsProperties properties, PlatformTransactionManager transactions) {
		this.store = store;
		this.properties = properties;
		this.write = new TransactionTemplate(transactions);
		this.read = new TransactionTemplate(transactions);
		this.read.setReadOnly(true);
	}

	/**
	 * Takes a stored snapshot of a CSV file. The same content again (in canonical form)
	 * returns the existing snapshot, as first recorded, whatever its kind.
	 * @param csv the file, UTF-8
	 * @param name the file name to record; {@value #DEFAULT_NAME} when null or blank
	 * @param actor who takes it; {@value #DEFAULT_ACTOR} when null or blank
	 * @throws InvalidDatasetException when the file is not a CSV table with a header and
	 * rows (see {@link CsvTable#parse}) or the name is too long or holds a NUL character
	 * @throws TooLargeException when the file is over
	 * {@code reproserve.datasets.max-size}
	 */
	public Upload upload(byte[] csv, @Nullable String name, @Nullable String actor) {
		checkSize(csv.length);
		String recordedName = orDefault(name, DEFAULT_NAME);
		List<String> problems = textProblems("the name", recordedName);
		if (!problems.isEmpty()) {
			throw new InvalidDatasetException(problems);
		}
		CsvTable table = CsvTable.parse(csv);
		byte[] canonical = table.canonicalBytes();
		byte[] compressed = Gzip.compress(canonical);
		DatasetSnapshot snapshot = new DatasetSnapshot(table.sha256(), DatasetSnapshot.Kind.STORED, recordedName, null,
				null, null, DatasetColumn.profile(table), (long) table.rows().size(), (long) canonical.length,
				(long) compressed.length, Timestamps.now(), orDefault(actor, DEFAULT_ACTOR));
		return insert(snapshot, compressed);
	}

	/**
	 * Records a reference snapshot: the fingerprint of data that may not be copied, with
	 * where and when it was taken. An id that exists already returns the existing
	 * snapshot, as first recorded, whatever its kind.
	 * @throws InvalidDatasetException listing what is missing or malformed
	 */
	public Upload registerReference(DatasetReference reference, String actor) {
		List<String> problems = new ArrayList<>();
		if (reference.sha256() == null || !ID.matcher(reference.sha256()).matches()) {
			problems.add("'sha256' must be the SHA-256 of the data's canonical CSV as 64 lower-case hex digits"
					+ ((reference.sha256() != null) ? ", not '" + cut(reference.sha256()) + "'" : ""));
		}
		if (reference.source() == null || reference.source().isBlank()) {
			problems.add("'source' must say where the data lives and how it is selected (e.g. a warehouse query)");
		}
		else {
			problems.addAll(textProblems("'source'", reference.source()));
		}
		if (reference.asOf() == null) {
			problems.add("'asOf' must give when the data was taken, as an ISO-8601 instant");
		}
		if (reference.rowCount() != null && reference.rowCount() < 1) {
			problems.add("'rowCount' must be 1 or more when given");
		}
		if (!problems.isEmpty()) {
			throw new InvalidDatasetException(problems);
		}
		return insert(new DatasetSnapshot(reference.sha256(), DatasetSnapshot.Kind.REFERENCE, null, reference.source(),
				null, Timestamps.stored(reference.asOf()), List.of(), reference.rowCount(), null, null,
				Timestamps.now(), orDefault(actor, DEFAULT_ACTOR)), null);
	}

	/**
	 * What is wrong with a text to be recorded: too long, or holding a character
	 * PostgreSQL cannot store.
	 */
	static List<String> textProblems(String what, String text) {
		if (text.length() > MAX_TEXT) {
			return List.of(what + " is longer than " + MAX_TEXT + " characters");
		}
		if (text.indexOf('\u0000') >= 0) {
			return List.of(what + " holds a NUL character (U+0000), which is never stored");
		}
		return List.of();
	}

	/**
	 * Records a snapshot unless its id exists, and returns the one recorded.
	 * @param content the gzip-compressed canonical CSV; null for a reference
	 */
	Upload insert(DatasetSnapshot snapshot, byte @Nullable [] content) {
		return this.write.execute((status) -> {
			boolean created = this.store.insertIfAbsent(snapshot, content);
			return new Upload(this.store.find(snapshot.id()).orElseThrow(), created);
		});
	}

	/**
	 * A snapshot by id.
	 * @throws DatasetNotFoundException when there is none, also for ids that are not 64
	 * lower-case hex digits
	 */
	public DatasetSnapshot snapshot(String id) {
		return this.read.execute((status) -> find(id));
	}

	/** Snapshots, newest first. Page from 0; the caller checks the paging parameters. */
	public ResultPage<DatasetSnapshot> snapshots(int page, int size) {
		return this.read.execute((status) -> {
			long total = this.store.count();
			return ResultPage.of(this.store.newestFirst((long) page * size, size), page, size, total);
		});
	}

	/**
	 * A stored snapshot's data, read back and checked against its id. Content that was
	 * altered in the database is returned, not refused, with
	 * {@link SnapshotData#intact()} false, so that a caller can report the difference.
	 * @throws DatasetNotFoundException when there is no such snapshot
	 * @throws DatasetHasNoDataException for a reference snapshot
	 */
	public SnapshotData data(String id) {
		record Stored(DatasetSnapshot snapshot, byte[] content) {
		}
		Stored stored = this.read.execute((status) -> {
			DatasetSnapshot snapshot = find(id);
			if (snapshot.kind() == DatasetSnapshot.Kind.REFERENCE) {
				throw DatasetHasNoDataException.forSnapshot(snapshot);
			}
			return new Stored(snapshot, this.store.content(id).orElseThrow());
		});
		long limit = Math.max(stored.snapshot().sizeBytes(), this.properties.maxSize().toBytes());
		byte[] content = Gzip.decompress(stored.content(), limit).orElse(null);
		if (content == null) {
			return new SnapshotData(stored.snapshot(), new byte[0], null, null);
		}
		CsvTable table;
		try {
			table = CsvTable.parse(content);
		}
		catch (InvalidDatasetException ex) {
			table = null;
		}
		return new SnapshotData(stored.snapshot(), content, Sha256.hex(content), table);
	}

	/**
	 * Checks that supplied data is a snapshot's data, for stored and reference snapshots
	 * alike: its canonical SHA-256 must be the snapshot's id.
	 * @return the supplied data, parsed
	 * @throws DatasetNotFoundException when there is no such snapshot
	 * @throws InvalidDatasetException when the data is not a CSV table
	 * @throws DatasetMismatchException when it is other data, naming both fingerprints
	 */
	public CsvTable verifySupplied(String datasetId, byte[] csv) {
		DatasetSnapshot snapshot = snapshot(datasetId);
		checkSize(csv.length);
		CsvTable table = CsvTable.parse(csv);
		if (!table.sha256().equals(snapshot.id())) {
			throw DatasetMismatchException.forData(snapshot, table.sha256());
		}
		return table;
	}

	private DatasetSnapshot find(String id) {
		if (id == null || !ID.matcher(id).matches()) {
			throw DatasetNotFoundException.forId(id);
		}
		return this.store.find(id).orElseThrow(() -> DatasetNotFoundException.forId(id));
	}

	private void checkSize(long bytes) {
		long limit = this.properties.maxSize().toBytes();
		if (bytes > limit) {
			throw new TooLargeException("The dataset of " + bytes + " bytes", limit, "bytes");
		}
	}

	private static String orDefault(String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value;
	}

	static String cut(String value) {
		return (value.length() > 80) ? value.substring(0, 80) + "..." : value;
	}

}
