package dev.reproserve.datasets;

import java.util.List;

/**
 * One page of the snapshot list, newest first; the same shape as the model registry's
 * pages.
 */
public record SnapshotPage(List<DatasetSnapshot> items, int page, int size, long totalItems, int totalPages) {
}
