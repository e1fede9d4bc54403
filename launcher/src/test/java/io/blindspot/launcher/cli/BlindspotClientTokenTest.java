package io.blindspot.launcher.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which token the client sends, and that it sends it on every request. */
class BlindspotClientTokenTest {
    @TempDir
    Path data;

    @Test
    void theStacksTokenFileIsTheFallbackOfBlindspotToken() throws Exception {
        Assumptions.assumeTrue(System.getenv(BlindspotClient.TOKEN_VARIABLE) == null, "BLINDSPOT_TOKEN is set here");
        assertThat(BlindspotClient.token(data)).isNull();
        assertThat(BlindspotClient.token(null)).isNull();
        Files.writeString(data.resolve("token"), "abc.def.ghi\n");
        assertThat(BlindspotClient.token(data)).isEqualTo("abc.def.ghi");
    }

    @Test
    void everyRequestCarriesTheBearerTokenAndA401WithoutOneSaysHowToGetOne() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(exchange.getRequestMethod() + " " + auth);
            byte[] body = (auth == null ? "{\"error\": \"this request needs a bearer token\"}" : "{\"id\": \"x\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(auth == null ? 401 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            BlindspotClient client = new BlindspotClient(url, url, "tok.en.value");
            client.submit("{}".getBytes(StandardCharsets.UTF_8), "application/json");
            client.scoring("/api/experiments/x");
            assertThat(seen).containsExactly("POST Bearer tok.en.value", "GET Bearer tok.en.value");

            BlindspotClient anonymous = new BlindspotClient(url, url, null);
            assertThatThrownBy(() -> anonymous.submit("{}".getBytes(StandardCharsets.UTF_8), "application/json"))
                    .isInstanceOf(ApiException.class)
                    .hasMessageContaining("this request needs a bearer token")
                    .hasMessageContaining("BLINDSPOT_TOKEN");
        } finally {
            server.stop(0);
        }
    }
}
