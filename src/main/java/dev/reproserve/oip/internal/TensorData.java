package dev.reproserve.oip.internal;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of a tensor against its {@code shape}: the protocol allows the
 * elements flat, in row-major order, or nested as the shape.
 */
final class TensorData {

	private TensorData() {
	}

	/**
	 * The elements in row-major order, or null when the shape has a negative or missing
	 * dimension, or the data does not hold exactly as many elements, or its nesting is
	 * not the shape's.
	 */
	static @Nullable List<Object> flatten(List<Object> data, List<Long> shape) {
		long size = 1;
		for (Long dimension : shape) {
			if (dimension == null || dimension < 0) {
				return null;
			}
			try {
				size = Math.multiplyExact(size, dimension);
			}
			catch (ArithmeticException ex) {
				return null;
			}
		}
		List<Object> flat = data;
		if (data.stream().anyMatch(List.class::isInstance)) {
			flat = new ArrayList<>();
			if (!nestedAs(data, shape, 0, flat)) {
				return null;
			}
		}
		return (flat.size() == size) ? flat : null;
	}

	private static boolean nestedAs(List<?> data, List<Long> shape, int dimension, List<Object> into) {
		if (dimension >= shape.size() || data.size() != shape.get(dimension)) {
			return false;
		}
		boolean innermost = dimension == shape.size() - 1;
		for (Object element : data) {
			if (innermost) {
				if (element instanceof List) {
					return false;
				}
				into.add(element);
			}
			else if (!(element instanceof List<?> inner) || !nestedAs(inner, shape, dimension + 1, into)) {
				return false;
			}
		}
		return true;
	}

	/** How many elements the data holds, and how it is nested, for a violation. */
	static String describe(List<Object> data) {
		if (data.stream().noneMatch(List.class::isInstance)) {
			return data.size() + " element(s) in data";
		}
		return "data nested as " + nesting(data);
	}

	private static String nesting(Object data) {
		if (!(data instanceof List<?> list)) {
			return "";
		}
		return "[" + list.size()
				+ ((!list.isEmpty() && list.get(0) instanceof List) ? ", " + nesting(list.get(0)).substring(1) : "]");
	}

}
