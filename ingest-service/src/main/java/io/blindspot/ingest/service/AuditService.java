package io.blindspot.ingest.service;

import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.ingest.domain.AuditPlan;
import io.blindspot.ingest.domain.Models;
import io.blindspot.ingest.domain.SpecReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Submits a blind-spot audit: the request and its model are checked, then its three experiments
 * ({@link AuditPlan}) go through {@link ExperimentService} one after the other, each marked with the audit's id
 * and its role ({@link ExperimentSpec.AuditRef}); scoring groups them by that id.
 */
@ApplicationScoped
public class AuditService {
    private static final Logger LOG = Logger.getLogger(AuditService.class);

    private final ExperimentService experiments;
    private final Models.Registry models;

    public AuditService(ExperimentService experiments, Models.Registry models) {
        this.experiments = experiments;
        this.models = models;
    }

    /**
     * @param experiments     experiment id by role (reference, normal-rec, anomal-rec)
     * @param thresholdMetric the metric the threshold is on
     * @param timesChance     the multiple of AP's chance level, or null for a fixed threshold
     */
    public record Submitted(String auditId, String model, double threshold, String thresholdMetric,
                            Double timesChance, Map<String, String> experiments) {
    }

    public Submitted submit(String body, SpecReader.Format format) {
        AuditPlan plan = AuditPlan.parse(SpecReader.read(body, format));
        Models.requireRegistered("model", plan.model(), models);
        String auditId = UUID.randomUUID().toString();
        Map<String, String> ids = new LinkedHashMap<>();
        // The three share dataset and positions, so once the first passes its volume checks the others do too.
        for (Map.Entry<String, ExperimentSpec> e : plan.specs().entrySet()) {
            ExperimentSpec spec = e.getValue().withAudit(plan.ref(auditId, e.getKey()));
            ids.put(e.getKey(), experiments.submit(spec).id());
        }
        LOG.infof("audit %s of model %s accepted: %s", auditId, plan.model(), ids);
        return new Submitted(auditId, plan.model(), plan.threshold(), plan.thresholdMetric(), plan.timesChance(),
                ids);
    }
}
