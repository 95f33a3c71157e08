package dev.reproserve.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import dev.reproserve.bundle.Sha256;

/**
 * A CSV table with a header row, read into memory, and its identity: the SHA-256 of its
 * canonical form. This is the project's one CSV reader.
 * <p>
 * Canonical form: the text decoded strictly as UTF-8 (a byte-order mark dropped), every
 * line break ({@code CRLF}, {@code CR}, {@code LF}, also inside quoted cells) as
 * {@code LF}, parsed as RFC 4180 with empty lines skipped, then written again as RFC
 * 4180: cells separated by commas, each record ended by {@code LF} (the last one too), a
 * cell quoted only when it holds a comma, a double quote or a line break, or when it is
 * the only cell of its record and empty (else the record would be an empty line). Cells
 * are kept exactly as written, spaces included. So the same table saved on Windows or
 * Linux, with or without a BOM, a trailing newline or unnecessary quotes has one
 * identity, while another row order or another cell value is another table.
 *
 * @param header the column names, in file order
 * @param rows the data rows, in file order, each as many cells as the header
 * @param sha256 SHA-256 (lower-case hex) of {@link #canonicalBytes()}
 */
public record CsvTable(List<String> header, List<List<String>> rows, String sha256) {

	/** Ragged rows listed one by one in an error; the rest are counted. */
	private static final int LISTED_PROBLEMS = 10;

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

	/**
	 * Reads a CSV file.
	 * @param bytes the file as uploaded
	 * @return the table with the SHA-256 of its canonical form
	 * @throws InvalidDatasetException when the bytes are empty or not UTF-8 or hold a NUL
	 * character, when the text is not RFC 4180 CSV, when a column name is blank or
	 * repeated, when there is no data row or when a row has another number of cells than
	 * the header; the problems name line numbers
	 */
	public static CsvTable parse(byte[] bytes) {
		String text = decode(bytes);
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		// Before parsing, so that line breaks inside quoted cells are normalised too: a
		// checkout with Windows line endings converts those as well.
		text = text.replace("\r\n", "\n").replace('\r', '\n');
		if (text.isBlank()) {
			throw new InvalidDatasetException(
					List.of("the data is empty: send a CSV file with a header row and at " + "least one data row"));
		}
		List<String> header = null;
		List<List<String>> rows = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		int ragged = 0;
		Lines lines = new Lines(text);
		try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
			for (CSVRecord record : parser) {
				List<String> cells = record.toList();
				if (header == null) {
					header = List.copyOf(cells);
					checkHeader(header, lines.lineOf(record.getCharacterPosition()));
					continue;
				}
				if (cells.size() != header.size()) {
					if (++ragged <= LISTED_PROBLEMS) {
						problems.add("line " + lines.lineOf(record.getCharacterPosition()) + " has " + cells.size()
								+ " cell(s) but the header has " + header.size());
					}
					continue;
				}
				rows.add(List.copyOf(cells));
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// commons-csv names the line of a format error (an unterminated quote, text
			// after a closing quote) in its message, and no classes.
			Throwable cause = (ex instanceof UncheckedIOException unchecked) ? unchecked.getCause() : ex;
			throw new InvalidDatasetException(
					List.of("the data is not readable as RFC 4180 CSV: " + cause.getMessage()));
		}
		if (ragged > LISTED_PROBLEMS) {
			problems.add((ragged - LISTED_PROBLEMS) + " more row(s) have another number of cells than the header");
		}
		if (!problems.isEmpty()) {
			throw new InvalidDatasetException(problems);
		}
		if (rows.isEmpty()) {
			throw new InvalidDatasetException(List.of("the data has a header row but no data rows"));
		}
		return new CsvTable(header, List.copyOf(rows), Sha256.hex(write(header, rows)));
	}

	/**
	 * The table in canonical form, UTF-8; its SHA-256 is {@link #sha256()}.
	 */
	public byte[] canonicalBytes() {
		return write(this.header, this.rows);
	}

	/**
	 * Builds a table from cells, one record at a time, as the upload of their canonical
	 * CSV: the same cells uploaded as a file give the same table and id.
	 */
	public static Builder builder(List<String> header) {
		return new Builder(header);
	}

	/** The index of a column, or -1 if there is no column of that name. */
	public int column(String name) {
		return this.header.indexOf(name);
	}

