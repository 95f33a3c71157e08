package dev.reproserve.oip.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The tensor datatypes of the Open Inference Protocol, and how an element of each becomes
 * a value a model reads. A numeric feature takes the floating-point and integer types, a
 * categorical one {@code BYTES}; {@code BOOL}, {@code FP16} and {@code BF16} fit no
 * feature.
 */
public enum Datatype {

	BOOL, UINT8(0, 255), UINT16(0, 65_535), UINT32(0, 4_294_967_295L),
	UINT64(BigInteger.ZERO, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)), INT8(-128, 127),
	INT16(-32_768, 32_767), INT32(Integer.MIN_VALUE, Integer.MAX_VALUE), INT64(Long.MIN_VALUE, Long.MAX_VALUE), FP16,
	FP32, FP64, BF16, BYTES;

	private final @Nullable BigInteger min;

	private final @Nullable BigInteger max;

	Datatype() {
		this.min = null;
		this.max = null;
	}

	Datatype(long min, long max) {
		this(BigInteger.valueOf(min), BigInteger.valueOf(max));
	}

	Datatype(BigInteger min, BigInteger max) {
		this.min = min;
		this.max = max;
	}

	/** The datatype of this exact name (names are case-sensitive), or null. */
	public static @Nullable Datatype named(@Nullable String name) {
		return Arrays.stream(values()).filter((type) -> type.name().equals(name)).findFirst().orElse(null);
	}

	/** Whether a numeric feature may be sent in this datatype. */
	public boolean numeric() {
		return this == FP32 || this == FP64 || this.min != null;
	}

	/**
	 * An element of a numeric tensor as the double the client meant: an {@code FP64}
	 * element as the nearest double, an {@code FP32} one as the nearest float, widened,
	 * an integer exactly. NaN and infinities pass, for the schema check to refuse.
	 * @param element a JSON number as bound: whole numbers as {@link Integer},
	 * {@link Long} or {@link BigInteger}, fractions as {@link BigDecimal} (or
	 * {@link Double} for NaN and infinities)
	 * @return the value, or null when the element is not one of this datatype
	 * ({@link #problem(Object)} says why)
	 */
	public @Nullable Double value(Object element) {
		if (problem(element) != null) {
			return null;
		}
		Number number = (Number) element;
		if (this == FP32) {
			return (double) ((number instanceof BigDecimal decimal) ? decimal.floatValue() : number.floatValue());
		}
		return (number instanceof BigDecimal decimal) ? decimal.doubleValue() : number.doubleValue();
	}

	/**
	 * Why a non-null element of a numeric tensor is not one of this datatype:
	 * {@code wrong-type} (not a number, or a fraction in an integer tensor) or
	 * {@code out-of-range} (an integer outside the datatype's range, or one a double
	 * cannot hold exactly); null when it is one.
	 */
	public @Nullable String problem(Object element) {
		if (!(element instanceof Number number)) {
			return "wrong-type";
		}
		if (this.min == null) {
			return null;
		}
		if (!(number instanceof Integer || number instanceof Long || number instanceof BigInteger)) {
			return "wrong-type";
		}
		BigInteger integer = (number instanceof BigInteger big) ? big : BigInteger.valueOf(number.longValue());
		boolean inRange = integer.compareTo(this.min) >= 0 && integer.compareTo(this.max) <= 0;
		// Checked in range only: beyond it the double may be infinite.
		return (inRange && new BigDecimal(integer.doubleValue()).toBigIntegerExact().equals(integer)) ? null
				: "out-of-range";
	}

	/** What an element of this numeric datatype must be, for a violation. */
	public String expected() {
		if (this.min == null) {
			return "a JSON number (" + this + ")";
		}
		return "a whole number from " + this.min + " to " + this.max + " (" + this + ")"
				+ ((this == INT64 || this == UINT64) ? " that a double holds exactly" : "");
	}

}
