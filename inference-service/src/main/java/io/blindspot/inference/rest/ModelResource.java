package io.blindspot.inference.rest;

import io.blindspot.inference.domain.onnx.ModelRegistry;
import io.blindspot.support.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.List;

/**
 * The model registry over HTTP.
 * <ul>
 *   <li>{@code POST /api/models?name=NAME}, body the .onnx file ({@code application/octet-stream}): 201 with the
 *       model; 400 bad name, 409 name taken, 422 file that does not load or breaks the I/O contract (nothing is
 *       stored then).</li>
 *   <li>{@code GET /api/models}: every registered model; {@code GET /api/models/NAME}: one, 404 unknown.</li>
 * </ul>
 * Errors are {@code {"error": "..."}}. Model loading is blocking work, hence worker threads (byte[]/blocking
 * signatures run there in Quarkus REST).
 */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {
    private final ModelRegistry registry;

    public ModelResource(ModelRegistry registry) {
        this.registry = registry;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @io.smallrye.common.annotation.Blocking
    public Response register(@QueryParam("name") String name, byte[] onnx) {
        ModelView created = ModelView.of(registry.register(name, onnx));
        return Response.created(URI.create("/api/models/" + created.name())).entity(created).build();
    }

    @GET
    @io.smallrye.common.annotation.Blocking
    public List<ModelView> list() {
        return registry.list().stream().map(ModelView::of).toList();
    }

    @GET
    @Path("{name}")
    @io.smallrye.common.annotation.Blocking
    public ModelView get(@PathParam("name") String name) {
        return ModelView.of(registry.describe(name));
    }

    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return Response.status(ModelErrors.status(e)).type(MediaType.APPLICATION_JSON)
                .entity(ModelErrors.body(e)).build();
    }
}
