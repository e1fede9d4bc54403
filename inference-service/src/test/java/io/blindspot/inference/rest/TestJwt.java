package io.blindspot.inference.rest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * A key pair for the tests' bearer tokens, made at the first start and kept in {@code target/test-jwt} (a file,
 * not a static field: the resource and the tests may see this class through different class loaders). Applies to
 * every {@code @QuarkusTest} of the module, as test resources do, so they share one application.
 */
public class TestJwt implements QuarkusTestResourceLifecycleManager {
    static final Path DIR = Path.of("target", "test-jwt").toAbsolutePath();
    static final String ISSUER = "blindspot-test";

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(DIR);
            if (!Files.isRegularFile(DIR.resolve("private.der"))) {
                KeyPair pair = newKeyPair();
                Files.write(DIR.resolve("private.der"), pair.getPrivate().getEncoded());
                Files.writeString(DIR.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("mp.jwt.verify.publickey.location", DIR.resolve("public.pem").toUri().toString(),
                "mp.jwt.verify.issuer", ISSUER);
    }

    @Override
    public void stop() {
    }

    /** Valid for an hour, signed by the key the service trusts. */
    static String token(String... roles) {
        Instant now = Instant.now();
        return sign(privateKey(), ISSUER, now, now.plus(Duration.ofHours(1)), roles);
    }

    /** Expired an hour ago (past the default 60 s clock skew). */
    static String expiredToken(String... roles) {
        Instant now = Instant.now();
        return sign(privateKey(), ISSUER, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)), roles);
    }

    /** Well formed and current, but signed by a key the service has never seen. */
    static String foreignToken(String... roles) {
        Instant now = Instant.now();
        return sign(newKeyPair().getPrivate(), ISSUER, now, now.plus(Duration.ofHours(1)), roles);
    }

    /** Signed by the trusted key but issued by someone else. */
    static String otherIssuerToken(String... roles) {
        Instant now = Instant.now();
        return sign(privateKey(), "someone-else", now, now.plus(Duration.ofHours(1)), roles);
    }

    private static String sign(PrivateKey key, String issuer, Instant issuedAt, Instant expiresAt, String... roles) {
        return Jwt.issuer(issuer).upn("tester").groups(Set.of(roles)).issuedAt(issuedAt).expiresAt(expiresAt)
                .sign(key);
    }

    private static PrivateKey privateKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(Files.readAllBytes(DIR.resolve("private.der"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
