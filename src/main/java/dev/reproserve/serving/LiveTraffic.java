package dev.reproserve.serving;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.reproserve.bundle.LiveCounts;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.bundle.ProfileBins;
import dev.reproserve.bundle.TrainingProfile;
import dev.reproserve.registry.VersionRef;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Live counts of the traffic each version answers on this replica, in the bins of its
 * training profile: per feature (bins, below and above the training range, unseen
 * categories, missing) and for the predicted output. Counted on the predict path with
 * atomic adds, no lock and no raw value kept: each version has a few stripes of counters
 * ({@link AtomicLongArray}s), and a thread adds to the stripe its id picks, so that
 * requests on different cores rarely share a cache line (the idea of
 * {@link java.util.concurrent.atomic.LongAdder}, for arrays). {@link #drain} takes each
 * version's counts since the last drain and starts the next window at zero; no count is
 * lost or counted twice, however many requests run meanwhile. A version whose bundle has
 * no profile is not counted until one is given ({@link #useProfile}).
 */
@Component
public class LiveTraffic {

	/**
	 * By version: VersionRef is a record, so a lookup allocates nothing (a boxed id
	 * would).
	 */
	private final Map<VersionRef, Counter> counters = new ConcurrentHashMap<>();

	private final boolean enabled;

	LiveTraffic(ServingProperties properties) {
		this.enabled = properties.liveCounts();
	}

	/** Counts a request that was answered with these outputs. */
	void count(VersionRef ref, LoadedBundle bundle, List<Object[]> rows, List<ModelOutput> outputs) {
		if (!this.enabled) {
			return;
		}
		Counter counter = this.counters.get(ref);
		if (counter == null) {
			counter = this.counters.computeIfAbsent(ref, (key) -> Counter.of(ref, bundle.manifest().profile()));
		}
		ProfileBins bins = counter.bins;
		if (bins != null) {
			bins.count(counter.stripe(), rows, outputs);
		}
	}

	/**
	 * Starts counting a version with a profile computed for it, for a version whose
	 * bundle has none. No effect when the version is counted already.
	 */
	public void useProfile(VersionRef ref, TrainingProfile profile) {
		this.counters.compute(ref,
				(key, counter) -> (counter != null && counter.bins != null) ? counter : Counter.of(ref, profile));
	}

	/**
	 * Versions this replica has answered for but cannot count: their bundle has no
	 * profile.
	 */
	public List<VersionRef> withoutProfile() {
		return this.counters.values().stream().filter((c) -> c.bins == null).map((c) -> c.ref).toList();
	}

	/** The versions counted here, each with the profile its bins come from. */
	public List<Counted> counted() {
		return this.counters.values()
			.stream()
			.filter((c) -> c.bins != null)
			.map((c) -> new Counted(c.ref, c.bins.profile()))
			.toList();
	}

	/** A version counted here and its profile. */
	public record Counted(VersionRef ref, TrainingProfile profile) {
	}

	/**
	 * Each counted version's counts since its last drain, as windows ending now; versions
	 * without traffic are left out. The counters start again from zero.
	 */
	public synchronized List<Window> drain(Instant now) {
		List<Window> windows = new ArrayList<>();
		for (Counter counter : this.counters.values()) {
			if (counter.bins == null || !counter.hasTraffic()) {
				continue;
			}
			long[] taken = new long[counter.bins.size()];
			for (AtomicLongArray stripe : counter.stripes) {
				for (int i = 0; i < taken.length; i++) {
					taken[i] += stripe.getAndSet(i, 0);
				}
			}
			windows.add(new Window(counter.ref, counter.since, now, counter.bins.decode(taken), taken, counter));
			counter.since = now;
		}
		return windows;
	}

	/**
	 * Puts drained counts back (they could not be stored), to go with the next window.
	 */
	public synchronized void restore(Window window) {
		Counter counter = window.counter;
		for (int i = 0; i < window.slots.length; i++) {
			counter.stripes[0].getAndAdd(i, window.slots[i]);
		}
		if (window.start.isBefore(counter.since)) {
			counter.since = window.start;
		}
	}

	/**
	 * The counts of the window in progress, or null when the version is not counted here.
	 */
	public @Nullable Current current(VersionRef ref) {
		Counter counter = this.counters.get(ref);
		if (counter == null || counter.bins == null) {
			return null;
		}
		long[] now = new long[counter.bins.size()];
		for (AtomicLongArray stripe : counter.stripes) {
			for (int i = 0; i < now.length; i++) {
				now[i] += stripe.get(i);
			}
		}
		return new Current(counter.since, counter.bins.decode(now));
	}

	/**
	 * One version's counts over a window of time on this replica.
	 *
	 * @param start when the window began (the previous drain, or the first request)
	 * @param end when it was drained
	 */
	public record Window(VersionRef ref, Instant start, Instant end, LiveCounts counts, long[] slots, Counter counter) {
	}

	/** The window in progress: since when, and its counts so far. */
	public record Current(Instant since, LiveCounts counts) {
	}

	/** A version's counters. */
	public static final class Counter {

		private final VersionRef ref;

		private final @Nullable ProfileBins bins;

		/** Twice as many stripes as cores, a power of two, at most 64. */
		private static final int STRIPES = Math.min(64,
				Integer.highestOneBit(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()) - 1) << 1);

		private final AtomicLongArray[] stripes;

		private volatile Instant since = Instant.now();

		private Counter(VersionRef ref, @Nullable ProfileBins bins) {
			this.ref = ref;
			this.bins = bins;
			this.stripes = new AtomicLongArray[(bins != null) ? STRIPES : 0];
			for (int i = 0; i < this.stripes.length; i++) {
				this.stripes[i] = new AtomicLongArray(bins.size());
			}
		}

		/** The stripe of the calling thread: its id, mixed, masked. */
		@SuppressWarnings("deprecation") // Thread.threadId() is Java 19 and later
		AtomicLongArray stripe() {
			long id = Thread.currentThread().getId();
			return this.stripes[(int) ((id * 0x9E3779B97F4A7C15L) >>> 58) & (this.stripes.length - 1)];
		}

		/** Whether any instance was counted since the last drain. */
		boolean hasTraffic() {
			for (AtomicLongArray stripe : this.stripes) {
				if (stripe.get(1) != 0) {
					return true;
				}
			}
			return false;
		}

		static Counter of(VersionRef ref, @Nullable TrainingProfile profile) {
			return new Counter(ref, (profile != null) ? new ProfileBins(profile) : null);
		}

	}

}
