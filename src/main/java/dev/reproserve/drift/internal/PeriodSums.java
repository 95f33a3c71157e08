package dev.reproserve.drift.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.reproserve.bundle.LiveCounts;
import dev.reproserve.bundle.TrainingProfile;
import dev.reproserve.drift.DriftProperties;
import dev.reproserve.registry.VersionRef;

import org.springframework.stereotype.Component;

/**
 * For the gauges: per counted version, the sum of every replica's stored windows over the
 * last {@code reproserve.drift.period}, kept up to date instead of added up again from up
 * to 1,440 windows per replica each time. A refresh reads the windows stored since the
 * last one it read (and those that ended within the last two windows again, skipped if
 * already summed, so that an insert that committed after a later one is not missed), and
 * takes back out the windows that fell out of the period, reading only their counts. The
 * counts are whole numbers, so the running sum is exactly the sum a report adds up; if a
 * window that fell out is no longer stored, the sum is rebuilt from the table.
 */
@Component
public class PeriodSums {

	private final DriftStore store;

	private final DriftProperties properties;

	private final Map<Long, Running> running = new ConcurrentHashMap<>();

	PeriodSums(DriftStore store, DriftProperties properties) {
		this.store = store;
		this.properties = properties;
	}

	/** The stored windows of the version that overlap the period, added up. */
	public WindowSum sum(VersionRef ref, TrainingProfile profile, Instant from, Instant to) {
		Running sum = this.running.computeIfAbsent(ref.versionId(), (id) -> new Running(id, profile));
		synchronized (sum) {
			if (!sum.profile.equals(profile) || !sum.update(from, to)) {
				sum.rebuild(profile, from, to);
			}
			return sum.total();
		}
	}

	/** Forgets the sums of versions no longer counted here. */
	public void retain(Collection<Long> versionIds) {
		this.running.keySet().retainAll(new HashSet<>(versionIds));
	}

	/** A window in a sum: what it takes to find it again when it falls out. */
	private record Summed(Instant end, long id, String replica) implements Comparable<Summed> {

		@Override
		public int compareTo(Summed other) {
			int byEnd = this.end.compareTo(other.end);
			return (byEnd != 0) ? byEnd : Long.compare(this.id, other.id);
		}

	}

	private final class Running {

		private final long versionId;

		private TrainingProfile profile;

		private LiveCounts counts;

		private final NavigableSet<Summed> windows = new TreeSet<>();

		private final Set<Long> ids = new HashSet<>();

		private final Map<String, Integer> replicas = new TreeMap<>();

		private long lastId;

		Running(long versionId, TrainingProfile profile) {
			this.versionId = versionId;
			this.profile = profile;
			this.counts = LiveCounts.none(profile);
		}

		void rebuild(TrainingProfile profile, Instant from, Instant to) {
			this.profile = profile;
			this.counts = LiveCounts.none(profile);
			this.windows.clear();
			this.ids.clear();
			this.replicas.clear();
			this.lastId = 0;
			PeriodSums.this.store.windows(this.versionId, from, to).forEach(this::add);
		}

		/** Brings the sum to the period; false if it cannot be (a window is gone). */
		boolean update(Instant from, Instant to) {
			Instant recent = to.minus(PeriodSums.this.properties.window().multipliedBy(2));
			for (DriftStore.StoredWindow window : PeriodSums.this.store.windowsSince(this.versionId, from, to,
					this.lastId, recent)) {
				if (!this.ids.contains(window.id())) {
					add(window);
				}
			}
			List<Summed> expired = new ArrayList<>(this.windows.headSet(new Summed(from, Long.MAX_VALUE, ""), true));
			if (expired.isEmpty()) {
				return true;
			}
			Map<Long, LiveCounts> counts = PeriodSums.this.store.counts(expired.stream().map(Summed::id).toList());
			if (counts.size() != expired.size()) {
				return false;
			}
			for (Summed window : expired) {
				this.counts = this.counts.minus(counts.get(window.id()));
				this.windows.remove(window);
				this.ids.remove(window.id());
				this.replicas.computeIfPresent(window.replica(), (name, n) -> (n > 1) ? n - 1 : null);
			}
			return true;
		}

		private void add(DriftStore.StoredWindow window) {
			this.counts = this.counts.plus(window.counts());
			this.windows.add(new Summed(window.end(), window.id(), window.replica()));
			this.ids.add(window.id());
			this.replicas.merge(window.replica(), 1, Integer::sum);
			this.lastId = Math.max(this.lastId, window.id());
		}

		WindowSum total() {
			return new WindowSum(this.counts, this.windows.size(), new TreeSet<>(this.replicas.keySet()));
		}

	}

}
