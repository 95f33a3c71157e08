package dev.reproserve.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.reproserve.bundle.BinCounts;
import dev.reproserve.bundle.BundleManifest;
import dev.reproserve.bundle.FeatureSchema;
import dev.reproserve.bundle.FeatureSpec;
import dev.reproserve.bundle.LiveCounts;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.bundle.ProfileBins;
import dev.reproserve.bundle.TrainingProfile;
import dev.reproserve.drift.DriftReport.FeatureDrift;
import dev.reproserve.drift.internal.DriftStore;
import dev.reproserve.drift.internal.PeriodSums;
import dev.reproserve.drift.internal.Profiles;
import dev.reproserve.drift.internal.WindowSum;
import dev.reproserve.registry.InvalidNameException;
import dev.reproserve.registry.ModelAliases;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.VersionRef;
import dev.reproserve.serving.LiveTraffic;
import dev.reproserve.serving.ModelServing;
import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.Timestamps;
import dev.reproserve.shared.InvalidParameterException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Drift reports: a version's training profile against the live traffic it answered, or a
 * candidate's training population against the traffic another version (the one an alias
 * serves) answered. Live traffic is every replica's stored windows in the period plus
 * this replica's window in progress.
 */
@Service
public class DriftReports {

	private final ModelRegistry registry;

	private final ModelAliases aliases;

	private final ModelServing serving;

	private final LiveTraffic live;

	private final DriftStore store;

	private final Profiles profiles;

	private final DriftProperties properties;

	private final DriftMeasures measures;

	private final PeriodSums sums;

	DriftReports(ModelRegistry registry, ModelAliases aliases, ModelServing serving, LiveTraffic live, DriftStore store,
			Profiles profiles, DriftProperties properties, PeriodSums sums) {
		this.sums = sums;
		this.registry = registry;
		this.aliases = aliases;
		this.serving = serving;
		this.live = live;
		this.store = store;
		this.profiles = profiles;
		this.properties = properties;
		this.measures = new DriftMeasures(properties);
	}

	/**
	 * A version's drift over a period (by default the last
	 * {@code reproserve.drift.period}).
	 * @param against {@code alias:<name>} or {@code version:<n>}: compare this version's
	 * training population with that version's live traffic instead of its own
	 */
	public DriftReport forVersion(String model, int version, @Nullable Instant from, @Nullable Instant to,
			@Nullable String against) {
		Instant end = (to != null) ? to : Timestamps.now();
		Instant start = (from != null) ? from : end.minus(this.properties.period());
		checkPeriod(start, end);
		VersionRef ref = this.registry.versionRef(model, version);
		BundleManifest manifest = this.registry.version(model, version).manifest();
		if (against == null) {
			return report(ref, manifest, null, start, end);
		}
		return candidate(ref, manifest, against, start, end);
	}

	/** The drift of the version an alias points at now, over its own traffic. */
	public DriftReport forAlias(String model, String alias, @Nullable Instant from, @Nullable Instant to) {
		Instant end = (to != null) ? to : Timestamps.now();
		Instant start = (from != null) ? from : end.minus(this.properties.period());
		checkPeriod(start, end);
		VersionRef ref = this.aliases.aliasRef(model, alias);
		return report(ref, this.registry.version(model, ref.version()).manifest(), alias, start, end);
	}

	/**
	 * A counted version's drift over the default period, for the gauges: the same report,
	 * from a running sum of the stored windows instead of all of them read again.
	 */
	public DriftReport forCounted(LiveTraffic.Counted counted) {
		Instant end = Timestamps.now();
		Instant start = end.minus(this.properties.period());
		TrainingProfile profile = counted.profile();
		return compare(counted.ref(), null, null, start, end, profile, Expected.of(profile), "bundle",
				withCurrent(counted.ref(), this.sums.sum(counted.ref(), profile, start, end), end), List.of());
	}

