package dev.reproserve.drift.internal;

import java.util.List;
import java.util.Map;

import dev.reproserve.bundle.BundleManifest;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.TrainingProfile;
import dev.reproserve.datasets.DatasetNotFoundException;
import dev.reproserve.datasets.DatasetSnapshot;
import dev.reproserve.datasets.DatasetSnapshots;
import dev.reproserve.datasets.SnapshotData;
import dev.reproserve.registry.VersionRef;
import dev.reproserve.serving.LiveTraffic;
import dev.reproserve.serving.ModelServing;
import dev.reproserve.shared.DomainException;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainingData;
import dev.reproserve.training.TrainingService;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The training profile of a version: the one its bundle records; else the one computed
 * for it before; else computed now, once, from its stored snapshot and recorded split
 * (stored append-only, and counted from then on); else none, with the reason.
 */
@Component
public class Profiles {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DriftStore store;

	private final DatasetSnapshots datasets;

	private final TrainingService training;

	private final ModelServing serving;

	private final LiveTraffic live;

	Profiles(DriftStore store, DatasetSnapshots datasets, TrainingService training, ModelServing serving,
			LiveTraffic live) {
		this.store = store;
		this.datasets = datasets;
		this.training = training;
		this.serving = serving;
		this.live = live;
	}

	/**
	 * A version's profile, or why it has none.
	 *
	 * @param source {@code bundle} or {@code computed}
	 */
	public record Resolved(@Nullable TrainingProfile profile, @Nullable String source, @Nullable String reason) {
	}

	public Resolved of(VersionRef ref, BundleManifest manifest) {
		if (manifest.profile() != null) {
			return new Resolved(manifest.profile(), "bundle", null);
		}
		TrainingProfile stored = this.store.profile(ref.versionId()).orElse(null);
		if (stored == null) {
			Split split = trainingSplit(manifest);
			if (split.rows() == null) {
				return new Resolved(null, null,
						"the bundle records no training profile, and none can be computed: " + split.reason());
			}
			LoadedBundle bundle;
			try {
				bundle = this.serving.loaded(ref.model(), ref.version());
			}
			catch (DomainException ex) {
				return new Resolved(null, null,
						"the bundle records no training profile, and its model does not serve here to compute one: "
								+ ex.detail());
			}
			stored = this.store.saveProfile(ref.versionId(),
					TrainingProfile.ofModel(bundle.model(), bundle.manifest(), split.rows()));
		}
		this.live.useProfile(ref, stored);
		return new Resolved(stored, "computed", null);
	}

	/** The stored profile of a version whose bundle has none, if one was computed. */
	public @Nullable TrainingProfile stored(VersionRef ref) {
		return this.store.profile(ref.versionId()).orElse(null);
	}

	/** A version's training split, or why it cannot be had here. */
	public record Split(@Nullable List<Map<String, Object>> rows, @Nullable String reason) {

		static Split unavailable(String reason) {
			return new Split(null, reason);
		}

	}

	/**
	 * The training split a version was fitted on, taken again from its stored snapshot
	 * with its recorded spec and split, in file order.
	 */
	public Split trainingSplit(BundleManifest manifest) {
		if (manifest.pipelineSpec() == null) {
			return Split.unavailable("the version was registered as a bundle without a pipeline spec, so its"
					+ " training split is not known");
		}
		PipelineSpec spec;
		try {
			spec = JSON.treeToValue(manifest.pipelineSpec(), PipelineSpec.class);
		}
		catch (JacksonException ex) {
			return Split.unavailable("its recorded pipeline spec cannot be read by this service version");
		}
		String datasetId = manifest.trainingData().sha256();
		DatasetSnapshot snapshot;
		try {
			snapshot = this.datasets.snapshot(datasetId);
		}
		catch (DatasetNotFoundException ex) {
			return Split.unavailable("its training snapshot " + datasetId + " is not registered here");
		}
		if (snapshot.kind() == DatasetSnapshot.Kind.REFERENCE) {
			return Split.unavailable(
					"it was trained from reference snapshot " + datasetId + ", whose data Reproserve does not hold");
		}
		SnapshotData data = this.datasets.data(datasetId);
		if (!data.intact() || data.table() == null) {
			return Split.unavailable("the stored data of snapshot " + datasetId + " no longer hashes to it");
		}
		List<Map<String, Object>> rows;
		try {
			rows = this.training.trainingSplit(spec, new TrainingData(data.table(), manifest.trainingData().source()));
		}
		catch (DomainException ex) {
			return Split.unavailable("its recorded spec no longer reads its snapshot: " + ex.detail());
		}
		if (rows.size() != manifest.training().split().trainRows()) {
			return Split.unavailable("its recorded split gives " + rows.size() + " training rows again, not the "
					+ manifest.training().split().trainRows() + " recorded");
		}
		return new Split(rows, null);
	}

}
