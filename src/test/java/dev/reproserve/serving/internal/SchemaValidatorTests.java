package dev.reproserve.serving.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.reproserve.bundle.FeatureSchema;
import dev.reproserve.bundle.FeatureSpec;
import dev.reproserve.serving.SchemaViolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SchemaValidatorTests {

	private static final FeatureSchema SCHEMA = new FeatureSchema(
			List.of(FeatureSpec.categorical("island", List.of("Biscoe", "Dream", "Torgersen")),
					FeatureSpec.numeric("bill_length_mm"), FeatureSpec.numeric("flipper_length_mm")));

	private final List<SchemaViolation> violations = new ArrayList<>();

	@Test
	void acceptsValidInstanceAndReturnsItInModelForm() {
		List<Map<String, Object>> clean = validate(valid());

		assertThat(this.violations).isEmpty();
		assertThat(clean)
			.containsExactly(Map.of("island", "Dream", "bill_length_mm", 39.5, "flipper_length_mm", 186.0));
	}

	@Test
	void turnsEveryKindOfNumberIntoADouble() {
		Map<String, Object> instance = instance("Biscoe", 5, new BigDecimal("45.25"));
		instance.put("flipper_length_mm", 210L);

		List<Map<String, Object>> clean = validate(instance);

		assertThat(this.violations).isEmpty();
		assertThat(clean.get(0).get("bill_length_mm")).isInstanceOf(Double.class).isEqualTo(5.0);
		assertThat(clean.get(0).get("flipper_length_mm")).isInstanceOf(Double.class).isEqualTo(210.0);

		clean = validate(instance("Biscoe", new BigDecimal("45.25"), BigInteger.valueOf(210)));
		assertThat(clean.get(0)).containsEntry("bill_length_mm", 45.25).containsEntry("flipper_length_mm", 210.0);
	}

	@Test
	void acceptsEveryKnownCategory() {
		List<Map<String, Object>> clean = validate(instance("Biscoe", 1.0, 2.0), instance("Dream", 1.0, 2.0),
				instance("Torgersen", 1.0, 2.0));

		assertThat(this.violations).isEmpty();
		assertThat(clean).extracting((values) -> values.get("island")).containsExactly("Biscoe", "Dream", "Torgersen");
	}

	@Test
	void returnsValuesInSchemaOrderWhateverTheOrderOfKeys() {
		Map<String, Object> reversed = new LinkedHashMap<>();
		reversed.put("flipper_length_mm", 186);
		reversed.put("bill_length_mm", 39.5);
		reversed.put("island", "Dream");
		Map<String, Object> hashed = new HashMap<>(reversed);

		List<Map<String, Object>> clean = validate(reversed, hashed, valid());

		assertThat(this.violations).isEmpty();
		assertThat(clean).allSatisfy((values) -> assertThat(values).containsExactly(Map.entry("island", "Dream"),
				Map.entry("bill_length_mm", 39.5), Map.entry("flipper_length_mm", 186.0)));
	}

	@Test
	void rejectsMissingFeature() {
		Map<String, Object> instance = valid();
		instance.remove("flipper_length_mm");

		validate(instance);

		assertThat(this.violations)
			.containsExactly(new SchemaViolation(0, "flipper_length_mm", "missing", "a finite JSON number", null));
	}

	@Test
	void rejectsUnexpectedFeature() {
		Map<String, Object> instance = valid();
		instance.put("body_mass_g", 3750);

		validate(instance);

		assertThat(this.violations).singleElement().satisfies((v) -> {
			assertThat(v.instance()).isZero();
			assertThat(v.feature()).isEqualTo("body_mass_g");
			assertThat(v.problem()).isEqualTo("unexpected");
			assertThat(v.expected()).contains("island", "bill_length_mm", "flipper_length_mm");
		});
	}

	@Test
	void rejectsFeatureNameThatDiffersOnlyInCase() {
		Map<String, Object> instance = valid();
		instance.put("Island", instance.remove("island"));

		validate(instance);

		assertThat(this.violations).extracting(SchemaViolation::feature, SchemaViolation::problem)
			.containsExactlyInAnyOrder(tuple("island", "missing"), tuple("Island", "unexpected"));
	}

	@Test
	void rejectsNullValue() {
		validate(instance(null, null, 186));

		assertThat(this.violations)
			.extracting(SchemaViolation::feature, SchemaViolation::problem, SchemaViolation::actual)
			.containsExactly(tuple("island", "null", "null"), tuple("bill_length_mm", "null", "null"));
	}

	@Test
	void rejectsNumericFeatureGivenAsAnythingButANumber() {
		validate(instance("Dream", "39.5", 186), instance("Dream", true, 186), instance("Dream", List.of(39.5), 186),
				instance("Dream", Map.of("mm", 39.5), 186));

		assertThat(this.violations)
			.extracting(SchemaViolation::instance, SchemaViolation::problem, SchemaViolation::actual)
			.containsExactly(tuple(0, "wrong-type", "string \"39.5\""), tuple(1, "wrong-type", "boolean true"),
					tuple(2, "wrong-type", "array [39.5]"), tuple(3, "wrong-type", "object {mm=39.5}"));
		assertThat(this.violations).allSatisfy((v) -> assertThat(v.feature()).isEqualTo("bill_length_mm"));
	}

	@Test
	void rejectsCategoricalFeatureGivenAsANumber() {
		validate(instance(1, 39.5, 186));

		assertThat(this.violations).containsExactly(new SchemaViolation(0, "island", "wrong-type",
				"a JSON string, one of [Biscoe, Dream, Torgersen]", "number 1"));
	}

	@Test
	void rejectsUnknownCategory() {
		validate(instance("Atlantis", 39.5, 186));

		assertThat(this.violations).containsExactly(new SchemaViolation(0, "island", "unknown-category",
				"a JSON string, one of [Biscoe, Dream, Torgersen]", "string \"Atlantis\""));
	}

	@Test
	void rejectsCategoryThatDiffersOnlyInCaseOrSpaces() {
		validate(instance("dream", 39.5, 186), instance(" Dream", 39.5, 186));

		assertThat(this.violations).extracting(SchemaViolation::instance, SchemaViolation::problem)
			.containsExactly(tuple(0, "unknown-category"), tuple(1, "unknown-category"));
	}

	@Test
	void rejectsNonFiniteDoubles() {
		validate(instance("Dream", Double.NaN, Double.POSITIVE_INFINITY), instance("Dream", Float.NaN, 186));

		assertThat(this.violations)
			.extracting(SchemaViolation::instance, SchemaViolation::feature, SchemaViolation::problem)
			.containsExactly(tuple(0, "bill_length_mm", "not-finite"), tuple(0, "flipper_length_mm", "not-finite"),
					tuple(1, "bill_length_mm", "not-finite"));
	}

	@Test
	void rejectsExactNumbersTooLargeForADouble() {
		// What JSON parsers produce for 1e400 or a 400-digit integer when they keep
		// exact values: converted to double they become infinity.
		validate(instance("Dream", new BigDecimal("1e400"), BigInteger.TEN.pow(400)),
				instance("Dream", new BigDecimal("-1e400"), 186));

		assertThat(this.violations)
			.extracting(SchemaViolation::instance, SchemaViolation::feature, SchemaViolation::problem)
			.containsExactly(tuple(0, "bill_length_mm", "not-finite"), tuple(0, "flipper_length_mm", "not-finite"),
					tuple(1, "bill_length_mm", "not-finite"));
		assertThat(this.violations).allSatisfy((v) -> assertThat(v.actual()).hasSizeLessThanOrEqualTo(100));
	}

	@Test
	void rejectsInstanceThatIsNotAnObject() {
		validate(42, "Dream", List.of("Dream", 39.5, 186), null);

		assertThat(this.violations)
			.extracting(SchemaViolation::instance, SchemaViolation::feature, SchemaViolation::problem,
					SchemaViolation::actual)
			.containsExactly(tuple(0, null, "not-an-object", "number"), tuple(1, null, "not-an-object", "string"),
					tuple(2, null, "not-an-object", "array"), tuple(3, null, "not-an-object", "null"));
	}

	@Test
	void listsEveryViolationAtOnce() {
		Map<String, Object> first = instance("Atlantis", "long", null);
		first.put("beak_colour", "red");
		Map<String, Object> second = new LinkedHashMap<>(Map.of("island", "Dream", "bill_length_mm", Double.NaN));
		Map<String, Object> fourth = instance(3, new BigDecimal("1e400"), 200);

		validate(first, second, 42, valid(), fourth);

		assertThat(this.violations)
			.extracting(SchemaViolation::instance, SchemaViolation::feature, SchemaViolation::problem)
			.containsExactlyInAnyOrder(tuple(0, "island", "unknown-category"), tuple(0, "bill_length_mm", "wrong-type"),
					tuple(0, "flipper_length_mm", "null"), tuple(0, "beak_colour", "unexpected"),
					tuple(1, "bill_length_mm", "not-finite"), tuple(1, "flipper_length_mm", "missing"),
					tuple(2, null, "not-an-object"), tuple(4, "island", "wrong-type"),
					tuple(4, "bill_length_mm", "not-finite"));
	}

	@Test
	void shortensLongEchoedValues() {
		validate(instance("x".repeat(10_000), 39.5, 186));

		assertThat(this.violations).singleElement()
			.satisfies((v) -> assertThat(v.actual()).startsWith("string \"xxx").endsWith("...").hasSizeLessThan(100));
	}

	@Test
	void addsToViolationsAlreadyCollected() {
		SchemaViolation earlier = new SchemaViolation(null, null, "empty-batch", "something", null);
		this.violations.add(earlier);

		validate(instance("Atlantis", 39.5, 186));

		assertThat(this.violations).hasSize(2).first().isEqualTo(earlier);
	}

	private List<Map<String, Object>> validate(Object... instances) {
		return SchemaValidator.validate(SCHEMA, Arrays.asList(instances), this.violations);
	}

	private static Map<String, Object> valid() {
		return instance("Dream", 39.5, 186);
	}

	/** Mutable, in schema order; a null argument is a JSON null. */
	private static Map<String, Object> instance(Object island, Object billLength, Object flipperLength) {
		Map<String, Object> instance = new LinkedHashMap<>();
		instance.put("island", island);
		instance.put("bill_length_mm", billLength);
		instance.put("flipper_length_mm", flipperLength);
		return instance;
	}

}
