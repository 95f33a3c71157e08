package dev.reproserve.datasets;

import java.util.List;
import java.util.Map;

import dev.reproserve.shared.DomainException;

/**
 * A query whose result has no total order: no top-level {@code ORDER BY}, an
 * {@code ORDER BY} item that is not a column of the result, or ordering columns that
 * repeat in the fetched rows. The rows of such a result may come back in another order
 * the next time, and another order is another dataset.
 */
public class NondeterministicOrderException extends DomainException {

	/** Duplicate keys named one by one; the rest are counted. */
	public static final int LISTED_DUPLICATES = 5;

	private NondeterministicOrderException(String detail, Map<String, ?> members) {
		super(Kind.INVALID, "nondeterministic-order", "Query result has no guaranteed order", detail, members);
	}

	/** The query has no top-level {@code ORDER BY}. */
	public static NondeterministicOrderException noOrderBy() {
		return new NondeterministicOrderException("The query has no top-level ORDER BY, so the database may return its "
				+ "rows in any order, and another order is another dataset. End the query with ORDER BY columns of the "
				+ "result that are unique in it (a key), by name, alias or position.", Map.of());
	}

	/** An {@code ORDER BY} item that is not a column of the result. */
	public static NondeterministicOrderException notAResultColumn(String item, List<String> columns) {
		return new NondeterministicOrderException("ORDER BY " + item + " is not a column of the result " + columns
				+ ", so whether the order is total cannot be checked on the rows. Order by columns of the "
				+ "result, by name, alias or position (select an expression with an alias and order by the alias).",
				Map.of("orderBy", item, "columns", columns));
	}

	/**
	 * Ordering columns that repeat in the result.
	 * @param orderBy the result columns the query orders by
	 * @param duplicates the first repeated keys, each as the data rows (from 1) that
	 * share it and its values
	 * @param count how many rows repeat the key of the row before them
	 */
	public static NondeterministicOrderException duplicateKeys(List<String> orderBy, List<DuplicateKey> duplicates,
			long count) {
		StringBuilder listed = new StringBuilder();
		for (DuplicateKey duplicate : duplicates) {
			listed.append((listed.length() > 0) ? "; " : "").append(duplicate);
		}
		return new NondeterministicOrderException("The ORDER BY columns " + orderBy
				+ " are not unique in the result, so rows with the same key may come back in either order: " + count
				+ " row(s) repeat the key of the row before them, first " + listed
				+ ". Add columns to the ORDER BY until they form a key of the result. Text that differs only in letter "
				+ "case, accents or trailing spaces counts as the same key: a case- or accent-insensitive collation "
				+ "sorts such values in no fixed order.",
				Map.of("orderBy", orderBy, "duplicates", duplicates, "duplicateRows", count));
	}

	/**
	 * A key that several rows share, one after the other.
	 *
	 * @param fromRow the first data row (from 1, in result order) with the key
	 * @param toRow the last one
	 * @param key the ordering columns' values, in canonical text (an empty string for
	 * NULL)
	 */
	public record DuplicateKey(long fromRow, long toRow, Map<String, String> key) {

		@Override
		public String toString() {
			return "rows " + this.fromRow + ((this.toRow == this.fromRow + 1) ? " and " : " to ") + this.toRow
					+ " share " + this.key;
		}

	}

}
