package io.blindspot.scoring.rest;

import io.blindspot.contracts.events.Aggregations;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.scoring.domain.Cell;
import io.blindspot.scoring.domain.CrossSliceAggregates;
import io.blindspot.scoring.domain.ExperimentQuery;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.ListedExperiment;
import io.blindspot.scoring.domain.SliceResult;
import io.blindspot.scoring.service.ExperimentListing;
import io.blindspot.scoring.service.Experiments;
import io.blindspot.scoring.service.InvalidRequestException;
import io.blindspot.scoring.service.StatusReports;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/**
 * Read side of the scoring-service: the list of experiments, an experiment's progress, its grid of mean APs (the
 * paper's figure as numbers and as a picture) and every per-slice value behind it.
 */
@Path("/api/experiments")
public class ExperimentResource {
    static final String CSV = "text/csv";
    static final String AGGREGATION = "how per-slice values become a cell's: slice-mean (default), volume-mean, "
            + "pooled, pooled-float16 (one the experiment's spec listed); 409 while the aggregation stage runs";

    private final Experiments experiments;
    private final ExperimentListing listing;

    public ExperimentResource(Experiments experiments, ExperimentListing listing) {
        this.experiments = experiments;
        this.listing = listing;
    }

    /**
     * The experiments, newest first, a page at a time: {@code limit} (1 to 500, default 50) after {@code offset}
     * (default 0), only those with {@code status} when given; {@code next} is the following page (null on the
     * last). 400 for a parameter that cannot be read. Offsets count from the newest, so an experiment submitted
     * between two requests shifts the pages by one.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "One page of experiments, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Views.ExperimentList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Views.ExperimentList list(
            @Parameter(description = "page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "experiments to skip, newest first",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
            @QueryParam("offset") String offset,
            @Parameter(description = "only experiments with this status", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"running", "waiting", "stalled", "done", "failed"}))
            @QueryParam("status") String status) {
        ExperimentQuery query;
        try {
            query = ExperimentQuery.parse(limit, offset, status);
        } catch (ExperimentQuery.InvalidQueryException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        ExperimentListing.Page page = listing.list(query);
        List<Views.ExperimentSummary> items = page.experiments().stream().map(ExperimentResource::summary).toList();
        ExperimentQuery next = page.next();
        return new Views.ExperimentList(items, query.limit(), query.offset(),
                query.status() == null ? null : query.status().label(), next == null ? null : next.offset(),
                next == null ? null : "/api/experiments?limit=" + next.limit() + "&offset=" + next.offset()
                        + (next.status() == null ? "" : "&status=" + next.status().label()));
    }

    private static Views.ExperimentSummary summary(ExperimentListing.Listed l) {
        ListedExperiment e = l.experiment();
        String id = e.id().toString();
        return new Views.ExperimentSummary(id, e.name(), l.status().label(), e.done(), e.expected(),
                e.submittedAt().toString(), e.anomalyType(), e.reconstructor(), e.mode(), e.lastProgress().toString(),
                e.auditId(), e.auditRole(), "/api/experiments/" + id);
    }

    /**
     * Status: failed once any of its events was dead-lettered, done when every expected value is stored, else
     * waiting (scoring retries a transient fault for it), stalled (no new value for
     * {@code blindspot.scoring.stalled-after}) or running; {@code waiting_for} says what a waiting or stalled one
     * waits for (README "Experiment status").
     */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The experiment's status and spec",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Views.Experiment.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NoSuchExperiment")
    public Views.Experiment experiment(@PathParam("id") String id) {
        ExperimentRecord e = experiments.require(id);
        StatusReports.Report report = experiments.status(e);
        ExperimentSpec spec = experiments.spec(e);
        return new Views.Experiment(e.id().toString(), e.name(), report.status().label(), report.done(), e.expected(),
                e.submittedAt().toInstant().toString(), anomalyType(spec), spec, report.errors(),
                report.lastProgress().toString(), Views.WaitingFor.of(report.waitingFor()));
    }

