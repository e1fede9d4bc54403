package io.blindspot.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import org.jboss.logging.Logger;

import java.util.List;

/** Volumes an experiment can use: the bundled samples, and uploads of the user's own NIfTI-1 files. */
@Path("/api")
public class VolumeResource {
    private static final Logger LOG = Logger.getLogger(VolumeResource.class);

    private final VolumeResolver volumes;

    public VolumeResource(VolumeResolver volumes) {
        this.volumes = volumes;
    }

    /** Names usable as {@code sample:NAME}. */
    @GET
    @Path("/samples")
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> samples() {
        return volumes.sampleNames();
    }

    /**
     * The body is the raw file ({@code .nii} or {@code .nii.gz}), whatever its declared type. It is decoded
     * completely before anything is stored, so a corrupt file is refused with 422 and leaves no trace.
     *
     * @param name optional label, only logged and echoed back
     */
    @POST
    @RolesAllowed({Roles.SUBMIT, Roles.ADMIN})
    @Path("/volumes")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(byte[] body, @QueryParam("name") String name) {
        VolumeResolver.Uploaded uploaded = volumes.upload(body == null ? new byte[0] : body);
        LOG.infof("stored %s (%s, %d bytes) as %s", name == null ? "an upload" : name, uploaded.datatype(),
                body == null ? 0 : body.length, uploaded.source());
        return Response.status(Response.Status.CREATED)
                .entity(new UploadAnswer(uploaded.source(), uploaded.dims(), uploaded.datatype(), uploaded.max(),
                        name))
                .build();
    }

    /** {@code name} is left out when none was given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UploadAnswer(String source, int[] dims, String datatype, double max, String name) {
    }
}
