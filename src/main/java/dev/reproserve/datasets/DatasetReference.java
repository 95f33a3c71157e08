package dev.reproserve.datasets;

import java.time.Instant;

/**
 * Data that may not be copied, described by its fingerprint.
 *
 * @param sha256 SHA-256 of the data's canonical CSV (see {@link CsvTable}), 64 lower-case
 * hex digits; it becomes the snapshot's id
 * @param source where the data lives and how it is selected, e.g. a warehouse query
 * @param asOf when the data was taken
 * @param rowCount data rows, header excluded, if known
 */
public record DatasetReference(String sha256, String source, Instant asOf, Long rowCount) {
}
