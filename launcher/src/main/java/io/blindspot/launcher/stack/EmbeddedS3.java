package io.blindspot.launcher.stack;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An S3-compatible object store (S3Proxy) over a plain directory, so the services talk to it with the same
 * MinIO client they use against MinIO. Objects are files under {@code dir} and survive restarts.
 */
public final class EmbeddedS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "blindspot";
    public static final String SECRET_KEY = "blindspot-secret";

    private final S3Proxy proxy;
    private final String endpoint;

    private EmbeddedS3(S3Proxy proxy, String endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    /** Starts on a free port. */
    public static EmbeddedS3 start(Path dir) throws Exception {
        return start(dir, 0);
    }

    /** Starts on {@code port} (0: a free one); a restart after {@link #close()} passes the previous port. */
    public static EmbeddedS3 start(Path dir, int port) throws Exception {
        Files.createDirectories(dir);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dir.toAbsolutePath().toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // Jetty otherwise waits for idle keep-alive connections before stopping.
                .stopTimeout(500)
                .build();
        proxy.start();
        // start() returns before Jetty reports STARTED on some runs; the port is known only then.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(10);
        }
        return new EmbeddedS3(proxy, "http://127.0.0.1:" + proxy.getPort());
    }

    public String endpoint() {
        return endpoint;
    }

    public int port() {
        return URI.create(endpoint).getPort();
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } catch (java.util.concurrent.TimeoutException gracefulStopTimedOut) {
            // Jetty closes the connectors anyway once its graceful period (stopTimeout) is over.
        }
    }
}
