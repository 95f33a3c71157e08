/**
 * Live population drift: each version's training profile (in its bundle, or computed once
 * from its stored snapshot and recorded split), the live counts every replica appends per
 * window, and the drift report that compares the two per feature and for the output (PSI,
 * Jensen-Shannon, L-infinity, missing-live), with gauges and a WARN when a feature turns
 * major.
 */
@ApplicationModule(allowedDependencies = { "bundle", "datasets", "registry", "serving", "shared", "training", "web" })
@NullMarked
package dev.reproserve.drift;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
