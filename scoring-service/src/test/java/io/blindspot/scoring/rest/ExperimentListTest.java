package io.blindspot.scoring.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.ExperimentSubmitted;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.ResultRow;
import io.blindspot.scoring.repository.DeadLetterRepository;
import io.blindspot.scoring.repository.ExperimentRepository;
import io.blindspot.scoring.repository.ResultRepository;
import io.blindspot.scoring.service.Waits;
import io.blindspot.support.retry.TransientFaults;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/experiments on the assembled service and a real PostgreSQL: one experiment in each status, newest
 * first, filtered by status in the query, paged with next links, and 400 for parameters it cannot read.
 */
@QuarkusTest
@QuarkusTestResource(ScoringTestResources.class)
class ExperimentListTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static boolean stored;
    private static UUID done;
    private static UUID failed;
    private static UUID running;
    private static UUID stalled;
    private static UUID waiting;

    @TestHTTPResource("/")
    URI base;

    @Inject
    ExperimentRepository experiments;
    @Inject
    ResultRepository results;
    @Inject
    DeadLetterRepository deadLetters;
    @Inject
    Waits waits;

    /** Two slices x one intensity x one sigma: two values expected; submitted at {@code at}. */
    private UUID experiment(String name, Instant at, int values) throws Exception {
        UUID id = UUID.randomUUID();
        ExperimentSubmitted event = new ExperimentSubmitted(id.toString(), at.toString(), new ExperimentSpec(name,
                new ExperimentSpec.Dataset("sample:ch2bet", 2, List.of(80, 85)),
                new ExperimentSpec.Anomaly("disk", 20, List.of(0.5), null, 0L),
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(1.0)), List.of("ap")));
        experiments.insert(ExperimentRecord.from(event, JSON.writeValueAsString(event.spec()), at));
        List<ResultRow> rows = new ArrayList<>();
        for (int s = 0; s < values; s++) {
            rows.add(new ResultRow(id, 2, 80 + 5 * s, "gaussian-blur", "normal-rec", 0, 0, 0.5, 1.0, "ap", 0.9,
                    0.01, 90, 100));
        }
        results.insert(rows);
        return id;
    }

    @BeforeEach
    void store() throws Exception {
        if (stored) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // stalled: nothing stored since its submission, long past blindspot.scoring.stalled-after (2 min)
        stalled = experiment("stalled", Instant.parse("2020-01-01T00:00:00Z"), 0);
        done = experiment("done", now.minusSeconds(50), 2);
        failed = experiment("failed", now.minusSeconds(40), 1);
        deadLetters.insert(failed, "blindspot.reconstructions", "shapes disagree", "{}");
        running = experiment("running", now.minusSeconds(30), 1);
        waiting = experiment("waiting", now.minusSeconds(20), 1);
        waits.listener(waiting).retrying(new TransientFaults.Fault("object store", "Connection refused"), now, 1,
                500);
        stored = true;
    }

    private HttpResponse<String> get(String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/api/experiments" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode page(String query) throws Exception {
        HttpResponse<String> r = get(query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("experiments").forEach(e -> ids.add(e.get("id").asText()));
        return ids;
    }

    @Test
    void everyExperimentNewestFirstWithItsStatusAndProgress() throws Exception {
        JsonNode page = page("");
        assertThat(ids(page)).containsExactly(waiting.toString(), running.toString(), failed.toString(),
                done.toString(), stalled.toString());
        assertThat(page.get("limit").asInt()).isEqualTo(50);
        assertThat(page.get("offset").asLong()).isZero();
        assertThat(page.get("next").isNull()).isTrue();
        assertThat(page.get("next_offset").isNull()).isTrue();
        List<String> statuses = new ArrayList<>();
        page.get("experiments").forEach(e -> statuses.add(e.get("status").asText()));
        assertThat(statuses).containsExactly("waiting", "running", "failed", "done", "stalled");
        JsonNode first = page.get("experiments").get(3);
        assertThat(first.get("name").asText()).isEqualTo("done");
        assertThat(first.get("done").asLong()).isEqualTo(2);
        assertThat(first.get("expected").asLong()).isEqualTo(2);
        assertThat(first.get("anomaly_type").asText()).isEqualTo("disk");
        assertThat(first.get("reconstructor").asText()).isEqualTo("gaussian-blur");
        assertThat(first.get("mode").asText()).isEqualTo("normal-rec");
        assertThat(first.get("href").asText()).isEqualTo("/api/experiments/" + done);
        assertThat(Instant.parse(first.get("submittedAt").asText())).isBefore(Instant.now());
        assertThat(first.has("audit_id")).isFalse();
    }

    @Test
    void theStatusFilterKeepsOnlyThatStatusAsTheStatusEndpointReportsIt() throws Exception {
        for (String[] c : new String[][] {{"done", done.toString()}, {"failed", failed.toString()},
                {"running", running.toString()}, {"stalled", stalled.toString()},
                {"waiting", waiting.toString()}}) {
            JsonNode page = page("?status=" + c[0]);
            assertThat(ids(page)).as(c[0]).containsExactly(c[1]);
            assertThat(page.get("status").asText()).isEqualTo(c[0]);
            JsonNode one = JSON.readTree(HTTP.send(HttpRequest.newBuilder(base.resolve("/api/experiments/" + c[1]))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(one.get("status").asText()).as(c[0]).isEqualTo(c[0]);
        }
    }

    @Test
    void pagesFollowTheNextLinkToTheEnd() throws Exception {
        JsonNode first = page("?limit=2");
        assertThat(ids(first)).containsExactly(waiting.toString(), running.toString());
        assertThat(first.get("next_offset").asLong()).isEqualTo(2);
        assertThat(first.get("next").asText()).isEqualTo("/api/experiments?limit=2&offset=2");
        JsonNode second = page(first.get("next").asText().substring("/api/experiments".length()));
        assertThat(ids(second)).containsExactly(failed.toString(), done.toString());
        JsonNode last = page(second.get("next").asText().substring("/api/experiments".length()));
        assertThat(ids(last)).containsExactly(stalled.toString());
        assertThat(last.get("next").isNull()).isTrue();
        assertThat(ids(page("?offset=99"))).isEmpty();

        JsonNode filtered = page("?status=done&limit=1");
        assertThat(ids(filtered)).containsExactly(done.toString());
        assertThat(filtered.get("next").isNull()).isTrue();
        assertThat(page("?status=DONE&limit=500").get("experiments")).hasSize(1);
    }

    @Test
    void parametersThatCannotBeReadAre400WithAMessage() throws Exception {
        for (String[] c : new String[][] {{"?limit=0", "limit"}, {"?limit=501", "limit"}, {"?limit=ten", "limit"},
                {"?offset=-1", "offset"}, {"?offset=1.5", "offset"}, {"?status=finished", "status"},
                {"?status=" + URLEncoder.encode("done\nforged", StandardCharsets.UTF_8), "status"}}) {
            HttpResponse<String> r = get(c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/json"));
            String error = JSON.readTree(r.body()).get("error").asText();
            assertThat(error).as(c[0]).startsWith(c[1]).doesNotContain("\n");
        }
    }
}
