package dev.reproserve.security.web;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.reproserve.security.ApiKey;
import dev.reproserve.security.ApiKeys;
import dev.reproserve.security.CreatedKey;
import dev.reproserve.security.Role;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Key management, for admin keys only: create (the secret shown once), list, revoke. */
@RestController
@RequestMapping("/api/v1/keys")
class KeyController {

	private final ApiKeys keys;

	KeyController(ApiKeys keys) {
		this.keys = keys;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<NewKeyResponse> create(@RequestBody CreateKeyRequest request, Principal caller) {
		CreatedKey created = this.keys.create(request.name(), request.role(), caller.getName());
		return ResponseEntity.created(URI.create("/api/v1/keys/" + created.key().name()))
			.body(NewKeyResponse.from(created));
	}

	@GetMapping
	KeysResponse list() {
		return new KeysResponse(this.keys.list());
	}

	@GetMapping("/{name}")
	ApiKey key(@PathVariable String name) {
		return this.keys.key(name);
	}

	/** Revokes the key; it and its history stay, and its name is never given again. */
	@DeleteMapping("/{name}")
	ApiKey revoke(@PathVariable String name, @RequestParam(required = false) @Nullable String reason,
			Principal caller) {
		return this.keys.revoke(name, caller.getName(), reason);
	}

	/**
	 * @param name the key's name: lower-case letters, digits, {@code . _ -}, starting
	 * with a letter; recorded as the actor of every write made with the key
	 * @param role {@code predict}, {@code read} or {@code admin}
	 */
	record CreateKeyRequest(@Nullable String name, @Nullable String role) {
	}

	/**
	 * A created key: {@code key} is the secret, shown only in this response.
	 */
	record NewKeyResponse(String name, Role role, String prefix, Instant createdAt, String createdBy, String key) {

		static NewKeyResponse from(CreatedKey created) {
			ApiKey key = created.key();
			return new NewKeyResponse(key.name(), key.role(), key.prefix(), key.createdAt(), key.createdBy(),
					created.secret());
		}

	}

	record KeysResponse(List<ApiKey> items) {
	}

}
