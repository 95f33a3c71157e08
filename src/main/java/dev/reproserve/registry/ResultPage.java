package dev.reproserve.registry;

import java.util.List;
import java.util.function.Function;

/** One page of a longer list, newest first. */
public record ResultPage<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

	public <R> ResultPage<R> map(Function<T, R> mapper) {
		return new ResultPage<>(this.items.stream().map(mapper).toList(), this.page, this.size, this.totalItems,
				this.totalPages);
	}

	static <T> ResultPage<T> of(org.springframework.data.domain.Page<T> page) {
		return new ResultPage<>(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements(),
				page.getTotalPages());
	}

}
