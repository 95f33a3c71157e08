package dev.reproserve.registry.web;

import java.util.List;

import dev.reproserve.registry.AliasAt;
import dev.reproserve.registry.AliasEvent;
import dev.reproserve.registry.AliasTarget;
import dev.reproserve.registry.ModelAliases;
import dev.reproserve.shared.ResultPage;
import dev.reproserve.web.BadRequestException;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models/{name}")
class AliasQueryController {

	private final ModelAliases aliases;

	AliasQueryController(ModelAliases aliases) {
		this.aliases = aliases;
	}

	@GetMapping("/aliases")
	AliasesResponse aliases(@PathVariable String name) {
		return new AliasesResponse(name, this.aliases.aliases(name));
	}

	/**
	 * The version an alias points at now, or pointed at at {@code at} (an ISO-8601
	 * instant), with the change that put it there.
	 */
	@GetMapping("/aliases/{alias}")
	AliasAt alias(@PathVariable String name, @PathVariable String alias,
			@RequestParam(required = false) @Nullable String at) {
		return this.aliases.aliasAt(name, alias, BadRequestException.instantParameter("at", at));
	}

	@GetMapping("/history")
	ResultPage<AliasEvent> history(@PathVariable String name, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		BadRequestException.checkPage(page, size);
		return this.aliases.history(name, page, size);
	}

	record AliasesResponse(String model, List<AliasTarget> aliases) {
	}

}
