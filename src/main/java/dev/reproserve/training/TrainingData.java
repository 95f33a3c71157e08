package dev.reproserve.training;

/**
 * CSV training data with a header row.
 *
 * @param csv the file's bytes, UTF-8
 * @param source where it came from (file name or description), recorded in the manifest
 */
public record TrainingData(byte[] csv, String source) {
}
