package dev.reproserve.shared;

import java.util.Map;

/**
 * A query or path parameter with a value that cannot be taken: raised by the domain where
 * the rule lives (a version filter, a drift window), answered by the web layer as a 400
 * {@code invalid-parameter} naming the parameter.
 */
public class InvalidParameterException extends DomainException {

	private InvalidParameterException(String parameter, String detail) {
		super(Kind.MALFORMED, "invalid-parameter", "Invalid parameter", detail, Map.of("parameter", parameter));
	}

	/**
	 * @param detail a sentence that names the parameter, what it must be and what was
	 * sent
	 */
	public static InvalidParameterException of(String parameter, String detail) {
		return new InvalidParameterException(parameter, detail);
	}

}
