package io.blindspot.launcher.stack;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The embedded stack's token issuer: an RSA key pair made on the first start under {@code <data dir>/auth} and kept
 * between runs (the private key readable by its owner only), whose public half every service verifies bearer
 * tokens against (SmallRye JWT, {@code mp.jwt.verify.publickey.location}), and the tokens it signs.
 * <p>
 * Tokens are compact JWS (RS256) signed with the JDK's {@code SHA256withRSA}: three base64url parts, a few lines
 * here, where smallrye-jwt-build would bring jose4j and SmallRye Config into the launcher, which is no Quarkus
 * app. Nothing here verifies: the services do that with SmallRye JWT, so a malformed token would fail every
 * end-to-end test.
 */
public final class StackKeys {
    /** {@code iss} of the stack's tokens, and {@code mp.jwt.verify.issuer} of its services. */
    public static final String ISSUER = "blindspot-embedded";
    /** Both roles: submit (experiments, volumes, audits) and admin (models). */
    public static final List<String> ALL_ROLES = List.of("submit", "admin");
    /** The printed token's lifetime: a month of use without minting another. */
    public static final Duration TOKEN_LIFETIME = Duration.ofDays(30);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final Path dataDir;
    private final PrivateKey privateKey;

    private StackKeys(Path dataDir, PrivateKey privateKey) {
        this.dataDir = dataDir;
        this.privateKey = privateKey;
    }

    /** The key pair of {@code dataDir}, made when there is none yet. */
    public static StackKeys loadOrCreate(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("auth");
        Path privateFile = dir.resolve("jwt-private.pem");
        Path publicFile = dir.resolve("jwt-public.pem");
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectories(dir);
            }
        }
        try {
            if (!Files.isRegularFile(privateFile)) {
                KeyPair pair = newKeyPair();
                writeOwnerOnly(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(unpem(Files.readString(privateFile))));
            // The public half is derived each start, so the two files cannot drift apart.
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
            PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            Files.writeString(publicFile, pem("PUBLIC KEY", publicKey.getEncoded()));
            return new StackKeys(dataDir, key);
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new IOException("cannot read the stack's signing key " + privateFile + " (delete " + dir
                    + " to make a new one; tokens signed by the old key stop working): " + e.getMessage(), e);
        }
    }

    /** The PEM public key the services verify tokens against. */
    public Path publicKeyFile() {
        return dataDir.resolve("auth").resolve("jwt-public.pem");
    }

    /** Where {@link #writeToken} puts the stack's token; the CLI reads it when {@code BLINDSPOT_TOKEN} is unset. */
    public static Path tokenFile(Path dataDir) {
        return dataDir.resolve("token");
    }

    /** A token with {@code roles}, valid from now for {@code lifetime}. */
    public String mint(Collection<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        return sign(privateKey, ISSUER, roles, now, now.plus(lifetime));
    }

    /** A token with {@code roles} and the given validity, e.g. an expired one for a test. */
    public String mint(Collection<String> roles, Instant issuedAt, Instant expiresAt) {
        return sign(privateKey, ISSUER, roles, issuedAt, expiresAt);
    }

    /** Writes {@code token} to {@link #tokenFile} (owner-only), replacing the previous one. */
    public Path writeToken(String token) throws IOException {
        Path file = tokenFile(dataDir);
        Path tmp = file.resolveSibling("token.tmp");
        Files.deleteIfExists(tmp);
        writeOwnerOnly(tmp, token + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /**
     * A compact JWS (RS256) with the claims SmallRye JWT needs: {@code iss}, {@code sub}/{@code upn},
     * {@code groups} (the roles), {@code iat}, {@code exp} and a {@code jti}. Public for tests that need a token of
     * another key or an expired one.
     */
    public static String sign(PrivateKey key, String issuer, Collection<String> roles, Instant issuedAt,
                              Instant expiresAt) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", "blindspot-cli");
        claims.put("upn", "blindspot-cli");
        claims.put("groups", List.copyOf(roles));
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        try {
            String signingInput = B64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rs256.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
    }

    /** A fresh 2048-bit RSA key pair. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Created with mode 600 from the start, so the secret is never readable by others, not even briefly. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            Files.deleteIfExists(file);
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
