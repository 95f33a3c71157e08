package dev.reproserve.datasets.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The canonical text of a JDBC value: what the same value is written as in a CSV file,
 * the same on every database and every JVM, so that the same rows give the same dataset
 * id from PostgreSQL, from MariaDB and as an upload.
 * <ul>
 * <li>NULL: no text (an empty cell);</li>
 * <li>integers, decimals and floating-point numbers: plain decimal notation without an
 * exponent or trailing zeros ({@code 18}, {@code 39.1}, {@code 0.0001}); a floating-point
 * number with the fewest digits that read back as the same value, found with
 * {@link BigDecimal} arithmetic, which gives the same digits on every JVM (unlike
 * {@code Double.toString}, which changed in Java 19); {@code NaN}, {@code Infinity},
 * {@code -Infinity}, {@code -0};</li>
 * <li>booleans: {@code true}, {@code false};</li>
 * <li>timestamps: ISO-8601 in UTC ({@code 2025-01-31T23:00:00Z}, fractions of a second as
 * needed); one without a time zone is read as UTC, the time zone each source session is
 * set to; dates {@code 2025-01-31}; times {@code 23:00:00};</li>
 * <li>binary values: lower-case hex;</li>
 * <li>text as it is; anything else as the driver writes it as text.</li>
 * </ul>
 */
final class CanonicalCells {

	private static final HexFormat HEX = HexFormat.of();

	private CanonicalCells() {
	}

	/** Reads one column's values as canonical text, null for SQL NULL. */
	@FunctionalInterface
	interface Reader {

		@Nullable String read(ResultSet rs, int column) throws SQLException;

	}

	/** A reader per column of a result, from its metadata, in column order. */
	static Reader[] readers(ResultSetMetaData metadata) throws SQLException {
		Reader[] readers = new Reader[metadata.getColumnCount()];
		for (int i = 0; i < readers.length; i++) {
			readers[i] = reader(metadata.getColumnType(i + 1),
					String.valueOf(metadata.getColumnTypeName(i + 1)).toLowerCase(Locale.ROOT));
		}
		return readers;
	}

	private static Reader reader(int type, String typeName) {
		if (type == Types.TIMESTAMP_WITH_TIMEZONE || typeName.equals("timestamptz")) {
			return (rs, i) -> text(rs.getObject(i, OffsetDateTime.class));
		}
		if (typeName.equals("boolean")) {
			// MariaDB's BOOLEAN is TINYINT(1), which may hold 2 all the same: such a
			// value
			// keeps its number rather than reading as true.
			return (rs, i) -> {
				long number = rs.getLong(i);
				return rs.wasNull() ? null : (number == 0) ? "false" : (number == 1) ? "true" : Long.toString(number);
			};
		}
		if (typeName.equals("year")) {
			return (rs, i) -> {
				long year = rs.getLong(i);
				return rs.wasNull() ? null : Long.toString(year);
			};
		}
		return switch (type) {
			case Types.TIMESTAMP -> (rs, i) -> text(rs.getObject(i, LocalDateTime.class));
			case Types.DATE -> (rs, i) -> text(rs.getObject(i, LocalDate.class));
			case Types.TIME -> typeName.equals("timetz") ? (rs, i) -> text(rs.getObject(i, OffsetTime.class))
					: (rs, i) -> text(rs.getObject(i, LocalTime.class));
			case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> (rs, i) -> hex(rs.getBytes(i));
			default -> CanonicalCells::object;
		};
	}

	private static @Nullable String object(ResultSet rs, int column) throws SQLException {
		Object value = rs.getObject(column);
		if (value == null) {
			return null;
		}
		if (value instanceof String text) {
			return text;
		}
		if (value instanceof Boolean) {
			return value.toString();
		}
		if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger) {
			return value.toString();
		}
		if (value instanceof BigDecimal decimal) {
			return plain(decimal);
		}
		if (value instanceof Double number) {
			return shortest(number);
		}
		if (value instanceof Float number) {
			return shortest(number);
		}
		if (value instanceof byte[] bytes) {
			return HEX.formatHex(bytes);
		}
		if (value instanceof java.sql.Timestamp timestamp) {
			return text(timestamp.toLocalDateTime());
		}
		// UUIDs, JSON, intervals, arrays, ...: the driver's own text.
		return (value instanceof java.util.UUID) ? value.toString() : rs.getString(column);
	}

	/** Plain notation without trailing zeros: 18, 39.1, 0.0001. */
	static String plain(BigDecimal number) {
		return (number.signum() == 0) ? "0" : number.stripTrailingZeros().toPlainString();
	}

	/** The fewest significant digits that read back as the same double. */
	static String shortest(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return Double.toString(value);
		}
		if (value == 0) {
			return (Double.doubleToRawLongBits(value) < 0) ? "-0" : "0";
		}
		// 17 significant digits always read back as the same double.
		return shortest(new BigDecimal(value), 17, (digits) -> digits.doubleValue() == value);
	}

	/** The fewest significant digits that read back as the same float. */
	static String shortest(float value) {
		if (!Float.isFinite(value) || value == 0) {
			return shortest((double) value);
		}
		// 9 significant digits always read back as the same float.
		return shortest(new BigDecimal(value), 9, (digits) -> digits.floatValue() == value);
	}

	private static String shortest(BigDecimal exact, int enough, Predicate<BigDecimal> readsBack) {
		for (int digits = 1; digits < enough; digits++) {
			BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
			if (readsBack.test(rounded)) {
				return plain(rounded);
			}
		}
		return plain(exact.round(new MathContext(enough, RoundingMode.HALF_EVEN)));
	}

	private static @Nullable String text(@Nullable OffsetDateTime value) {
		return (value != null) ? value.toInstant().toString() : null;
	}

	private static @Nullable String text(@Nullable LocalDateTime value) {
		return (value != null) ? value.toInstant(ZoneOffset.UTC).toString() : null;
	}

	private static @Nullable String text(@Nullable LocalDate value) {
		return (value != null) ? value.toString() : null;
	}

	private static @Nullable String text(@Nullable LocalTime value) {
		return (value != null) ? DateTimeFormatter.ISO_LOCAL_TIME.format(value) : null;
	}

	private static @Nullable String text(@Nullable OffsetTime value) {
		return (value != null) ? DateTimeFormatter.ISO_OFFSET_TIME.format(value) : null;
	}

	private static @Nullable String hex(byte @Nullable [] value) {
		return (value != null) ? HEX.formatHex(value) : null;
	}

}