	private static String decode(byte[] bytes) {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
			int nul = text.indexOf('\u0000');
			if (nul >= 0) {
				// Valid UTF-8 all the same, but never text: UTF-16 or a binary file. Nor
				// can PostgreSQL hold it in a text or jsonb value.
				long line = text.substring(0, nul).chars().filter((c) -> c == '\n').count() + 1;
				throw new InvalidDatasetException(List.of("the data holds a NUL character (U+0000) on line " + line
						+ ", which CSV text never does; save the file as UTF-8 text"));
			}
			return text;
		}
		catch (CharacterCodingException ex) {
			throw new InvalidDatasetException(
					List.of("the data is not UTF-8 text; save the file as UTF-8 (with or without a byte-order mark)"));
		}
	}

	private static void checkHeader(List<String> header, int line) {
		List<String> problems = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String name = header.get(i);
			if (name.isBlank()) {
				problems.add("the header on line " + line + " has no name for column " + (i + 1));
			}
			else if (seen.putIfAbsent(name, i) != null) {
				problems.add("the header on line " + line + " names column '" + name + "' twice (columns "
						+ (seen.get(name) + 1) + " and " + (i + 1) + ")");
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidDatasetException(problems);
		}
	}

	/**
	 * Written by hand rather than by commons-csv's printer: the canonical form is part of
	 * every dataset's identity and must not change when a library's quoting rules do.
	 */
	private static byte[] write(List<String> header, List<List<String>> rows) {
		Builder builder = new Builder(header);
		rows.forEach(builder::add);
		return builder.bytes.toByteArray();
	}

	private static void writeRecord(StringBuilder out, List<String> cells) {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			String cell = cells.get(i);
			if (needsQuotes(cell) || (cell.isEmpty() && cells.size() == 1)) {
				out.append('"');
				out.append(cell.replace("\"", "\"\""));
				out.append('"');
			}
			else {
				out.append(cell);
			}
		}
		out.append('\n');
	}

	private static boolean needsQuotes(String cell) {
		for (int i = 0; i < cell.length(); i++) {
			char c = cell.charAt(i);
			if (c == ',' || c == '"' || c == '\n' || c == '\r') {
				return true;
			}
		}
		return false;
	}

	/**
	 * A table under construction, in canonical form from the first record on, so that its
	 * size is known before it is complete. Line breaks in cells become {@code LF}, as
	 * they do when a file is read.
	 */
	public static final class Builder {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private final StringBuilder record = new StringBuilder();

		private Builder(List<String> header) {
			add(header);
		}

		/** Appends a record: as many cells as the header, none of them null. */
		public void add(List<String> cells) {
			this.record.setLength(0);
			writeRecord(this.record, cells.stream().map(Builder::lineFeeds).toList());
			this.bytes.writeBytes(this.record.toString().getBytes(StandardCharsets.UTF_8));
		}

		/** The size in bytes of the canonical CSV so far. */
		public long size() {
			return this.bytes.size();
		}

		/**
		 * The table, read back from its canonical CSV exactly as an upload of it is.
		 * @throws InvalidDatasetException as {@link CsvTable#parse} does: no data rows, a
		 * blank or repeated column name, a NUL character
		 */
		public CsvTable build() {
			return parse(this.bytes.toByteArray());
		}

		private static String lineFeeds(String cell) {
			return (cell.indexOf('\r') < 0) ? cell : cell.replace("\r\n", "\n").replace('\r', '\n');
		}

	}

	/**
	 * Line numbers (from 1) of character positions, for messages. Positions only grow, so
	 * each character is counted once.
	 */
	private static final class Lines {

		private final String text;

		private int position;

		private int line = 1;

		Lines(String text) {
			this.text = text;
		}

		int lineOf(long recordStart) {
			int target = (int) Math.min(recordStart, this.text.length());
			for (; this.position < target; this.position++) {
				if (this.text.charAt(this.position) == '\n') {
					this.line++;
				}
			}
			// A record's position is where the parser started looking for it, before the
			// empty lines it skipped.
			int line = this.line;
			for (int i = target; i < this.text.length() && this.text.charAt(i) == '\n'; i++) {
				line++;
			}
			return line;
		}

	}

}
