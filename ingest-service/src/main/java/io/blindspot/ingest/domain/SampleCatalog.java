package io.blindspot.ingest.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The volumes bundled with the service: every {@code /samples/NAME.nii.gz} on the classpath is the sample
 * {@code NAME} ({@code sample:NAME} in a spec). Their licence notice, {@code /samples/README.md}, always sits
 * beside them; the listing starts from it because a classpath folder cannot be asked for directly in every
 * packaging (plain folder in tests, jar in the packaged app).
 */
public final class SampleCatalog {
    static final String FOLDER = "samples/";
    static final String SUFFIX = ".nii.gz";
    private static final String ANCHOR = FOLDER + "README.md";

    private final ClassLoader loader;
    private volatile List<String> names;

    public SampleCatalog(ClassLoader loader) {
        this.loader = loader;
    }

    /** Names of the bundled samples, sorted (e.g. {@code [ch2bet]}). Listed once, then remembered. */
    public List<String> names() {
        List<String> result = names;
        if (result == null) {
            result = Collections.unmodifiableList(list());
            names = result;
        }
        return result;
    }

    /** The compressed bytes of sample {@code name}, empty when there is no such sample. */
    public Optional<InputStream> open(String name) {
        if (!DatasetSource.NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(loader.getResourceAsStream(FOLDER + name + SUFFIX));
    }

    private List<String> list() {
        URL anchor = loader.getResource(ANCHOR);
        if (anchor == null) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        try {
            if ("file".equals(anchor.getProtocol())) {
                Path folder = Path.of(anchor.toURI()).getParent();
                try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
                    for (Path file : files) {
                        found.add(stripSuffix(file.getFileName().toString()));
                    }
                }
            } else if ("jar".equals(anchor.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) anchor.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String entry = entries.nextElement().getName();
                        String rest = entry.startsWith(FOLDER) ? entry.substring(FOLDER.length()) : "";
                        if (rest.endsWith(SUFFIX) && !rest.contains("/")) {
                            found.add(stripSuffix(rest));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bundled samples at " + anchor, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list the bundled samples at " + anchor, e);
        }
        Collections.sort(found);
        return found;
    }

    private static String stripSuffix(String fileName) {
        return fileName.substring(0, fileName.length() - SUFFIX.length());
    }
}
