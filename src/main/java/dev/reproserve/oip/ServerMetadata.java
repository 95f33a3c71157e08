package dev.reproserve.oip;

import java.util.List;

/**
 * The server's metadata in the Open Inference Protocol
 * ({@code $metadata_server_response}).
 *
 * @param name {@code reproserve}
 * @param version the running build's version
 * @param extensions the protocol extensions served: none
 */
public record ServerMetadata(String name, String version, List<String> extensions) {
}
