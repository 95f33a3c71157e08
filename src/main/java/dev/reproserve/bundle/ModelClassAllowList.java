package dev.reproserve.bundle;

import java.util.List;
import java.util.Set;

/**
 * Which classes a bundle may name. Tribuo's protobuf loader calls {@code Class.forName}
 * on names read from the file (running static initialisers) before it checks their type,
 * so names are checked here first:
 * <ul>
 * <li>the model itself, and every model nested in it (the members of an ensemble), must
 * be one of the {@link #MODEL_CLASSES} this service trains and serves;</li>
 * <li>every other name (feature and output domains, factories, provenance) must belong to
 * Tribuo or olcut.</li>
 * </ul>
 * LibLinear models are deliberately absent: they embed a Java-serialized blob.
 */
public final class ModelClassAllowList {

	/** Model classes a bundle may contain. */
	public static final Set<String> MODEL_CLASSES = Set.of("org.tribuo.classification.sgd.linear.LinearSGDModel",
			"org.tribuo.regression.sgd.linear.LinearSGDModel", "org.tribuo.common.tree.TreeModel",
			"org.tribuo.regression.rtree.IndependentRegressionTreeModel", "org.tribuo.ensemble.WeightedEnsembleModel",
			"org.tribuo.common.xgboost.XGBoostModel");

	private static final List<String> SUPPORT_PACKAGES = List.of("org.tribuo.", "com.oracle.labs.mlrg.olcut.");

	private ModelClassAllowList() {
	}

	/**
	 * @param modelClass the class name of the top-level model
	 * @param nestedModelClasses the class names of every model in the file, including
	 * ensemble members, which Tribuo loads the same way
	 * @param allClassNames every class name found anywhere in the file
	 * @throws InvalidBundleException naming the first class that is not allowed
	 */
	static void check(String modelClass, List<String> nestedModelClasses, List<String> allClassNames) {
		if (!MODEL_CLASSES.contains(modelClass)) {
			throw InvalidBundleException.because(InvalidBundleException.Kind.NOT_ALLOWED,
					"model class '" + modelClass + "' is not on the allow-list; allowed model classes are "
							+ MODEL_CLASSES.stream().sorted().toList());
		}
		for (String member : nestedModelClasses) {
			if (!MODEL_CLASSES.contains(member)) {
				throw InvalidBundleException.because(InvalidBundleException.Kind.NOT_ALLOWED,
						"the model contains a model of class '" + member
								+ "', which is not on the allow-list; allowed model classes are "
								+ MODEL_CLASSES.stream().sorted().toList());
			}
		}
		for (String name : allClassNames) {
			if (SUPPORT_PACKAGES.stream().noneMatch(name::startsWith)) {
				throw InvalidBundleException.because(InvalidBundleException.Kind.NOT_ALLOWED,
						"the model file names class '" + name + "', which is outside Tribuo and olcut and not allowed");
			}
		}
	}

}
