package dev.reproserve.datasets;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A request for a dataset snapshot of a query's result.
 *
 * @param source the name of a configured source ({@code reproserve.sources.<name>})
 * @param sql one SELECT ending in an {@code ORDER BY} whose columns are a key of the
 * result; {@code :asOf} in it is bound to {@code asOf}
 * @param asOf the moment the data is to show: required when the query uses {@code :asOf},
 * otherwise now when not given; recorded either way
 * @param keep what to keep: {@link DatasetSnapshot.Kind#STORED} the rows, as an upload
 * is; {@link DatasetSnapshot.Kind#REFERENCE} only the fingerprint, for data that may not
 * be copied out of its source (re-runs take the query again)
 * @param name the name to record; {@code <source>-query.csv} when not given
 */
public record SnapshotQuery(@Nullable String source, @Nullable String sql, @Nullable Instant asOf,
		DatasetSnapshot.@Nullable Kind keep, @Nullable String name) {
}
