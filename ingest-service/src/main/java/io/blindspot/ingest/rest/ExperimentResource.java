package io.blindspot.ingest.rest;

import io.blindspot.ingest.domain.SpecReader;
import io.blindspot.ingest.service.ExperimentService;
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

/**
 * {@code POST /api/experiments}: a spec in JSON or YAML → 202 with the experiment's id once its slices are
 * stored and its events acknowledged by Kafka. Runs on a worker thread (plain return type): it decodes
 * volumes and writes to the store.
 */
@Path("/api/experiments")
public class ExperimentResource {
    private final ExperimentService experiments;
    private final BodyLimits limits;

    public ExperimentResource(ExperimentService experiments, BodyLimits limits) {
        this.experiments = experiments;
        this.limits = limits;
    }

    @POST
    @RolesAllowed({Roles.SUBMIT, Roles.ADMIN})
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "text/yaml", "application/x-yaml"})
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "Accepted: the slices are stored and the events "
            + "acknowledged; the status is at the scoring-service's GET /api/experiments/{id} (Location)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ExperimentService.Accepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid or malformed; the message names the field at fault")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token lacks role submit (or admin)")
    @APIResponse(responseCode = "404", description = "A volume or stored object the request names does not exist")
    @APIResponse(responseCode = "413", description = "The body exceeds blindspot.ingest.max-spec-bytes")
    @APIResponse(responseCode = "422",
            description = "A model the request names is not registered with the inference-service")
    @APIResponse(responseCode = "503", description = "The object store or Kafka failed; the request may be retried")
    public Response submit(
            @RequestBody(required = true, description = "An experiment spec, in JSON or YAML (text/yaml and "
                    + "application/x-yaml too)", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SpecSchema.Experiment.class)),
                    @Content(mediaType = "application/yaml",
                            schema = @Schema(implementation = SpecSchema.Experiment.class))}) InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        ExperimentService.Accepted accepted = experiments.submit(limits.readSpec(body), SpecReader.Format.ofMediaType(contentType));
        return Response.accepted(accepted).location(URI.create("/api/experiments/" + accepted.id())).build();
    }
}
