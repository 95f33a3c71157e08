package dev.reproserve.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.tribuo.Model;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.ensemble.BaggingTrainer;
import org.tribuo.ensemble.EnsembleModel;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer.RegressionType;

/**
 * How an ensemble model is put together and which seed made each part, read from the
 * trained model and its Tribuo provenance (so it describes what was actually built, not
 * what was asked for).
 * <ul>
 * <li>{@code bagging} (Tribuo's bagging and random forests): the combiner class, the
 * bagging seed (it draws every member's bootstrap sample) and, per member, the seed and
 * {@code train-invocation-count} its own trainer ran with (a tree trainer replays its RNG
 * to that count, so member {@code i} samples features differently from member
 * {@code i - 1});</li>
 * <li>{@code gradient-boosting} (XGBoost): the boosting rounds and seed, and per booster
 * (one, or one per regression dimension) its tree count.</li>
 * </ul>
 *
 * @param kind {@code bagging}, {@code gradient-boosting} or, for an ensemble Tribuo built
 * some other way, {@code ensemble}
 * @param combiner how member outputs become one output: a Tribuo combiner class, or a
 * description for XGBoost
 * @param memberCount number of members (bagged models, or XGBoost boosters)
 * @param seed the ensemble trainer's seed
 * @param invocationCount the ensemble trainer's {@code train-invocation-count}
 * @param rounds boosting rounds, for gradient boosting only
 * @param members every member in order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnsembleStructure(String kind, String combiner, int memberCount, Long seed, Integer invocationCount,
		Integer rounds, List<Member> members) {

	public static final String BAGGING = "bagging";

	public static final String GRADIENT_BOOSTING = "gradient-boosting";

	public static final String OTHER = "ensemble";

	private static final String XGBOOST_BOOSTER = "ml.dmlc.xgboost4j.java.Booster";

	public EnsembleStructure {
		members = ListCopies.orEmpty(members);
	}

	/**
	 * One member of an ensemble.
	 *
	 * @param index position in the ensemble
	 * @param modelClass the member's class (a Tribuo model, or XGBoost's booster)
	 * @param trainerClass the Tribuo trainer that fitted it, where it has its own
	 * @param seed the seed its trainer ran with
	 * @param invocationCount its trainer's {@code train-invocation-count}
	 * @param trees trees in an XGBoost booster
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Member(int index, String modelClass, String trainerClass, Long seed, Integer invocationCount,
			Integer trees) {
	}

	/**
	 * The structure of a trained model, or {@code null} if it is not an ensemble.
	 */
	public static EnsembleStructure of(Model<?> model) {
		if (model instanceof EnsembleModel<?> ensemble) {
			return bagging(ensemble);
		}
		if (model instanceof XGBoostModel<?> xgboost) {
			return boosting(xgboost);
		}
		return null;
	}

	private static EnsembleStructure bagging(EnsembleModel<?> ensemble) {
		TrainerProvenance trainer = ensemble.getProvenance().getTrainerProvenance();
		List<Member> members = new ArrayList<>();
		List<? extends Model<?>> models = ensemble.getModels();
		for (int i = 0; i < models.size(); i++) {
			Model<?> member = models.get(i);
			TrainerProvenance memberTrainer = member.getProvenance().getTrainerProvenance();
			members.add(new Member(i, member.getClass().getName(), memberTrainer.getClassName(),
					longValue(memberTrainer, "seed"), invocationCount(memberTrainer), null));
		}
		return new EnsembleStructure(isBagging(trainer.getClassName()) ? BAGGING : OTHER,
				className(trainer.getConfiguredParameters().get("combiner")), members.size(),
				longValue(trainer, "seed"), invocationCount(trainer), null, members);
	}

	private static EnsembleStructure boosting(XGBoostModel<?> model) {
		TrainerProvenance trainer = model.getProvenance().getTrainerProvenance();
		Long seed = longValue(trainer, "seed");
		Integer invocations = invocationCount(trainer);
		List<Member> members = new ArrayList<>();
		List<String[]> dumps = model.getModelDump();
		for (int i = 0; i < dumps.size(); i++) {
			members.add(new Member(i, XGBOOST_BOOSTER, null, seed, invocations, dumps.get(i).length));
		}
		Object rounds = value(trainer.getConfiguredParameters().get("numTrees"));
		Object regression = value(trainer.getConfiguredParameters().get("rType"));
		String combiner = (regression instanceof RegressionType type)
				? "XGBoost: sum of tree outputs, objective " + type.paramName
				: "XGBoost: per-class sum of tree outputs, softmax";
		return new EnsembleStructure(GRADIENT_BOOSTING, combiner, members.size(), seed, invocations,
				(rounds instanceof Number n) ? n.intValue() : null, members);
	}

	private static boolean isBagging(String trainerClass) {
		return BaggingTrainer.class.getName().equals(trainerClass)
				|| RandomForestTrainer.class.getName().equals(trainerClass);
	}

	private static Long longValue(ConfiguredObjectProvenance provenance, String name) {
		return (value(provenance.getConfiguredParameters().get(name)) instanceof Number n) ? n.longValue() : null;
	}

	private static Integer invocationCount(TrainerProvenance provenance) {
		Map<String, PrimitiveProvenance<?>> values = provenance.getInstanceValues();
		return (value(values.get(TrainerProvenance.TRAIN_INVOCATION_COUNT)) instanceof Number n) ? n.intValue() : null;
	}

	private static Object value(Provenance provenance) {
		return (provenance instanceof PrimitiveProvenance<?> primitive) ? primitive.getValue() : null;
	}

	private static String className(Provenance provenance) {
		return (provenance instanceof ConfiguredObjectProvenance object) ? object.getClassName() : null;
	}

}
