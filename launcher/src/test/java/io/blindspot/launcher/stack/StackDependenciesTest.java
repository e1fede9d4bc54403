package io.blindspot.launcher.stack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's dependency rule (launcher/README.md): {@code stack} knows nothing of {@code cli}, so the CLI, the
 * end-to-end tests and bench start the same stack. Checked on the compiled classes: a class's constant pool names
 * every class it uses, as {@code io/blindspot/launcher/cli/...}.
 */
class StackDependenciesTest {
    @Test
    void noStackClassUsesTheCli() throws IOException, URISyntaxException {
        Path classes = Path.of(EmbeddedStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path stack = classes.resolve("io/blindspot/launcher/stack");
        List<Path> files;
        try (Stream<Path> s = Files.list(stack)) {
            files = s.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(text).as(f.getFileName().toString()).doesNotContain("io/blindspot/launcher/cli/");
        }
    }
}
