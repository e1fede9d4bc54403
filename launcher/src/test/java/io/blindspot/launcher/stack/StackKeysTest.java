package io.blindspot.launcher.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stack's key pair is made once and kept, owner-only; its tokens are RS256 JWS that verify with it. */
class StackKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void theKeyIsMadeOnceKeptAndOwnerOnly() throws Exception {
        StackKeys first = StackKeys.loadOrCreate(data);
        String publicPem = Files.readString(first.publicKeyFile());
        Path privateFile = data.resolve("auth/jwt-private.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile))).isEqualTo("rw-------");
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----");

        StackKeys again = StackKeys.loadOrCreate(data);
        assertThat(Files.readString(again.publicKeyFile())).isEqualTo(publicPem);
        assertThat(Files.readString(privateFile)).startsWith("-----BEGIN PRIVATE KEY-----");

        Path token = again.writeToken(again.mint(StackKeys.ALL_ROLES, StackKeys.TOKEN_LIFETIME));
        assertThat(token).isEqualTo(data.resolve("token"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
    }

    @Test
    void aTokenIsAnRs256JwsWithIssuerRolesAndExpiry() throws Exception {
        StackKeys keys = StackKeys.loadOrCreate(data);
        String token = keys.mint(List.of("submit", "admin"), Duration.ofDays(30));
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);

        String pem = Files.readString(keys.publicKeyFile()).replaceAll("-----[A-Z ]+-----", "");
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Base64.getMimeDecoder().decode(pem)));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKey);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("iss").asText()).isEqualTo(StackKeys.ISSUER);
        assertThat(claims.get("groups")).containsExactly(JSON.valueToTree("submit"), JSON.valueToTree("admin"));
        long now = Instant.now().getEpochSecond();
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(Duration.ofDays(30).toSeconds());
        assertThat(claims.get("iat").asLong()).isBetween(now - 60, now + 1);
    }
}
