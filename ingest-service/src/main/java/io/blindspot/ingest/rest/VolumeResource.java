package io.blindspot.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.blindspot.ingest.domain.InvalidSpecException;
import io.blindspot.ingest.service.VolumeResolver;
import io.blindspot.support.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.util.List;

/** Volumes an experiment can use: the bundled samples, and uploads of the user's own NIfTI-1 files. */
@Path("/api")
public class VolumeResource {
    private static final Logger LOG = Logger.getLogger(VolumeResource.class);

    private final VolumeResolver volumes;
    private final BodyLimits limits;

    public VolumeResource(VolumeResolver volumes, BodyLimits limits) {
        this.volumes = volumes;
        this.limits = limits;
    }

    /** Names usable as {@code sample:NAME}. */
    @GET
    @Path("/samples")
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> samples() {
        return volumes.sampleNames();
    }

    /**
     * The body is the raw file ({@code .nii} or {@code .nii.gz}), whatever its declared type. It streams to a
     * temporary file within {@code blindspot.ingest.max-volume-bytes} (413 past it), is decoded completely from
     * there before anything is stored (a corrupt file is refused with 422 and leaves no trace), then streams to
     * the object store: the body is never whole in the heap.
     *
     * @param name optional label, only logged and echoed back
     */
    @POST
    @RolesAllowed({Roles.SUBMIT, Roles.ADMIN})
    @Path("/volumes")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Stored; use the answer's source (upload:ID) in a spec",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UploadAnswer.class)))
    @APIResponse(responseCode = "400", description = "The name label is not one line of printable text")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token lacks role submit (or admin)")
    @APIResponse(responseCode = "413", description = "The body exceeds blindspot.ingest.max-volume-bytes")
    @APIResponse(responseCode = "422", description = "Not a NIfTI-1 volume that can be decoded")
    @APIResponse(responseCode = "503", description = "The object store failed; the upload may be retried")
    public Response upload(@RequestBody(required = true, description = "The NIfTI-1 file, .nii or .nii.gz",
                                        content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                                                schema = @Schema(type = SchemaType.STRING, format = "binary")))
                           InputStream body,
                           @Parameter(description = "Optional label, only logged and echoed back")
                           @QueryParam("name") String name) {
        checkLabel(name);
        VolumeResolver.Uploaded uploaded = volumes.upload(limits.limitedVolume(body));
        LOG.infof("stored %s (%s, %d bytes) as %s", name == null ? "an upload" : name,
                uploaded.datatype(), uploaded.bytes(), uploaded.source());
        return Response.status(Response.Status.CREATED)
                .entity(new UploadAnswer(uploaded.source(), uploaded.dims(), uploaded.datatype(), uploaded.max(),
                        name))
                .build();
    }

    /** The label is free text, but one line of it: it goes to the log and back to the client as it is. */
    static void checkLabel(String name) {
        if (name == null) {
            return;
        }
        if (name.length() > 200) {
            throw new InvalidSpecException("name: at most 200 characters, got " + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new InvalidSpecException(String.format(java.util.Locale.ROOT,
                        "name: control character U+%04X at position %d; a label is one line of printable text",
                        (int) name.charAt(i), i));
            }
        }
    }

    /** {@code name} is left out when none was given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UploadAnswer(String source, int[] dims, String datatype, double max, String name) {
    }
}
