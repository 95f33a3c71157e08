package dev.reproserve.drift.internal;

import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

import dev.reproserve.bundle.LiveCounts;
import dev.reproserve.bundle.TrainingProfile;

/**
 * Stored windows of one version added up: their counts, how many there were and which
 * replicas appended them.
 */
public record WindowSum(LiveCounts counts, int windows, SortedSet<String> replicas) {

	/** The windows, added up in the bins of the profile. */
	public static WindowSum of(TrainingProfile profile, Collection<DriftStore.StoredWindow> windows) {
		LiveCounts sum = LiveCounts.none(profile);
		TreeSet<String> replicas = new TreeSet<>();
		for (DriftStore.StoredWindow window : windows) {
			sum = sum.plus(window.counts());
			replicas.add(window.replica());
		}
		return new WindowSum(sum, windows.size(), replicas);
	}

}
