package dev.reproserve.reproduce.web;

import dev.reproserve.reproduce.VersionComparisons;
import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The differences between two versions of a model. */
@RestController
class CompareController {

	private final VersionComparisons comparisons;

	CompareController(VersionComparisons comparisons) {
		this.comparisons = comparisons;
	}

	/**
	 * Input schema (as an alias move from {@code from} to {@code to} would see it),
	 * fitted pipeline, trainer, hyperparameters, seeds, split, data snapshot,
	 * dependencies, metrics, training profile, and each model's outputs on the other's
	 * golden inputs.
	 */
	@GetMapping("/api/v1/models/{name}/versions/compare")
	JsonNode compare(@PathVariable String name, @RequestParam int from, @RequestParam int to) {
		return this.comparisons.compare(name, from, to);
	}

}
