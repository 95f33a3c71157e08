package dev.reproserve.training;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.baseline.DummyClassifierTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import tools.jackson.databind.JsonNode;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.BundleManifest;
import dev.reproserve.bundle.EnsembleStructure;
import dev.reproserve.bundle.InvalidBundleException;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.ManifestJson;
import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.bundle.OutputSpec.Kind;
import dev.reproserve.training.internal.ModelTrainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The random forest and XGBoost trainers: bundles, manifests, hyperparameter checks. */
class EnsembleTrainersTests {

	static Stream<TrainerCases.Case> ensembleCases() {
		return TrainerCases.all()
			.stream()
			.filter((c) -> c.trainer().equals("random-forest") || c.trainer().equals("xgboost"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("ensembleCases")
	void bundleOpensThroughTheCodecAndPredicts(TrainerCases.Case trainerCase) {
		TrainedModel trained = trainerCase.train(TrainerCases.SEED);

		LoadedBundle loaded = BundleCodec.open(trained.bundle(), dev.reproserve.bundle.Sha256.hex(trained.bundle()));

		assertThat(loaded.manifest()).isEqualTo(trained.manifest());
		assertThat(loaded.goldenDifferences()).isEmpty();
		// A model read back from its bundle has the fingerprint it was trained with.
		assertThat(BundleCodec.fingerprint(loaded.model())).isEqualTo(trained.manifest().modelFingerprint());
		assertThat(loaded.manifest().modelClass()).isEqualTo(trainerCase.trainer().equals("xgboost")
				? "org.tribuo.common.xgboost.XGBoostModel" : "org.tribuo.ensemble.WeightedEnsembleModel");
		if (trainerCase.name().endsWith("classification/iris")) {
			assertThat(loaded.predict(
					List.of(Map.of("sepal_length", 5.1, "sepal_width", 3.5, "petal_length", 1.4, "petal_width", 0.2),
							Map.of("sepal_length", 6.7, "sepal_width", 3.0, "petal_length", 5.8, "petal_width", 2.2))))
				.extracting(ModelOutput::label)
				.containsExactly("setosa", "virginica");
		}
		else if (trainerCase.task() == Kind.CLASSIFICATION) {
			assertThat(loaded.predict(List.of(gentoo()))).singleElement()
				.satisfies((output) -> assertThat(output.label()).isEqualTo("Gentoo"));
		}
		else {
			Map<String, Object> smallAdelie = Map.of("species", "Adelie", "island", "Dream", "sex", "FEMALE",
					"bill_length_mm", 36.0, "bill_depth_mm", 17.0, "flipper_length_mm", 185.0);
			List<ModelOutput> masses = loaded.predict(List.of(gentoo(), smallAdelie));
			assertThat(masses.get(0).value()).isBetween(4800.0, 6300.0);
			assertThat(masses.get(1).value()).isBetween(2700.0, 3800.0);
		}
	}

	@Test
	void randomForestRecordsItsMembersAndTheirSeeds() {
		for (TrainerCases.Case trainerCase : TrainerCases.all()) {
			if (!trainerCase.trainer().equals("random-forest")) {
				continue;
			}
			TrainedModel trained = trainerCase.train(TrainerCases.SEED);

			EnsembleStructure ensemble = trained.manifest().training().ensemble();
			assertThat(ensemble.kind()).isEqualTo("bagging");
			assertThat(ensemble.combiner()).isEqualTo(
					(trainerCase.task() == Kind.CLASSIFICATION) ? "org.tribuo.classification.ensemble.VotingCombiner"
							: "org.tribuo.regression.ensemble.AveragingCombiner");
			assertThat(ensemble.memberCount()).isEqualTo(10);
			assertThat(ensemble.seed()).isEqualTo(TrainerCases.SEED);
			assertThat(ensemble.invocationCount()).isZero();
			assertThat(ensemble.rounds()).isNull();
			assertThat(ensemble.members()).hasSize(10);
			for (int i = 0; i < 10; i++) {
				EnsembleStructure.Member member = ensemble.members().get(i);
				assertThat(member.index()).isEqualTo(i);
				// Each tree's trainer replays its RNG to the member's position, so every
				// tree samples features differently although they share one seed.
				assertThat(member.invocationCount()).isEqualTo(i);
				assertThat(member.seed()).isEqualTo(TrainerCases.SEED ^ 0x5EEDF0E57C0FFEE5L);
				assertThat(member.modelClass()).isIn("org.tribuo.common.tree.TreeModel",
						"org.tribuo.regression.rtree.IndependentRegressionTreeModel");
				assertThat(member.trainerClass()).startsWith("org.tribuo.")
					.endsWith("CART" + ((trainerCase.task() == Kind.CLASSIFICATION) ? "ClassificationTrainer"
							: "RegressionTrainer"));
			}
		}
	}

	@Test
	void xgboostRecordsItsRoundsSeedAndTrees() {
		for (TrainerCases.Case trainerCase : TrainerCases.all()) {
			if (!trainerCase.trainer().equals("xgboost")) {
				continue;
			}
			TrainedModel trained = trainerCase.train(TrainerCases.SEED);

			EnsembleStructure ensemble = trained.manifest().training().ensemble();
			assertThat(ensemble.kind()).isEqualTo("gradient-boosting");
			assertThat(ensemble.rounds()).isEqualTo(10);
			assertThat(ensemble.seed()).isEqualTo(TrainerCases.SEED);
			assertThat(ensemble.memberCount()).isEqualTo(1);
			// multi:softprob grows one tree per class in every round.
			int trees = (trainerCase.task() == Kind.CLASSIFICATION) ? 10 * 3 : 10;
			assertThat(ensemble.members()).singleElement()
				.isEqualTo(new EnsembleStructure.Member(0, "ml.dmlc.xgboost4j.java.Booster", null, TrainerCases.SEED, 0,
						trees));
			assertThat(ensemble.combiner()).isEqualTo(
					(trainerCase.task() == Kind.CLASSIFICATION) ? "XGBoost: per-class sum of tree outputs, softmax"
							: "XGBoost: sum of tree outputs, objective reg:squarederror");
		}
	}

	@Test
	void manifestJsonHasTheEnsembleOnlyForEnsembles() {
		TrainerCases.Case forest = TrainerCases.all()
			.stream()
			.filter((c) -> c.name().equals("random-forest/classification/penguins"))
			.findFirst()
			.orElseThrow();
		TrainerCases.Case tree = TrainerCases.all()
			.stream()
			.filter((c) -> c.name().equals("cart/classification/penguins"))
			.findFirst()
			.orElseThrow();
		BundleManifest forestManifest = forest.train(TrainerCases.SEED).manifest();

		JsonNode forestJson = ManifestJson.toTree(forestManifest).get("training").get("ensemble");
		assertThat(forestJson.get("kind").asString()).isEqualTo("bagging");
		assertThat(forestJson.get("memberCount").asInt()).isEqualTo(10);
		assertThat(forestJson.get("members").get(3).get("invocationCount").asInt()).isEqualTo(3);
		assertThat(forestJson.has("rounds")).isFalse();
		assertThat(ManifestJson.read(ManifestJson.write(forestManifest))).isEqualTo(forestManifest);
		BundleManifest treeManifest = tree.train(TrainerCases.SEED).manifest();
		assertThat(treeManifest.training().ensemble()).isNull();
		assertThat(ManifestJson.toTree(treeManifest).get("training").has("ensemble")).isFalse();
	}

	@Test
	void refusesAnEnsembleWithAMemberOffTheAllowList() {
		TrainerCases.Case forest = TrainerCases.all()
			.stream()
			.filter((c) -> c.name().equals("random-forest/classification/iris"))
			.findFirst()
			.orElseThrow();
		BundleManifest manifest = forest.train(TrainerCases.SEED).manifest();
		MutableDataset<Label> data = new MutableDataset<>(
				new SimpleDataSourceProvenance("two rows", new LabelFactory()), new LabelFactory());
		String[] names = { "petal_length", "petal_width", "sepal_length", "sepal_width" };
		data.add(new ArrayExample<>(new Label("setosa"), names, new double[] { 1.4, 0.2, 5.1, 3.5 }));
		data.add(new ArrayExample<>(new Label("virginica"), names, new double[] { 5.8, 2.2, 6.7, 3.0 }));
		Model<Label> dummy = DummyClassifierTrainer.createMostFrequentTrainer().train(data);
		WeightedEnsembleModel<Label> ensemble = WeightedEnsembleModel.createEnsembleFromExistingModels("e",
				List.of(dummy, dummy), new VotingCombiner());

		assertThatThrownBy(() -> BundleCodec.open(BundleCodec.write(manifest, ensemble), null)).isInstanceOfSatisfying(
				InvalidBundleException.class,
				(ex) -> assertThat(ex.reason()).contains("DummyClassifierModel").contains("not on the allow-list"));
	}

	@Test
	void listsEveryOutOfRangeHyperparameter() {
		Map<String, Object> forest = new HashMap<>();
		forest.put("numTrees", 0);
		forest.put("fractionFeaturesInSplit", 1.0);
		forest.put("minChildWeight", -1.0);
		Map<String, Object> xgboost = new HashMap<>();
		xgboost.put("numTrees", 0);
		xgboost.put("eta", 0.0);
		xgboost.put("subsample", 1.5);
		xgboost.put("featureSubsample", 0.0);
		xgboost.put("gamma", -0.1);
		xgboost.put("nthread", 0);
		xgboost.put("maxDepth", 0);

		assertThat(problems("random-forest", forest)).containsExactlyInAnyOrder(
				"hyperparameter 'numTrees' must be at least 1",
				"hyperparameter 'fractionFeaturesInSplit' must be in (0, 1) for a random forest",
				"hyperparameter 'minChildWeight' must be at least 0");
		assertThat(problems("xgboost", xgboost)).containsExactlyInAnyOrder(
				"hyperparameter 'numTrees' must be at least 1", "hyperparameter 'maxDepth' must be at least 1",
				"hyperparameter 'eta' must be in (0, 1]", "hyperparameter 'subsample' must be in (0, 1]",
				"hyperparameter 'featureSubsample' must be in (0, 1]", "hyperparameter 'gamma' must be at least 0",
				"hyperparameter 'nthread' must be from 1 to 64");
	}

	@SuppressWarnings("unchecked")
	private static List<String> problems(String trainer, Map<String, Object> hyperparameters) {
		PipelineSpec spec = new PipelineSpec(1, Kind.CLASSIFICATION, "species",
				dev.reproserve.support.TestModels.irisSpec().features(),
				new PipelineSpec.Trainer(trainer, hyperparameters), 1L, null);
		try {
			ModelTrainer.train("m", spec, dev.reproserve.support.TestModels.irisData());
		}
		catch (InvalidTrainingRequestException ex) {
			return ex.problems();
		}
		throw new AssertionError("training was not refused");
	}

	private static Map<String, Object> gentoo() {
		return Map.of("species", "Gentoo", "island", "Biscoe", "sex", "MALE", "bill_length_mm", 50.0, "bill_depth_mm",
				15.5, "flipper_length_mm", 225.0);
	}

}
