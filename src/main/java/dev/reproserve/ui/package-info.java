/**
 * The analysts' web page at {@code /ui/}: static files, part of the jar, that read the
 * JSON API with the key the user enters; no server-side rendering and nothing of our
 * other capabilities.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.reproserve.ui;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