    /** The grid: one row per (intensity, sigma) cell with at least one slice scored. */
    @GET
    @Path("/{id}/cells")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @APIResponse(responseCode = "200", description = "The mean AP (or ?metric=) of every (intensity, sigma) cell "
            + "with a value",
            content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.Cells.class)),
            @Content(mediaType = ExperimentResource.CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NoSuchExperiment")
    @APIResponse(responseCode = "409", ref = "NotReady")
    public Response cells(@PathParam("id") String id, @QueryParam("format") String format,
            @Parameter(ref = "Metric") @QueryParam("metric") String metric,
            @Parameter(description = AGGREGATION) @QueryParam("aggregation") String aggregation) {
        boolean csv = csv(format);
        ExperimentRecord e = experiments.require(id);
        String checked = experiments.metric(e, metric);
        if (aggregation != null && !aggregation.isEmpty()) {
            String how = experiments.aggregation(e, aggregation);
            List<Views.AggregatedCellRow> rows = experiments.aggregatedCells(e, checked, how).stream()
                    .map(Views.AggregatedCellRow::of).toList();
            if (csv) {
                return Response.ok(Csv.aggregatedCells(rows, checked, how), CSV).build();
            }
            return Response.ok(new Views.AggregatedCells(e.id().toString(), e.name(), checked, how, rows),
                    MediaType.APPLICATION_JSON).build();
        }
        List<Cell> cells = experiments.cells(e, checked);
        if (csv) {
            return Response.ok(Csv.cells(cells, checked), CSV).build();
        }
        return Response.ok(new Views.Cells(e.id().toString(), e.name(), checked,
                cells.stream().map(Views.CellRow::of).toList()), MediaType.APPLICATION_JSON).build();
    }

    /** Every per-slice value as a JSON array (or CSV), ordered by slice, intensity index, sigma index. */
    @GET
    @Path("/{id}/results")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @APIResponse(responseCode = "200", description = "Every per-slice value", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Views.SliceRow.class)),
            @Content(mediaType = ExperimentResource.CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NoSuchExperiment")
    @APIResponse(responseCode = "409", ref = "NotReady")
    public Response results(@PathParam("id") String id, @QueryParam("format") String format,
            @Parameter(ref = "Metric") @QueryParam("metric") String metric,
            @Parameter(description = AGGREGATION) @QueryParam("aggregation") String aggregation) {
        boolean csv = csv(format);
        ExperimentRecord e = experiments.require(id);
        String checked = experiments.metric(e, metric);
        String how = experiments.aggregation(e, aggregation);
        if (!Aggregations.SLICE_MEAN.equals(how)) {
            List<Views.AggregateView> rows = experiments.aggregateRows(e, checked, how).stream()
                    .map(r -> new Views.AggregateView(how, checked,
                            r.volume() == CrossSliceAggregates.ALL_VOLUMES ? null : r.volume(),
                            e.intensities().length == 0 ? null : e.intensities()[r.intensityIndex()],
                            e.sigmas()[r.sigmaIndex()], r.intensityIndex(), r.sigmaIndex(), r.value(), r.n(), r.std(),
                            r.ciLow(), r.ciHigh(), r.bootLow(), r.bootHigh()))
                    .toList();
            if (csv) {
                return Response.ok(Csv.aggregates(rows, checked), CSV).build();
            }
            return Response.ok(rows, MediaType.APPLICATION_JSON).build();
        }
        List<SliceResult> slices = experiments.sliceResults(e, checked);
        if (csv) {
            return Response.ok(Csv.results(slices, checked), CSV).build();
        }
        return Response.ok(slices.stream().map(r -> Views.SliceRow.of(r, checked)).toList(),
                MediaType.APPLICATION_JSON).build();
    }

    // The heatmap (heatmap.png / heatmap.svg, with the brain-intensity histogram beside it), the curves and the
    // matches are in ExperimentFigureResource.

    private static boolean csv(String format) {
        if (format == null || format.isEmpty() || format.equalsIgnoreCase("json")) {
            return false;
        }
        if (format.equalsIgnoreCase("csv")) {
            return true;
        }
        throw new InvalidRequestException("unknown format '" + format + "' (json or csv)");
    }

    private static String anomalyType(ExperimentSpec spec) {
        return spec == null || spec.anomaly() == null ? null : spec.anomaly().type();
    }
}
