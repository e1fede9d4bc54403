package io.blindspot.ingest.store;

import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.ingest.domain.Models;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The inference-service's model registry as ingest sees it: the object store holds every registered model under
 * {@link ObjectKeys#model} ({@code models/NAME.onnx}), so ingest can refuse an unknown model at submission without
 * calling the inference-service.
 */
@ApplicationScoped
public class ModelCatalog implements Models.Registry {
    private final ObjectStore store;

    public ModelCatalog(ObjectStore store) {
        this.store = store;
    }

    @Override
    public boolean exists(String name) {
        return store.exists(ObjectKeys.model(name));
    }

    /** Registered names, sorted: the top-level {@code models/*.onnx} keys. */
    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (String key : store.list(ObjectKeys.MODELS_PREFIX)) {
            String rest = key.substring(ObjectKeys.MODELS_PREFIX.length());
            if (rest.endsWith(ObjectKeys.MODEL_SUFFIX) && !rest.contains("/")) {
                names.add(rest.substring(0, rest.length() - ObjectKeys.MODEL_SUFFIX.length()));
            }
        }
        return names;
    }
}
