package dev.reproserve.reliability;

/**
 * One drill: the name the table shows (and {@code only=} matches), and what it does to
 * the fleet. It checks its outcome with {@link #check}, and answers one row of the table.
 */
abstract class Drill {

	record Row(String drill, String done, long requests, long failures, long lost, boolean pass, String figures) {
	}

	/** A drill's check that did not hold. */
	static final class DrillFailed extends RuntimeException {

		DrillFailed(String message) {
			super(message);
		}

	}

	private final String name;

	Drill(String name) {
		this.name = name;
	}

	final String name() {
		return this.name;
	}

	abstract Row run(Fleet fleet) throws Exception;

	static void check(boolean condition, String what) {
		if (!condition) {
			throw new DrillFailed(what);
		}
	}

}
