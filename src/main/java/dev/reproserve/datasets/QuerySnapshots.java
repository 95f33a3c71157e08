package dev.reproserve.datasets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.reproserve.datasets.internal.Gzip;
import dev.reproserve.datasets.internal.SelectQuery;
import dev.reproserve.datasets.internal.SqlSources;
import dev.reproserve.shared.Timestamps;

import org.springframework.stereotype.Service;

/**
 * Dataset snapshots of a query's result on a configured SQL source
 * ({@code reproserve.sources.<name>}). SQL returns rows in no guaranteed order and a
 * source changes under its readers, so a snapshot is taken only of a totally ordered
 * result: the query must end in an {@code ORDER BY} whose columns are a key of the rows
 * it returns, and {@code :asOf} in it is bound to the snapshot's as-of time, so that a
 * source that keeps its rows' validity times gives the same rows again. The snapshot
 * records the source, the query and the as-of time beside the fingerprint; it keeps the
 * rows (a stored snapshot) or only the fingerprint (a reference), in which case
 * {@link #rerun} takes the query again wherever the data is needed.
 */
@Service
public class QuerySnapshots {

	/** The longest query recorded. */
	static final int MAX_QUERY = 100_000;

	private final DatasetSnapshots snapshots;

	private final SqlSources sources;

	QuerySnapshots(DatasetSnapshots snapshots, SqlSources sources) {
		this.snapshots = snapshots;
		this.sources = sources;
	}

	/**
	 * Runs the query and records its result as a snapshot. A result with the id of an
	 * existing snapshot returns that one, as first recorded, whatever its kind.
	 * @throws InvalidDatasetException listing what is missing or wrong in the request, an
	 * unknown source with the configured ones among it; or when the result has no rows or
	 * repeats a column name
	 * @throws InvalidQueryException when the query is not one SELECT, or the source
	 * refuses it
	 * @throws NondeterministicOrderException when its rows have no total order
	 * @throws QueryLimitExceededException when it runs too long or returns too much
	 * @throws SourceUnavailableException when the source cannot be reached
	 */
	public Upload take(SnapshotQuery request, String actor) {
		List<String> problems = problems(request);
		if (!problems.isEmpty()) {
			throw new InvalidDatasetException(problems);
		}
		SelectQuery query = SelectQuery.parse(request.sql());
		if (query.asOfParameters() > 0 && request.asOf() == null) {
			throw new InvalidDatasetException(List.of("'asOf' is required: the query binds :asOf, so it shows the "
					+ "data as of the time given, and that time is part of what the snapshot is"));
		}
		Instant asOf = (request.asOf() != null) ? Timestamps.stored(request.asOf()) : Timestamps.now();
		CsvTable table = this.sources.run(request.source(), query, asOf).table();
		byte[] canonical = table.canonicalBytes();
		String name = (request.name() != null && !request.name().isBlank()) ? request.name()
				: request.source() + "-query.csv";
		boolean keepData = request.keep() == DatasetSnapshot.Kind.STORED;
		byte[] compressed = keepData ? Gzip.compress(canonical) : null;
		DatasetSnapshot snapshot = new DatasetSnapshot(table.sha256(), request.keep(), name, request.source(),
				request.sql(), asOf, DatasetColumn.profile(table), (long) table.rows().size(), (long) canonical.length,
				keepData ? (long) compressed.length : null, Timestamps.now(), actor);
		return this.snapshots.insert(snapshot, compressed);
	}

	/**
	 * The data of a reference snapshot taken from a query: the recorded query, run again
	 * on the recorded source as of the recorded time, checked against the fingerprint.
	 * @param snapshot a reference snapshot with a query
	 * @throws SourceNotConfiguredException when this service no longer configures the
	 * source
	 * @throws DatasetMismatchException when the result is other data: the source changed
	 * @throws SourceUnavailableException when the source cannot be reached
	 */
	public CsvTable rerun(DatasetSnapshot snapshot) {
		if (snapshot.query() == null || snapshot.source() == null || snapshot.asOf() == null) {
			throw new IllegalArgumentException("Dataset " + snapshot.id() + " was not taken from a query");
		}
		if (!this.sources.configured(snapshot.source())) {
			throw new SourceNotConfiguredException(snapshot, this.sources.names());
		}
		CsvTable table = this.sources.run(snapshot.source(), SelectQuery.parse(snapshot.query()), snapshot.asOf())
			.table();
		if (!table.sha256().equals(snapshot.id())) {
			throw DatasetMismatchException.forChangedSource(snapshot, table.sha256());
		}
		return table;
	}

	private List<String> problems(SnapshotQuery request) {
		List<String> problems = new ArrayList<>();
		String configured = this.sources.names().isEmpty()
				? "none is configured (reproserve.sources.<name>.url and its login)"
				: "the configured ones are " + String.join(", ", this.sources.names());
		if (request.source() == null || request.source().isBlank()) {
			problems.add("'source' must name the SQL source to query; " + configured);
		}
		else if (!this.sources.configured(request.source())) {
			problems.add("'source' is '" + DatasetSnapshots.cut(request.source())
					+ "', which is not a configured source; " + configured);
		}
		if (request.sql() == null || request.sql().isBlank()) {
			problems.add("'sql' must be the query: one SELECT ending in ORDER BY columns that are a key of its result");
		}
		else if (request.sql().length() > MAX_QUERY) {
			problems.add("'sql' is longer than " + MAX_QUERY + " characters");
		}
		else if (request.sql().indexOf('\u0000') >= 0) {
			problems.add("'sql' holds a NUL character (U+0000), which is never stored");
		}
		if (request.keep() == null) {
			problems.add("'keep' must say what to keep: \"data\" (the rows, stored like an upload) or \"reference\" "
					+ "(only the fingerprint, for data that may not be copied out of its source; trainings and "
					+ "reproductions run the query again)");
		}
		if (request.asOf() != null && request.asOf().isAfter(Instant.now())) {
			problems.add("'asOf' is " + request.asOf() + ", in the future: the data as of a time to come can still "
					+ "change, so it is no snapshot");
		}
		if (request.name() != null) {
			problems.addAll(DatasetSnapshots.textProblems("'name'", request.name()));
		}
		return problems;
	}

}
