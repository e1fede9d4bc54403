package io.blindspot.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.blindspot.ingest.domain.SpecReader;
import io.blindspot.ingest.service.AuditService;
import io.blindspot.support.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/audits}: a blind-spot audit request ({@link io.blindspot.ingest.domain.AuditPlan}) → 202 with
 * the audit's id and its three experiments once all are accepted; 400 for an invalid request, 422 for a model
 * that is not registered. The report itself is served by the scoring-service under the returned links.
 */
@Path("/api/audits")
public class AuditResource {
    private final AuditService audits;
    private final BodyLimits limits;

    public AuditResource(AuditService audits, BodyLimits limits) {
        this.audits = audits;
        this.limits = limits;
    }

    /**
     * @param links paths on the scoring-service: {@code audit} (JSON), {@code page} (HTML), {@code figure.png},
     *              {@code figure.svg}, and each experiment's status by role
     * @param threshold       the threshold's value on {@code thresholdMetric}; 0 with {@code timesChance}
     * @param thresholdMetric the metric the blind spot is judged on (ap for a plain number)
     * @param timesChance     blind where AP &lt; timesChance × chance (absent for a fixed threshold)
     */
    public record Answer(@JsonProperty("auditId") String auditId, String model, double threshold,
                         @JsonProperty("thresholdMetric") String thresholdMetric,
                         @JsonProperty("timesChance") @JsonInclude(JsonInclude.Include.NON_NULL) Double timesChance,
                         Map<String, String> experiments, Map<String, String> links) {
    }

    @POST
    @RolesAllowed({Roles.SUBMIT, Roles.ADMIN})
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "text/yaml", "application/x-yaml"})
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "Accepted: the three experiments are submitted; the report "
            + "is at the scoring-service's GET /api/audits/{auditId} (Location)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Answer.class)))
    @APIResponse(responseCode = "400", description = "Invalid or malformed; the message names the field at fault")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token lacks role submit (or admin)")
    @APIResponse(responseCode = "404", description = "A volume or stored object the request names does not exist")
    @APIResponse(responseCode = "413", description = "The body exceeds blindspot.ingest.max-spec-bytes")
    @APIResponse(responseCode = "422",
            description = "A model the request names is not registered with the inference-service")
    @APIResponse(responseCode = "503", description = "The object store or Kafka failed; the request may be retried")
    public Response submit(
            @RequestBody(required = true, description = "A blind-spot audit request, in JSON or YAML (text/yaml and "
                    + "application/x-yaml too)", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SpecSchema.Audit.class)),
                    @Content(mediaType = "application/yaml",
                            schema = @Schema(implementation = SpecSchema.Audit.class))}) InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        AuditService.Submitted s = audits.submit(limits.readSpec(body), SpecReader.Format.ofMediaType(contentType));
        String base = "/api/audits/" + s.auditId();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("audit", base);
        links.put("page", base + "/page");
        links.put("figure.png", base + "/figure.png");
        links.put("figure.svg", base + "/figure.svg");
        s.experiments().forEach((role, id) -> links.put(role, "/api/experiments/" + id));
        return Response.accepted(new Answer(s.auditId(), s.model(), s.threshold(), s.thresholdMetric(),
                        s.timesChance(), s.experiments(), links))
                .location(URI.create(base)).build();
    }
}
