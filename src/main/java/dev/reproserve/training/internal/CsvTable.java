package dev.reproserve.training.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import dev.reproserve.bundle.Sha256;
import dev.reproserve.training.InvalidTrainingRequestException;

/**
 * A CSV file read into memory, with its canonical fingerprint: SHA-256 of the UTF-8 text
 * without a byte-order mark and with LF line endings, so the same table saved on Windows
 * or Linux has one identity. Row order is kept: it is part of the data's identity.
 */
public record CsvTable(List<String> header, List<List<String>> rows, String sha256) {

	public static CsvTable parse(byte[] bytes) {
		String text = decode(bytes);
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		text = text.replace("\r\n", "\n").replace('\r', '\n');
		String sha256 = Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
		CSVFormat format = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreEmptyLines(true)
			.setAllowDuplicateHeaderNames(false)
			.get();
		try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
			List<String> header = List.copyOf(parser.getHeaderNames());
			List<List<String>> rows = new ArrayList<>();
			for (CSVRecord record : parser) {
				if (record.size() != header.size()) {
					throw problem("row " + (record.getRecordNumber() + 1) + " has " + record.size()
							+ " cells but the header has " + header.size());
				}
				rows.add(List.copyOf(record.toList()));
			}
			return new CsvTable(header, List.copyOf(rows), sha256);
		}
		catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException ex) {
			// commons-csv reports format errors (an unterminated quote, a duplicate
			// header) in
			// its messages with line numbers; they name no classes.
			Throwable cause = (ex instanceof java.io.UncheckedIOException unchecked) ? unchecked.getCause() : ex;
			throw problem("the data is not readable CSV with a header row (" + cause.getMessage() + ")");
		}
	}

	private static String decode(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw problem("the data is not UTF-8 text");
		}
	}

	private static InvalidTrainingRequestException problem(String text) {
		return new InvalidTrainingRequestException(List.of(text));
	}

	public int column(String name) {
		return this.header.indexOf(name);
	}

}
