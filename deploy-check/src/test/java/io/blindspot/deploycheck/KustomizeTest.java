package io.blindspot.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KustomizeTest {

    @TempDir
    Path k8s;

    @Test
    void aMissingEnvFileIsRenderedFromItsExample() throws IOException {
        Files.writeString(k8s.resolve("credentials.env.example"), "s3-access-key=\ns3-secret-key=\n");
        Files.writeString(k8s.resolve("kustomization.yaml"), """
                secretGenerator:
                  - name: blindspot-credentials
                    envs: [credentials.env]
                """);
        assertThat(Kustomize.missingEnvFiles(k8s)).containsExactly(Path.of("credentials.env"));
        Rendered r = Kustomize.render(k8s, ".");
        assertThat(r.objects()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo("Secret");
            assertThat(m.name()).startsWith("blindspot-credentials-");
            assertThat(m.at("/data").has("s3-secret-key")).isTrue();
        });
        assertThat(k8s.resolve("credentials.env")).doesNotExist(); // the checkout is left as it was
    }

    @Test
    void overlaysAreTheFoldersOfK8sOverlays() throws IOException {
        assertThat(Kustomize.overlays(k8s)).containsExactly(".");
        for (String o : new String[] {"prod", "dev", "notes"}) {
            Files.createDirectories(k8s.resolve("overlays").resolve(o));
        }
        Files.writeString(k8s.resolve("overlays/dev/kustomization.yaml"), "resources: []\n");
        Files.writeString(k8s.resolve("overlays/prod/kustomization.yaml"), "resources: []\n");
        assertThat(Kustomize.overlays(k8s)).containsExactly("overlays/dev", "overlays/prod");
    }

    @Test
    void aBrokenKustomizationFailsWithKustomizesMessage() throws IOException {
        Files.writeString(k8s.resolve("kustomization.yaml"), "resources: [missing.yaml]\n");
        assertThatThrownBy(() -> Kustomize.render(k8s, ".")).hasMessageContaining("missing.yaml");
    }
}
