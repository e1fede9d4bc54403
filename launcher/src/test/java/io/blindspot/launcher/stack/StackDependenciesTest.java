package io.blindspot.launcher.stack;

import io.blindspot.testing.ClassFileUses;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's dependency rule (launcher/README.md): {@code stack} knows nothing of {@code cli}, so the CLI, the
 * end-to-end tests and bench start the same stack. Checked on the compiled classes (test-fixtures'
 * {@link ClassFileUses}: a class's constant pool names every class it uses, as {@code io/blindspot/launcher/cli/...}).
 */
class StackDependenciesTest {
    @Test
    void noStackClassUsesTheCli() throws URISyntaxException {
        Path classes = Path.of(EmbeddedStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ClassFileUses launcher = new ClassFileUses(classes.resolve("io/blindspot/launcher"));
        assertThat(launcher.classFiles("stack")).isNotEmpty();
        assertThat(launcher.violations("stack", List.of("io/blindspot/launcher/cli/"))).isEmpty();
    }
}
