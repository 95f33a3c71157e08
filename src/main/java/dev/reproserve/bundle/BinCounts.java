package dev.reproserve.bundle;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts of one feature (or of the output) over the bins of a training profile: one count
 * per bin, and the values that fall in none of them. The same shape for the training
 * profile and for live traffic, so the two compare bin by bin.
 *
 * @param bins one count per bin: per decile range of a numeric feature, per category of a
 * categorical one, per label of a classifier's output
 * @param below numeric values under the training minimum
 * @param above numeric values over the training maximum
 * @param unseen categories (or labels) the training split did not have
 * @param missing instances without the feature (absent or null, and so imputed)
 */
public record BinCounts(List<Long> bins, long below, long above, long unseen, long missing) {

	public BinCounts {
		bins = List.copyOf(bins);
	}

	/** No counts over {@code size} bins. */
	public static BinCounts empty(int size) {
		return new BinCounts(java.util.Collections.nCopies(size, 0L), 0, 0, 0, 0);
	}

	/** The values present: in a bin, out of range or unseen; not the missing ones. */
	public long present() {
		long sum = this.below + this.above + this.unseen;
		for (long count : this.bins) {
			sum += count;
		}
		return sum;
	}

	/**
	 * The counts that drift distances are taken over: every bin, then below, above and
	 * unseen, the ways a present value can leave the training range (missing values are
	 * compared as a rate of their own).
	 */
	public long[] distribution() {
		long[] all = new long[this.bins.size() + 3];
		for (int i = 0; i < this.bins.size(); i++) {
			all[i] = this.bins.get(i);
		}
		all[all.length - 3] = this.below;
		all[all.length - 2] = this.above;
		all[all.length - 1] = this.unseen;
		return all;
	}

	/** These counts and those, bin by bin. */
	public BinCounts plus(BinCounts other) {
		return combined(other, 1);
	}

	/** These counts less those (counts they were summed from), bin by bin. */
	public BinCounts minus(BinCounts other) {
		return combined(other, -1);
	}

	private BinCounts combined(BinCounts other, long sign) {
		if (other.bins.size() != this.bins.size()) {
			throw new IllegalArgumentException(
					"counts over " + this.bins.size() + " and " + other.bins.size() + " bins do not add up");
		}
		List<Long> sum = new ArrayList<>(this.bins.size());
		for (int i = 0; i < this.bins.size(); i++) {
			sum.add(this.bins.get(i) + sign * other.bins.get(i));
		}
		return new BinCounts(sum, this.below + sign * other.below, this.above + sign * other.above,
				this.unseen + sign * other.unseen, this.missing + sign * other.missing);
	}

}
