package dev.reproserve.bundle;

import java.util.Map;

/**
 * An input row and the exact output the model gave it when it was trained. Replayed at
 * every load; any difference refuses the version.
 */
public record GoldenExample(Map<String, Object> input, ModelOutput expected) {
}
