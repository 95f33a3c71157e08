/**
 * Dataset snapshots: immutable, content-addressed (SHA-256 of the canonical CSV) tables
 * that training and reproduction start from. {@link dev.reproserve.datasets.CsvTable} is
 * the project's one CSV reader; {@link dev.reproserve.datasets.DatasetSnapshots} takes,
 * lists and reads snapshots.
 */
@ApplicationModule(allowedDependencies = { "bundle", "shared", "web" })
@NullMarked
package dev.reproserve.datasets;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
