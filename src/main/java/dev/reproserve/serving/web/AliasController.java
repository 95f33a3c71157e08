package dev.reproserve.serving.web;

import java.security.Principal;
import java.time.Instant;

import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.reproserve.registry.AliasMove;
import dev.reproserve.serving.ModelServing;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AliasController {

	private final ModelServing serving;

	AliasController(ModelServing serving) {
		this.serving = serving;
	}

	@PutMapping(path = "/api/v1/models/{name}/aliases/{alias}", consumes = MediaType.APPLICATION_JSON_VALUE)
	AliasMoveResponse move(@PathVariable String name, @PathVariable String alias,
			@Valid @RequestBody MoveAliasRequest request, Principal caller) {
		return AliasMoveResponse.from(this.serving.moveAlias(name, alias, request.version(), caller.getName(),
				request.reason(), Boolean.TRUE.equals(request.allowIncompatible())));
	}

	/**
	 * @param version the version the alias should name
	 * @param actor ignored, accepted so that older clients keep working: the history
	 * records the name of the key that moved the alias
	 * @param reason why, recorded in the history
	 * @param allowIncompatible move even to a version whose input schema refuses requests
	 * the current one accepts (recorded in the history with the differences)
	 */
	record MoveAliasRequest(@NotNull @Positive Integer version, @Nullable String actor,
			@NotBlank @Size(max = 2000) @Pattern(regexp = "[^\\x00]*",
					message = "must not hold a NUL character (U+0000), which is never stored") String reason,
			@Nullable Boolean allowIncompatible) {
	}

	record AliasMoveResponse(String model, String alias, int version, Integer previousVersion, String bundleSha256,
			boolean changed, Instant updatedAt, String updatedBy) {

		static AliasMoveResponse from(AliasMove move) {
			return new AliasMoveResponse(move.target().model(), move.target().alias(), move.target().version(),
					move.fromVersion(), move.target().bundleSha256(), move.changed(), move.target().updatedAt(),
					move.target().updatedBy());
		}

	}

}