	private DriftReport report(VersionRef ref, BundleManifest manifest, @Nullable String alias, Instant from,
			Instant to) {
		Profiles.Resolved resolved = this.profiles.of(ref, manifest);
		TrainingProfile profile = resolved.profile();
		if (profile == null) {
			return notAvailable(ref, alias, null, from, to, resolved.reason());
		}
		return compare(ref, alias, null, from, to, profile, Expected.of(profile), resolved.source(),
				liveCounts(ref, profile, from, to), List.of());
	}

	/**
	 * A candidate's training split counted in the bins of the version whose traffic it is
	 * compared with, so both sides are counts over the same bins, exactly.
	 */
	private DriftReport candidate(VersionRef candidate, BundleManifest manifest, String against, Instant from,
			Instant to) {
		VersionRef served = servedBy(candidate.model(), against);
		DriftReport.Against versus = new DriftReport.Against(against, served.version(), served.bundleSha256());
		if (served.versionId() == candidate.versionId()) {
			DriftReport own = report(candidate, manifest, null, from, to);
			return withAgainst(own, versus);
		}
		BundleManifest servedManifest = this.registry.version(served.model(), served.version()).manifest();
		Profiles.Resolved servedProfile = this.profiles.of(served, servedManifest);
		if (servedProfile.profile() == null) {
			return notAvailable(candidate, null, versus, from, to, "version " + served.version() + " (" + against
					+ ") has no profile to count its traffic in: " + servedProfile.reason());
		}
		Profiles.Split split = this.profiles.trainingSplit(manifest);
		if (split.rows() == null) {
			return notAvailable(candidate, null, versus, from, to,
					"the candidate's training split cannot be counted in the live bins: " + split.reason());
		}
		LoadedBundle model;
		try {
			model = this.serving.loaded(candidate.model(), candidate.version());
		}
		catch (DomainException ex) {
			return notAvailable(candidate, null, versus, from, to, "the candidate does not serve here: " + ex.detail());
		}
		TrainingProfile layout = servedProfile.profile();
		List<Map<String, Object>> rows = split.rows();
		List<ModelOutput> outputs = model.predict(rows);
		FeatureSchema servedSchema = servedManifest.inputSchema();
		List<Object[]> inServedOrder = new ArrayList<>(rows.size());
		for (Map<String, Object> row : rows) {
			inServedOrder.add(servedSchema.row(row));
		}
		ProfileBins bins = new ProfileBins(layout);
		long[] slots = new long[bins.size()];
		bins.count(slots, inServedOrder, outputs);
		LiveCounts counted = bins.decode(slots);
		List<FeatureDrift> extra = new ArrayList<>();
		for (FeatureSpec feature : manifest.inputSchema().features()) {
			if (layout.feature(feature.name()) == null) {
				extra.add(DriftMeasures.notCompared(feature.name(), feature.type().json(), DriftVerdict.MISSING_LIVE,
						"the traffic of " + against + " does not carry it: version " + served.version()
								+ "'s schema has no such feature, so every one of its requests would lack it"));
			}
		}
		List<String> candidateFeatures = manifest.inputSchema().names();
		Expected expected = new Expected(rows.size(), counted.features(), counted.output(),
				layout.features()
					.stream()
					.map(TrainingProfile.FeatureProfile::name)
					.filter((name) -> !candidateFeatures.contains(name))
					.toList());
		return compare(candidate, null, versus, from, to, layout, expected, "training-split-in-live-bins",
				liveCounts(served, layout, from, to), extra);
	}

	private VersionRef servedBy(String model, String against) {
		if (against.startsWith("alias:")) {
			String alias = against.substring("alias:".length());
			InvalidNameException.checkAlias(alias);
			return this.aliases.aliasRef(model, alias);
		}
		if (against.startsWith("version:")) {
			try {
				return this.registry.versionRef(model, Integer.parseInt(against.substring("version:".length())));
			}
			catch (NumberFormatException ex) {
				// refused below
			}
		}
		throw InvalidParameterException.of("against", "Query parameter 'against' must be alias:<name> (the"
				+ " live traffic of the version an alias serves, e.g. alias:production) or version:<number>.");
	}

