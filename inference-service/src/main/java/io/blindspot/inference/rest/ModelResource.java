package io.blindspot.inference.rest;

import io.blindspot.inference.domain.onnx.ModelRegistry;
import io.blindspot.inference.service.ModelService;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The model registry over HTTP.
 * <ul>
 *   <li>{@code POST /api/models?name=NAME}, body the .onnx file ({@code application/octet-stream}): 201 with the
 *       model; 400 bad name, 409 name taken, 422 file that does not load or breaks the I/O contract (nothing is
 *       stored then).</li>
 *   <li>{@code GET /api/models}: every registered model; {@code GET /api/models/NAME}: one, 404 unknown.</li>
 * </ul>
 * Errors are service-support's {@code ErrorBody}, {@code {"error": "..."}}: the registry's through
 * {@link #badRequest}, the others through the shared mappers. Model loading is blocking work, hence worker threads
 * (byte[]/blocking signatures run there in Quarkus REST).
 */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {
    private final ModelService models;
    private final ModelBodyLimit limit;

    public ModelResource(ModelService models, ModelBodyLimit limit) {
        this.models = models;
        this.limit = limit;
    }

    /**
     * The body streams to a temporary file in a directory of its own ({@link #buffered}) within
     * {@code blindspot.inference.models.max-bytes} (413 past it); the registry checks the file's bytes, then ONNX
     * Runtime loads it from there, then it streams to the store: it is never whole in the heap. The name is checked
     * before any byte is read.
     */
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @io.smallrye.common.annotation.Blocking
    @APIResponse(responseCode = "201", description = "Registered (Location: /api/models/NAME); usable as the "
            + "reconstructor onnx:NAME", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ModelView.class)))
    @APIResponse(responseCode = "400", description = "The name breaks the naming rule")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token lacks role admin")
    @APIResponse(responseCode = "409", description = "A model of that name is registered")
    @APIResponse(responseCode = "413", description = "The file exceeds blindspot.inference.models.max-bytes")
    @APIResponse(responseCode = "422", description = "The file does not load in ONNX Runtime or breaks the I/O "
            + "contract; nothing is stored")
    public Response register(
            @Parameter(required = true, description = "The model's name, used as reconstructor onnx:NAME",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^" + ModelRegistry.NAME_RULE + "$"))
            @QueryParam("name") String name,
            @RequestBody(required = true, description = "The .onnx file", content = @Content(
                    mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary"))) InputStream onnx) {
        models.requireValidName(name);
        return buffered(limit.limited(onnx == null ? InputStream.nullInputStream() : onnx), file -> {
            ModelView created = ModelView.of(models.register(name, file));
            return Response.created(URI.create("/api/models/" + created.name())).entity(created).build();
        });
    }

    /**
     * Streams {@code body} to a file in a new owner-only directory of its own, gives that file to {@code use}, and
     * deletes file and directory afterwards, whatever {@code use} does. A directory of its own because ONNX Runtime
     * resolves a model's relative paths (external data, which OnnxHeader refuses anyway) next to the file: nothing
     * else may lie beside it, as it would in the shared java.io.tmpdir.
     */
    static <T> T buffered(InputStream body, java.util.function.Function<java.nio.file.Path, T> use) {
        java.nio.file.Path dir = null;
        java.nio.file.Path file = null;
        try {
            dir = ownerOnlyTempDirectory();
            file = dir.resolve("model.onnx");
            try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
                in.transferTo(out);
            }
            return use.apply(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot buffer the uploaded model", e);
        } finally {
            deleteQuietly(file);
            deleteQuietly(dir);
        }
    }

    private static java.nio.file.Path ownerOnlyTempDirectory() throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory("blindspot-model-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory("blindspot-model-"); // Windows: the user's own temp dir
    }

    private static void deleteQuietly(java.nio.file.Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temporary file or directory; the OS cleans its temp dir
            }
        }
    }

    @GET
    @io.smallrye.common.annotation.Blocking
    @APIResponse(responseCode = "200", description = "Every registered model", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = ModelView.class)))
    public List<ModelView> list() {
        return models.list().stream().map(ModelView::of).toList();
    }

    @GET
    @Path("{name}")
    @io.smallrye.common.annotation.Blocking
    @APIResponse(responseCode = "200", description = "The model's inputs, outputs and metadata",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ModelView.class)))
    @APIResponse(responseCode = "404", description = "No model of that name")
    public ModelView get(@PathParam("name") String name) {
        return ModelView.of(models.describe(name));
    }

    /** This resource's own: an {@link IllegalArgumentException} of the registry, with its status (ModelErrors). */
    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return ModelErrors.response(e);
    }
}
