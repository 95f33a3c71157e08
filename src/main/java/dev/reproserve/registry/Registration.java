package dev.reproserve.registry;

/**
 * The result of registering a bundle.
 *
 * @param version the version that holds the bundle
 * @param created false when the same bundle (same SHA-256) was already registered under
 * this model and its existing version is returned
 * @param warnings deployment differences noticed while verifying the bundle
 */
public record Registration(VersionSummary version, boolean created, java.util.List<String> warnings) {
}
