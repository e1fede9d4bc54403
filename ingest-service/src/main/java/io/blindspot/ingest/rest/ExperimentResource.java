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
    public Response submit(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        ExperimentService.Accepted accepted = experiments.submit(limits.readSpec(body), SpecReader.Format.ofMediaType(contentType));
        return Response.accepted(accepted).location(URI.create("/api/experiments/" + accepted.id())).build();
    }
}
