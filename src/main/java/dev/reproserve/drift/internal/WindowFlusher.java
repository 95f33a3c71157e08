package dev.reproserve.drift.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.reproserve.bundle.TrainingProfile;
import dev.reproserve.drift.DriftProperties;
import dev.reproserve.drift.DriftReport;
import dev.reproserve.drift.DriftReports;
import dev.reproserve.drift.DriftVerdict;
import dev.reproserve.registry.VersionRef;
import dev.reproserve.serving.LiveTraffic;
import dev.reproserve.shared.Timestamps;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Every {@code reproserve.drift.window}, and once at shutdown: appends this replica's
 * live counts to the database (put back to go with the next window when the database
 * cannot take them), starts counting versions whose profile another replica computed, and
 * refreshes the PSI gauges (from {@link PeriodSums}' running sum of the period's
 * windows), with one WARN when a feature turns {@code major} or {@code missing-live}.
 */
@Component
public class WindowFlusher {

	private static final Logger log = LoggerFactory.getLogger(WindowFlusher.class);

	private final LiveTraffic live;

	private final DriftStore store;

	private final DriftReports reports;

	private final Profiles profiles;

	private final DriftProperties properties;

	private final TaskScheduler scheduler;

	private final MeterRegistry meters;

	private final PeriodSums sums;

	private final Map<Series, double[]> psi = new ConcurrentHashMap<>();

	private final Map<Series, DriftVerdict> verdicts = new ConcurrentHashMap<>();

	WindowFlusher(LiveTraffic live, DriftStore store, DriftReports reports, Profiles profiles,
			DriftProperties properties, TaskScheduler scheduler, MeterRegistry meters, PeriodSums sums) {
		this.sums = sums;
		this.live = live;
		this.store = store;
		this.reports = reports;
		this.profiles = profiles;
		this.properties = properties;
		this.scheduler = scheduler;
		this.meters = meters;
	}

	@EventListener(ApplicationReadyEvent.class)
	public void start() {
		this.scheduler.scheduleAtFixedRate(this::window, Instant.now().plus(this.properties.window()),
				this.properties.window());
	}

	/** One window's work: store, pick up profiles, refresh the gauges. */
	public void window() {
		flush();
		for (VersionRef ref : this.live.withoutProfile()) {
			TrainingProfile stored = this.profiles.stored(ref);
			if (stored != null) {
				this.live.useProfile(ref, stored);
			}
		}
		List<LiveTraffic.Counted> counted = this.live.counted();
		this.sums.retain(counted.stream().map((c) -> c.ref().versionId()).toList());
		for (LiveTraffic.Counted version : counted) {
			refresh(this.reports.forCounted(version));
		}
	}

	/**
	 * Appends the counts since the last flush, one row per version with traffic.
	 * @return the windows stored
	 */
	public int flush() {
		List<LiveTraffic.Window> windows = this.live.drain(Timestamps.now());
		if (windows.isEmpty()) {
			return 0;
		}
		try {
			this.store.append(windows);
		}
		catch (RuntimeException ex) {
			windows.forEach(this.live::restore);
			throw ex;
		}
		return windows.size();
	}

	@PreDestroy
	void atShutdown() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			log.warn("The live drift counts since the last window could not be stored at shutdown: {}",
					ex.getMessage());
		}
	}

	private void refresh(DriftReport report) {
		for (DriftReport.FeatureDrift feature : report.features()) {
			Series series = new Series(report.model(), report.version(), feature.name(), false);
			set(series, feature);
			DriftVerdict before = this.verdicts.put(series, feature.verdict());
			if (feature.verdict().alarming() && before != feature.verdict()) {
				log.warn(String.format(Locale.ROOT,
						"Drift: model %s version %d feature '%s' is %s over the last %s (PSI %s, %d live values%s)",
						report.model(), report.version(), feature.name(), feature.verdict().json(),
						this.properties.period(),
						(feature.psi() != null) ? String.format(Locale.ROOT, "%.3f", feature.psi()) : "n/a",
						feature.liveCount(), (feature.reason() != null) ? "; " + feature.reason() : ""));
			}
		}
		if (report.output() != null) {
			set(new Series(report.model(), report.version(), report.output().name(), true), report.output());
		}
	}

	private void set(Series series, DriftReport.FeatureDrift feature) {
		double[] value = this.psi.computeIfAbsent(series, this::register);
		value[0] = (feature.psi() != null) ? feature.psi() : Double.NaN;
	}

	private double[] register(Series series) {
		double[] value = { Double.NaN };
		Gauge.builder(series.output() ? "reproserve.drift.output.psi" : "reproserve.drift.psi", value, (v) -> v[0])
			.description(series.output()
					? "Population stability index of the predicted output, training split against live traffic"
							+ " over reproserve.drift.period"
					: "Population stability index of a feature, training split against live traffic over"
							+ " reproserve.drift.period")
			.tag("model", series.model())
			.tag("version", String.valueOf(series.version()))
			.tag(series.output() ? "output" : "feature", series.name())
			.register(this.meters);
		return value;
	}

	private record Series(String model, int version, String name, boolean output) {
	}

}
