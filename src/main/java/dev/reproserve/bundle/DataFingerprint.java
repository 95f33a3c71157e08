package dev.reproserve.bundle;

/**
 * Identifies the data a model was trained on.
 *
 * @param sha256 SHA-256 of the data in canonical form (UTF-8, LF line endings)
 * @param rowCount data rows, header excluded
 * @param source where the data came from, as the uploader described it
 */
public record DataFingerprint(String sha256, long rowCount, String source) {
}
