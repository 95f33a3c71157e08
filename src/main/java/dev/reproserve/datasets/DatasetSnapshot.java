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
 * @param name the file name it was uploaded as (stored snapshots; null for references)
 * @param source where the data lives, e.g. a warehouse query (references; null for stored
 * snapshots)
 * @param asOf the time the referenced data was taken (references; null for stored
 * snapshots)
 * @param columns the columns in file order (empty for references: their data was never
 * seen)
 * @param rowCount data rows, header excluded (for references as declared, possibly null)
 * @param sizeBytes size of the canonical CSV (null for references)
 * @param storedBytes size of what is stored, gzip-compressed (null for references)
 * @param createdAt when the snapshot was taken
 * @param createdBy who took it
 */
public record DatasetSnapshot(String id, Kind kind, @Nullable String name, @Nullable String source,
		@Nullable Instant asOf, List<DatasetColumn> columns, @Nullable Long rowCount, @Nullable Long sizeBytes,
		@Nullable Long storedBytes, Instant createdAt, String createdBy) {

	/** Whether Reproserve holds a snapshot's data. */
	public enum Kind implements JsonEnum {

		/** The canonical CSV is stored in PostgreSQL, gzip-compressed. */
		STORED,
		/**
		 * Data that may not be copied: only its fingerprint, source and time are kept,
		 * and whoever re-runs with it must supply data with the same fingerprint.
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
