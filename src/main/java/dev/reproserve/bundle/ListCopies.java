package dev.reproserve.bundle;

import java.util.List;
import java.util.Objects;

/** Immutable copies of lists read from hand-made manifests. */
final class ListCopies {

	private ListCopies() {
	}

	/**
	 * An immutable copy, or an empty list when the list or any element is null; the
	 * bundle checks then report the missing content by name instead of failing deep in
	 * JSON binding.
	 */
	static <T> List<T> orEmpty(List<T> list) {
		return (list == null || list.stream().anyMatch(Objects::isNull)) ? List.of() : List.copyOf(list);
	}

}
