package dev.reproserve.registry;

import java.time.Instant;

import dev.reproserve.bundle.JsonEnum;
import dev.reproserve.shared.InvalidParameterException;
import org.jspecify.annotations.Nullable;

/**
 * What a version list is narrowed to; every member null means every version.
 *
 * @param status the latest status: {@code verified} or {@code failed}
 * @param reproduction the latest reproduction's verdict, or {@code none} for versions
 * never reproduced
 * @param trainer the trainer name from the pipeline spec ({@code cart}, ...)
 * @param dataset the id of the snapshot it was trained on
 * @param createdFrom registered at or after
 * @param createdTo registered before
 */
public record VersionFilter(VersionStatus.@Nullable State status, @Nullable String reproduction,
		@Nullable String trainer, @Nullable String dataset, @Nullable Instant createdFrom,
		@Nullable Instant createdTo) {

	/** No filter. */
	public static final VersionFilter NONE = new VersionFilter(null, null, null, null, null, null);

	/**
	 * A filter from query parameters, each checked.
	 * @throws InvalidParameterException naming the parameter and what it may be
	 */
	public static VersionFilter of(@Nullable String status, @Nullable String reproduction, @Nullable String trainer,
			@Nullable String dataset, @Nullable Instant createdFrom, @Nullable Instant createdTo) {
		VersionStatus.State state = null;
		if (status != null) {
			state = JsonEnum.find(VersionStatus.State.class, status)
				.orElseThrow(() -> refused("status", "verified or failed", status));
		}
		if (reproduction != null && !reproduction.equals("none")
				&& JsonEnum.find(ReproductionVerdict.class, reproduction).isEmpty()) {
			throw refused("reproduction", "identical, equivalent-outputs, different, not-reproducible-here or none",
					reproduction);
		}
		if (dataset != null && !dataset.matches("[0-9a-f]{64}")) {
			throw refused("dataset", "a snapshot id (64 lower-case hexadecimal digits)", dataset);
		}
		if (trainer != null && !trainer.matches("[a-z][a-z0-9-]{0,63}")) {
			throw refused("trainer", "a trainer name such as cart (GET /api/v1/trainers lists them)", trainer);
		}
		return new VersionFilter(state, reproduction, trainer, dataset, createdFrom, createdTo);
	}

	private static InvalidParameterException refused(String parameter, String allowed, String value) {
		return InvalidParameterException.of(parameter,
				"Query parameter '" + parameter + "' must be " + allowed + ", not '" + value + "'.");
	}

}
