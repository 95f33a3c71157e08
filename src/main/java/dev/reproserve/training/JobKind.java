package dev.reproserve.training;

import dev.reproserve.bundle.JsonEnum;

/**
 * What a job of the queue does: train a new version, or rebuild a registered one to
 * reproduce it. Both take a worker, so both wait in the one queue.
 */
public enum JobKind implements JsonEnum {

	TRAINING, REPRODUCTION;

	public static JobKind of(String json) {
		return JsonEnum.of(JobKind.class, json);
	}

	@Override
	public String toString() {
		return json();
	}

}
