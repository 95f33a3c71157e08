package dev.reproserve.registry.web;

import java.util.List;

import dev.reproserve.registry.AliasEvent;
import dev.reproserve.registry.AliasTarget;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.shared.ResultPage;
import dev.reproserve.web.BadRequestException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models/{name}")
class AliasQueryController {

	private final ModelRegistry registry;

	AliasQueryController(ModelRegistry registry) {
		this.registry = registry;
	}

	@GetMapping("/aliases")
	AliasesResponse aliases(@PathVariable String name) {
		return new AliasesResponse(name, this.registry.aliases(name));
	}

	@GetMapping("/history")
	ResultPage<AliasEvent> history(@PathVariable String name, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		BadRequestException.checkPage(page, size);
		return this.registry.history(name, page, size);
	}

	record AliasesResponse(String model, List<AliasTarget> aliases) {
	}

}
