package dev.reproserve.serving.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import dev.reproserve.bundle.FeatureSchema;
import dev.reproserve.bundle.FeatureSpec;
import dev.reproserve.bundle.FeatureType;

/**
 * Reads a predict request body with Jackson's streaming parser straight into rows of one
 * model's features ({@link FeatureSchema#encode(Object[])}), validating as it reads, with
 * no map per instance. It reads only what is plainly valid: the moment anything is not (a
 * violation of the schema, an unknown member, a duplicate, a number too big for a
 * {@code long}, a batch that is empty or over the limit), it answers {@code null}, and
 * the caller reads the same bytes the general way, through {@link SchemaValidator}, which
 * lists every violation. So this reader can make a request faster, never change its
 * answer. One per loaded model; thread-safe (it keeps no state between calls).
 */
public final class InstanceReader {

	/** A value the general reader must judge: anything but a plain scalar. */
	private static final Object INVALID = new Object();

	private final FeatureSchema schema;

	private final FeatureSpec[] features;

	private final Map<String, Integer> indexes = new HashMap<>();

	private final boolean onlyCategorical;

	private final int[] nameOrder;

	public InstanceReader(FeatureSchema schema) {
		this.schema = schema;
		this.features = schema.features().toArray(new FeatureSpec[0]);
		for (int i = 0; i < this.features.length; i++) {
			this.indexes.put(this.features[i].name(), i);
		}
		this.onlyCategorical = schema.features().stream().allMatch((f) -> f.type() == FeatureType.CATEGORICAL);
		this.nameOrder = schema.nameOrder();
	}

	/**
	 * The order to encode this model's rows in ({@link FeatureSchema#nameOrder()}),
	 * computed once; callers only read it.
	 */
	public int[] nameOrder() {
		return this.nameOrder;
	}

	/**
	 * @param parser a parser positioned before the body's first token, from the same
	 * mapper (and so with the same strictness) as the general reader
	 * @param maxBatchSize the most instances a request may hold
	 * @return the request, or {@code null} if it is anything but a plainly valid one
	 */
	public @Nullable Request read(JsonParser parser, int maxBatchSize) {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			return null;
		}
		String id = null;
		boolean seenId = false;
		List<Object[]> rows = null;
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
			String member = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("id".equals(member) && !seenId && (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL)) {
				seenId = true;
				id = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
			}
			else if ("instances".equals(member) && rows == null && value == JsonToken.START_ARRAY) {
				rows = rows(parser, maxBatchSize);
				if (rows == null) {
					return null;
				}
			}
			else {
				return null;
			}
		}
		if (rows == null || parser.nextToken() != null) {
			return null;
		}
		return new Request(id, rows);
	}

	private @Nullable List<Object[]> rows(JsonParser parser, int maxBatchSize) {
		List<Object[]> rows = new ArrayList<>();
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			if (token != JsonToken.START_OBJECT || rows.size() == maxBatchSize) {
				return null;
			}
			Object[] row = row(parser);
			if (row == null) {
				return null;
			}
			rows.add(row);
		}
		return rows.isEmpty() ? null : rows;
	}

	private Object @Nullable [] row(JsonParser parser) {
		Object[] row = new Object[this.features.length];
		boolean[] seen = new boolean[this.features.length];
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
			Integer index = this.indexes.get(parser.currentName());
			if (index == null || seen[index]) {
				return null;
			}
			seen[index] = true;
			FeatureSpec feature = this.features[index];
			Object value = value(parser, parser.nextToken());
			if (value == INVALID) {
				return null;
			}
			if (value == null) {
				if (!feature.missingAllowed()) {
					return null;
				}
			}
			else if (SchemaValidator.problem(feature, value) != null) {
				return null;
			}
			else {
				row[index] = SchemaValidator.accepted(feature, value);
			}
		}
		for (int i = 0; i < row.length; i++) {
			if (!seen[i] && !this.features[i].missingAllowed()) {
				return null;
			}
		}
		return (this.onlyCategorical && this.schema.encodesToNothing(row)) ? null : row;
	}

	/**
	 * A scalar as Jackson's general reader binds it: a whole number within {@code long}
	 * as its exact {@code double}, a fraction through the parser's own conversion.
	 */
	private static @Nullable Object value(JsonParser parser, JsonToken token) {
		return switch (token) {
			case VALUE_STRING -> parser.getString();
			case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
			case VALUE_NUMBER_INT -> (parser.getNumberType() == JsonParser.NumberType.INT
					|| parser.getNumberType() == JsonParser.NumberType.LONG) ? (Object) (double) parser.getLongValue()
							: INVALID;
			case VALUE_NULL -> null;
			default -> INVALID;
		};
	}

	/**
	 * A predict request as read.
	 *
	 * @param id the client's request id, or {@code null}
	 * @param rows one row per instance, valid for the schema
	 */
	public record Request(@Nullable String id, List<Object[]> rows) {
	}

}
