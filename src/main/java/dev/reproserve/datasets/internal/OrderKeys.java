package dev.reproserve.datasets.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.reproserve.datasets.NondeterministicOrderException;
import dev.reproserve.datasets.NondeterministicOrderException.DuplicateKey;

/**
 * Checks that the ordering columns form a key of a result, on the rows as they arrive.
 * The rows are sorted by those columns, so rows that share a key are next to each other:
 * each row is compared with the one before it only.
 * <p>
 * The database compares text by its collation, which may take {@code a} and {@code A},
 * {@code e} and {@code é}, or {@code x} and {@code x }, for equal (MariaDB's default
 * does), and then returns such rows in no fixed order. Text is therefore compared folded:
 * letter case, accents and trailing spaces ignored. NULL differs from every value, the
 * empty text included, as it does in a sort.
 */
final class OrderKeys {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private final List<String> labels;

	private final int[] columns;

	private final List<DuplicateKey> listed = new ArrayList<>();

	private @Nullable String @Nullable [] previous;

	private long row;

	private long duplicates;

	OrderKeys(List<String> labels, List<Integer> columns) {
		this.labels = labels;
		this.columns = columns.stream().mapToInt(Integer::intValue).toArray();
	}

	/** The next row's cells, null for SQL NULL. */
	void add(@Nullable String[] cells) {
		this.row++;
		@Nullable String[] key = new String[this.columns.length];
		for (int i = 0; i < this.columns.length; i++) {
			String cell = cells[this.columns[i]];
			key[i] = (cell != null) ? folded(cell) : null;
		}
		if (this.previous != null && Arrays.equals(key, this.previous)) {
			this.duplicates++;
			record(cells);
		}
		this.previous = key;
	}

	/**
	 * @throws NondeterministicOrderException naming the first keys that repeat, if any
	 */
	void check() {
		if (this.duplicates > 0) {
			throw NondeterministicOrderException.duplicateKeys(
					Arrays.stream(this.columns).mapToObj(this.labels::get).toList(), List.copyOf(this.listed),
					this.duplicates);
		}
	}

	private void record(@Nullable String[] cells) {
		if (!this.listed.isEmpty()) {
			DuplicateKey last = this.listed.get(this.listed.size() - 1);
			if (last.toRow() == this.row - 1) {
				this.listed.set(this.listed.size() - 1, new DuplicateKey(last.fromRow(), this.row, last.key()));
				return;
			}
		}
		if (this.listed.size() < NondeterministicOrderException.LISTED_DUPLICATES) {
			Map<String, String> key = new LinkedHashMap<>();
			for (int column : this.columns) {
				key.put(this.labels.get(column), (cells[column] != null) ? cells[column] : "");
			}
			this.listed.add(new DuplicateKey(this.row - 1, this.row, key));
		}
	}

	private static String folded(String text) {
		if (text.equals("-0")) {
			// Negative zero sorts as zero.
			return "0";
		}
		String bare = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
		int end = bare.length();
		while (end > 0 && bare.charAt(end - 1) == ' ') {
			end--;
		}
		return bare.substring(0, end).toLowerCase(Locale.ROOT);
	}

}