	/** The training side of a comparison: counts in the live version's bins. */
	private record Expected(long rows, Map<String, BinCounts> features, BinCounts output, List<String> notInCandidate) {

		static Expected of(TrainingProfile profile) {
			Map<String, BinCounts> features = new LinkedHashMap<>();
			profile.features().forEach((feature) -> features.put(feature.name(), feature.counts()));
			return new Expected(profile.rows(), features, profile.output().counts(), List.of());
		}

	}

	/** Live counts summed over a period, and where they came from. */
	private record Summed(LiveCounts counts, int windows, List<String> replicas, boolean current) {
	}

	private Summed liveCounts(VersionRef ref, TrainingProfile profile, Instant from, Instant to) {
		return withCurrent(ref, WindowSum.of(profile, this.store.windows(ref.versionId(), from, to)), to);
	}

	/** The stored windows and this replica's window in progress. */
	private Summed withCurrent(VersionRef ref, WindowSum stored, Instant to) {
		LiveCounts sum = stored.counts();
		TreeSet<String> replicas = new TreeSet<>(stored.replicas());
		LiveTraffic.Current current = this.live.current(ref);
		boolean withCurrent = current != null && current.counts().instances() > 0 && to.isAfter(current.since());
		if (withCurrent) {
			sum = sum.plus(current.counts());
			replicas.add(dev.reproserve.registry.Replica.name());
		}
		return new Summed(sum, stored.windows(), List.copyOf(replicas), withCurrent);
	}

	private DriftReport compare(VersionRef ref, @Nullable String alias, DriftReport.@Nullable Against against,
			Instant from, Instant to, TrainingProfile layout, Expected expected, String source, Summed live,
			List<FeatureDrift> extra) {
		LiveCounts counts = live.counts();
		List<FeatureDrift> features = new ArrayList<>();
		for (TrainingProfile.FeatureProfile feature : layout.features()) {
			if (expected.notInCandidate().contains(feature.name())) {
				features.add(DriftMeasures.notCompared(feature.name(), feature.type().json(),
						DriftVerdict.NOT_AVAILABLE, "not a feature of the candidate: it does not read it"));
				continue;
			}
			features.add(this.measures.feature(feature, expected.features().get(feature.name()), expected.rows(),
					counts.features().get(feature.name()), counts.instances()));
		}
		features.addAll(extra);
		FeatureDrift output = this.measures.output(layout.output().target(), layout.output(), expected.output(),
				counts.output());
		return new DriftReport(ref.model(), ref.version(), ref.bundleSha256(), alias, against, from, to,
				this.measures.overall(features, counts.instances()), null,
				new DriftReport.Profile(source, expected.rows()), new DriftReport.Live(counts.requests(),
						counts.instances(), live.windows(), live.replicas(), live.current()),
				DriftReport.Thresholds.of(this.properties), features, output);
	}

	private DriftReport notAvailable(VersionRef ref, @Nullable String alias, DriftReport.@Nullable Against against,
			Instant from, Instant to, @Nullable String reason) {
		return new DriftReport(ref.model(), ref.version(), ref.bundleSha256(), alias, against, from, to,
				DriftVerdict.NOT_AVAILABLE, reason, null, new DriftReport.Live(0, 0, 0, List.of(), false),
				DriftReport.Thresholds.of(this.properties), List.of(), null);
	}

	private static DriftReport withAgainst(DriftReport report, DriftReport.Against against) {
		return new DriftReport(report.model(), report.version(), report.bundleSha256(), report.alias(), against,
				report.from(), report.to(), report.verdict(), report.reason(), report.profile(), report.live(),
				report.thresholds(), report.features(), report.output());
	}

	private static void checkPeriod(Instant from, Instant to) {
		if (!from.isBefore(to)) {
			throw InvalidParameterException.of("from",
					"Query parameter 'from' (" + from + ") must be before 'to' (" + to + ").");
		}
	}

}
