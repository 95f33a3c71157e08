package dev.reproserve.drift.web;

import dev.reproserve.drift.DriftReport;
import dev.reproserve.drift.DriftReports;
import dev.reproserve.web.BadRequestException;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Drift reports: per feature and for the output, a version's training profile against the
 * live traffic it answered on every replica between {@code from} and {@code to} (default
 * the last {@code reproserve.drift.period}); with {@code against=alias:production}, a
 * candidate's training split against the traffic of the version {@code production} serves
 * (docs/drift.md).
 */
@RestController
@RequestMapping("/api/v1/models/{name}")
class DriftController {

	private final DriftReports reports;

	DriftController(DriftReports reports) {
		this.reports = reports;
	}

	@GetMapping("/versions/{version}/drift")
	DriftReport version(@PathVariable String name, @PathVariable int version,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String against) {
		return this.reports.forVersion(name, version, BadRequestException.instantParameter("from", from),
				BadRequestException.instantParameter("to", to), against);
	}

	@GetMapping("/aliases/{alias}/drift")
	DriftReport alias(@PathVariable String name, @PathVariable String alias,
			@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to) {
		return this.reports.forAlias(name, alias, BadRequestException.instantParameter("from", from),
				BadRequestException.instantParameter("to", to));
	}

}
