package dev.reproserve.datasets.internal;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers from a database as the text of a CSV cell: plain, without trailing zeros, and
 * for floating-point values the fewest digits that read back as the same value, the same
 * on every JVM.
 */
class CanonicalCellsTests {

	@Test
	void writesDecimalsPlainWithoutTrailingZeros() {
		assertThat(CanonicalCells.plain(new BigDecimal("18.0"))).isEqualTo("18");
		assertThat(CanonicalCells.plain(new BigDecimal("39.10"))).isEqualTo("39.1");
		assertThat(CanonicalCells.plain(new BigDecimal("100"))).isEqualTo("100");
		assertThat(CanonicalCells.plain(new BigDecimal("0.00"))).isEqualTo("0");
		assertThat(CanonicalCells.plain(new BigDecimal("-0.0001000"))).isEqualTo("-0.0001");
		assertThat(CanonicalCells.plain(new BigDecimal("1E+3"))).isEqualTo("1000");
	}

	@Test
	void writesDoublesWithTheFewestDigitsThatReadBack() {
		assertThat(CanonicalCells.shortest(3.0)).isEqualTo("3");
		assertThat(CanonicalCells.shortest(39.1)).isEqualTo("39.1");
		assertThat(CanonicalCells.shortest(0.1 + 0.2)).isEqualTo("0.30000000000000004");
		assertThat(CanonicalCells.shortest(1e-7)).isEqualTo("0.0000001");
		assertThat(CanonicalCells.shortest(1.0 / 3)).isEqualTo("0.3333333333333333");
		// Java 17's Double.toString writes 2.0000000000000002E23 here; Java 19 and later
		// 2.0E23.
		assertThat(CanonicalCells.shortest(2e23)).isEqualTo("200000000000000000000000");
		assertThat(CanonicalCells.shortest(-0.0)).isEqualTo("-0");
		assertThat(CanonicalCells.shortest(Double.NaN)).isEqualTo("NaN");
		assertThat(CanonicalCells.shortest(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
		for (double value : new double[] { Math.PI, Double.MIN_VALUE, Double.MAX_VALUE, 5e-324, 123456.789e-10 }) {
			assertThat(Double.parseDouble(CanonicalCells.shortest(value))).isEqualTo(value);
		}
	}

	@Test
	void writesFloatsWithTheFewestDigitsThatReadBackAsTheFloat() {
		assertThat(CanonicalCells.shortest(0.1f)).isEqualTo("0.1");
		assertThat(CanonicalCells.shortest(3.5f)).isEqualTo("3.5");
		assertThat(CanonicalCells.shortest(-1.5f)).isEqualTo("-1.5");
		assertThat(CanonicalCells.shortest(-0.0f)).isEqualTo("-0");
		assertThat(CanonicalCells.shortest(Float.POSITIVE_INFINITY)).isEqualTo("Infinity");
		assertThat(Float.parseFloat(CanonicalCells.shortest(Float.MAX_VALUE))).isEqualTo(Float.MAX_VALUE);
	}

}
