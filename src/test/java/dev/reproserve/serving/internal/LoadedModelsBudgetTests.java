package dev.reproserve.serving.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.VersionRef;
import dev.reproserve.serving.ServingProperties;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.TestModels;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loaded-model cache under a budget that holds only a few models: every version still
 * answers, the estimate never exceeds the budget, and what an alias points at is never
 * evicted.
 */
@ReproserveTest
class LoadedModelsBudgetTests {

	private static final int VERSIONS = 50;

	private static LoadedBundle iris;

	@Autowired
	ModelRegistry registry;

	@BeforeAll
	static void train() {
		iris = BundleCodec.open(TestModels.trainIris(42).bundle(), null);
	}

	private List<VersionRef> versions() {
		String model = "budget-" + UUID.randomUUID().toString().substring(0, 8);
		List<VersionRef> refs = new ArrayList<>();
		for (int i = 1; i <= VERSIONS; i++) {
			this.registry.register(model, TestModels.rewrittenAt(iris, 1_700_000_000L + i), "alice");
			refs.add(this.registry.versionRef(model, i));
		}
		return refs;
	}

	private static long weight(VersionRef ref, ModelRegistry registry) {
		return (long) registry.bundle(ref).length * LoadedModels.HEAP_PER_BUNDLE_BYTE;
	}

	private static double loads(MeterRegistry meters, VersionRef ref) {
		return meters.find("reproserve.model.loads")
			.tag("model", ref.model())
			.tag("version", String.valueOf(ref.version()))
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	@Test
	void fiftyVersionsPredictedInTurnStayWithinASmallBudgetAndAllAnswer() {
		List<VersionRef> refs = versions();
		long budget = 5 * weight(refs.get(0), this.registry) + 100;
		MeterRegistry meters = new SimpleMeterRegistry();
		LoadedModels models = new LoadedModels(this.registry, meters,
				new ServingProperties(1000, java.time.Duration.ofHours(1), false, DataSize.ofBytes(budget), true));
		VersionRef aliased = refs.get(0);
		models.pin(Set.of(aliased.bundleSha256()));

		long most = 0;
		for (int round = 0; round < 2; round++) {
			for (VersionRef ref : refs) {
				assertThat(models.get(ref).predict(List.of(TestModels.setosa()))).singleElement()
					.satisfies((output) -> assertThat(output.label()).isEqualTo("setosa"));
				most = Math.max(most, models.estimatedBytes());
			}
		}

		assertThat(most).isLessThanOrEqualTo(budget);
		assertThat(models.size()).isLessThanOrEqualTo(5);
		assertThat(loads(meters, aliased)).as("the aliased version is loaded once and never evicted").isEqualTo(1);
		assertThat(loads(meters, refs.get(1))).as("an evicted version is loaded again, verified").isEqualTo(2);
		assertThat(meters.find("reproserve.model.evictions").counter().count())
			.isGreaterThanOrEqualTo(2 * VERSIONS - 10);
	}

	@Test
	void aVersionNoLongerAliasedBecomesEvictable() {
		List<VersionRef> refs = versions().subList(0, 8);
		long budget = 3 * weight(refs.get(0), this.registry) + 100;
		MeterRegistry meters = new SimpleMeterRegistry();
		LoadedModels models = new LoadedModels(this.registry, meters,
				new ServingProperties(1000, java.time.Duration.ofHours(1), false, DataSize.ofBytes(budget), true));
		models.pin(Set.of(refs.get(0).bundleSha256()));
		models.get(refs.get(0));

		models.pin(Set.of(refs.get(1).bundleSha256()));
		refs.forEach(models::get);
		models.get(refs.get(0));

		assertThat(loads(meters, refs.get(0))).isEqualTo(2);
		assertThat(loads(meters, refs.get(1))).isEqualTo(1);
		assertThat(models.estimatedBytes()).isLessThanOrEqualTo(budget);
	}

}
