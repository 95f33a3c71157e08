package dev.reproserve.datasets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.reproserve.bundle.FeatureType;

/**
 * One column of a stored snapshot, as found in the data.
 *
 * @param name the header's name for it
 * @param type numeric when every non-empty cell is a finite number and at least one cell
 * is not empty; categorical otherwise
 * @param missing cells that are empty or only spaces
 * @param distinct for categorical columns, the number of different non-empty values
 * (surrounding spaces ignored, as training does); null for numeric ones
 */
public record DatasetColumn(String name, FeatureType type, long missing, Integer distinct) {

	/** Describes every column of a table, in file order. */
	public static List<DatasetColumn> profile(CsvTable table) {
		List<DatasetColumn> columns = new ArrayList<>();
		for (int column = 0; column < table.header().size(); column++) {
			long missing = 0;
			boolean numeric = true;
			Set<String> values = new HashSet<>();
			for (List<String> row : table.rows()) {
				String cell = row.get(column).trim();
				if (cell.isEmpty()) {
					missing++;
					continue;
				}
				values.add(cell);
				numeric = numeric && isFiniteNumber(cell);
			}
			columns.add((numeric && !values.isEmpty())
					? new DatasetColumn(table.header().get(column), FeatureType.NUMERIC, missing, null)
					: new DatasetColumn(table.header().get(column), FeatureType.CATEGORICAL, missing, values.size()));
		}
		return List.copyOf(columns);
	}

	/**
	 * The rule training applies to numeric features, so both agree on what a number is.
	 */
	private static boolean isFiniteNumber(String cell) {
		try {
			return Double.isFinite(Double.parseDouble(cell));
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
