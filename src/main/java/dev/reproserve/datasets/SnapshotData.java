package dev.reproserve.datasets;

import org.jspecify.annotations.Nullable;

/**
 * A stored snapshot's data as read back from the database. It is checked, not trusted:
 * {@link #intact()} says whether it still hashes to the snapshot's id.
 *
 * @param snapshot the snapshot
 * @param content the stored content, decompressed: the canonical CSV when intact (empty
 * when the stored bytes are no longer gzip data)
 * @param actualSha256 SHA-256 of {@code content}; null when the stored bytes cannot be
 * decompressed
 * @param table {@code content} parsed; null when it is no longer readable CSV
 */
public record SnapshotData(DatasetSnapshot snapshot, byte[] content, @Nullable String actualSha256,
		@Nullable CsvTable table) {

	/** Whether the content is exactly the data the snapshot was taken from. */
	public boolean intact() {
		return this.snapshot.id().equals(this.actualSha256);
	}

}
