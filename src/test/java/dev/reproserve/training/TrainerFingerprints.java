package dev.reproserve.training;

/**
 * Trains every {@link TrainerCases} case once and prints one {@code case fingerprint}
 * line per case on standard output. {@code TrainerDeterminismTests} runs it in fresh JVMs
 * (the same Java, and Java 25 where installed) and compares the lines with fingerprints
 * computed in its own JVM.
 */
public final class TrainerFingerprints {

	private TrainerFingerprints() {
	}

	public static void main(String[] args) {
		long seed = (args.length > 0) ? Long.parseLong(args[0]) : TrainerCases.SEED;
		for (TrainerCases.Case trainerCase : TrainerCases.all()) {
			System.out.println(trainerCase.name() + " " + trainerCase.train(seed).manifest().modelFingerprint());
		}
	}

}
