package dev.reproserve.datasets;

/**
 * The result of taking a snapshot.
 *
 * @param snapshot the snapshot with that id
 * @param created false when a snapshot with the same id existed already and is returned
 * as it was recorded (its name, creator and time)
 */
public record Upload(DatasetSnapshot snapshot, boolean created) {
}
