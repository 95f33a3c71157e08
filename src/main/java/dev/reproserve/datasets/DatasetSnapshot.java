package dev.reproserve.datasets;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.reproserve.bundle.JsonEnum;

/**
 * An immutable dataset snapshot, identified by the SHA-256 of its canonical CSV (see
 * {@link CsvTable}).
 *
 * @param id SHA-256 (64 lower-case hex digits) of the canonical CSV
 * @param kind whether Reproserve holds the data or only its fingerprint
 * @param name the file name it was uploaded as, or the name given to a query snapshot
 * (null for declared references)
 * @param source where the data lives: for a query snapshot the name of the configured
 * source it was taken from; for a declared reference a description, e.g. a warehouse
 * query; null for uploads
 * @param query the SQL query a query snapshot was taken with (null otherwise)
 * @param asOf the time the data was taken, which a query's {@code :asOf} was bound to
 * (null for uploads)
 * @param columns the columns in file order (empty for declared references: their data was
 * never seen)
 * @param rowCount data rows, header excluded (for declared references as declared,
 * possibly null)
 * @param sizeBytes size of the canonical CSV (null for declared references)
 * @param storedBytes size of what is stored, gzip-compressed (null for references)
 * @param createdAt when the snapshot was taken
 * @param createdBy who took it
 */
public record DatasetSnapshot(String id, Kind kind, @Nullable String name, @Nullable String source,
		@Nullable String query, @Nullable Instant asOf, List<DatasetColumn> columns, @Nullable Long rowCount,
		@Nullable Long sizeBytes, @Nullable Long storedBytes, Instant createdAt, String createdBy) {

	/** Whether Reproserve holds a snapshot's data. */
	public enum Kind implements JsonEnum {

		/** The canonical CSV is stored in PostgreSQL, gzip-compressed. */
		STORED,
		/**
		 * Data that may not be copied: only its fingerprint, source and time are kept.
		 * Whoever re-runs with it must supply data with the same fingerprint, or, for a
		 * query snapshot, the recorded query runs again and must give it.
		 */
		REFERENCE;

		public static Kind of(String json) {
			return JsonEnum.of(Kind.class, json);
		}

		@Override
		public String toString() {
			return json();
		}

	}

}
