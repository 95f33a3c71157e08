package dev.reproserve.bundle;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * The one JSON naming of the service's enums: a constant is written and read as its name
 * in lower-case kebab form ({@code EQUIVALENT_OUTPUTS} is {@code equivalent-outputs}),
 * the same in JSON, in database columns and in messages.
 */
public interface JsonEnum {

	/** The constant's name as JSON, the database and messages spell it. */
	@JsonValue
	default String json() {
		return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * The constant spelled {@code json}.
	 * @throws IllegalArgumentException for a spelling no constant has
	 */
	static <E extends Enum<E> & JsonEnum> E of(Class<E> type, String json) {
		return find(type, json)
			.orElseThrow(() -> new IllegalArgumentException("No " + type.getSimpleName() + " '" + json + "'"));
	}

	/** The constant spelled {@code json}, if one is (none for null). */
	static <E extends Enum<E> & JsonEnum> Optional<E> find(Class<E> type, @Nullable String json) {
		for (E constant : type.getEnumConstants()) {
			if (constant.json().equals(json)) {
				return Optional.of(constant);
			}
		}
		return Optional.empty();
	}

}
