package dev.reproserve.training;

import dev.reproserve.datasets.CsvTable;

/**
 * Training data: a CSV table with a header row, read once.
 *
 * @param table the table, whose SHA-256 is its dataset snapshot id
 * @param source where it came from (file name or description), recorded in the manifest
 */
public record TrainingData(CsvTable table, String source) {

	/**
	 * Reads CSV bytes.
	 * @throws dev.reproserve.datasets.InvalidDatasetException if they are not a CSV table
	 */
	public TrainingData(byte[] csv, String source) {
		this(CsvTable.parse(csv), source);
	}

}
