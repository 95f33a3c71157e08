package dev.reproserve.registry;

import dev.reproserve.registry.internal.ModelEntity;
import dev.reproserve.registry.internal.ModelRepository;
import dev.reproserve.registry.internal.ModelVersionEntity;
import dev.reproserve.registry.internal.ModelVersionRepository;

import org.springframework.stereotype.Component;

/** Finding a model's and a version's rows, or saying which is not there. */
@Component
class RegistryRows {

	private final ModelRepository models;

	private final ModelVersionRepository versions;

	RegistryRows(ModelRepository models, ModelVersionRepository versions) {
		this.models = models;
		this.versions = versions;
	}

	ModelEntity model(String name) {
		return this.models.findByName(name).orElseThrow(() -> ModelNotFoundException.forName(name));
	}

	ModelVersionEntity version(ModelEntity model, int number) {
		return this.versions.findByModelIdAndVersion(model.getId(), number)
			.orElseThrow(() -> VersionNotFoundException.forVersion(model.getName(), number));
	}

	static VersionRef ref(String modelName, ModelVersionEntity v) {
		return new VersionRef(modelName, v.getVersion(), v.getId(), v.getBundleSha256());
	}

}
