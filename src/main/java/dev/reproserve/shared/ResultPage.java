package dev.reproserve.shared;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a longer list, newest first: the one page shape of every list the service
 * answers (models' versions, alias events, reproductions, training jobs, dataset
 * snapshots).
 *
 * @param items the page's items
 * @param page the page's number, from 0
 * @param size the most items a page holds
 * @param totalItems the items in the whole list
 * @param totalPages the pages the whole list takes
 */
public record ResultPage<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

	/** A page of a list of {@code totalItems}, counting the pages it takes. */
	public static <T> ResultPage<T> of(List<T> items, int page, int size, long totalItems) {
		return new ResultPage<>(items, page, size, totalItems, (int) ((totalItems + size - 1) / size));
	}

	public <R> ResultPage<R> map(Function<T, R> mapper) {
		return new ResultPage<>(this.items.stream().map(mapper).toList(), this.page, this.size, this.totalItems,
				this.totalPages);
	}

}
