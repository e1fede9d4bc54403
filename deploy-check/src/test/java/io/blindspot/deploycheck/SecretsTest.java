package io.blindspot.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets checked in a throwaway git repository: what is ignored, tracked or committed decides. */
class SecretsTest {

    @TempDir
    Path repo;
    Path k8s;

    @BeforeEach
    void gitRepository() throws IOException {
        git("init", "-q");
        k8s = Files.createDirectories(repo.resolve("k8s"));
        Files.writeString(repo.resolve(".gitignore"), "k8s/credentials.env\n");
        Files.writeString(k8s.resolve("credentials.env"), "s3-secret-key=real\n");
        Files.writeString(k8s.resolve("credentials.env.example"), "s3-secret-key=\n");
        Files.writeString(k8s.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  A: b\n");
        kustomization("""
                resources: [cm.yaml]
                secretGenerator:
                  - name: blindspot-credentials
                    envs: [credentials.env]
                """);
    }

    void kustomization(String body) throws IOException {
        Files.writeString(k8s.resolve("kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n" + body);
    }

    void git(String... args) {
        var cmd = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        assertThat(Processes.run(repo, cmd).exitCode()).isZero();
    }

    List<String> violations() {
        return Secrets.violations(repo, k8s, Kustomize.render(k8s, "."));
    }

    @Test
    void aGeneratorFromAnIgnoredUntrackedFilePasses() {
        assertThat(violations()).isEmpty();
    }

    @Test
    void literalsFail() throws IOException {
        kustomization("""
                secretGenerator:
                  - name: blindspot-credentials
                    literals: [s3-secret-key=committed]
                """);
        assertThat(violations()).singleElement().asString().contains("has literals");
    }

    @Test
    void anEnvFileGitDoesNotIgnoreFails() throws IOException {
        Files.writeString(repo.resolve(".gitignore"), "");
        assertThat(violations()).singleElement().asString().contains("does not ignore");
    }

    @Test
    void anEnvFileGitTracksFails() {
        git("add", "-f", "k8s/credentials.env");
        assertThat(violations()).singleElement().asString().contains("which git tracks");
    }

    @Test
    void aSecretManifestWithValuesFails() throws IOException {
        Files.writeString(k8s.resolve("secret.yaml"),
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: hunter2\n");
        kustomization("resources: [secret.yaml]\n");
        assertThat(violations()).singleElement().asString().contains("Secret s is committed with values");
    }

    @Test
    void credentialsInAConfigMapOrAPlainEnvValueFail() {
        Rendered r = Fixtures.good();
        Fixtures.at(r, "ConfigMap", "blindspot-config", "/data").put("QUARKUS_DATASOURCE_PASSWORD", "blindspot");
        Fixtures.container(r, "ingest-service").withArray("env").addObject()
                .put("name", "BLINDSPOT_S3_ACCESS_KEY").put("value", "minio");
        assertThat(Secrets.violations(repo, k8s, r)).containsExactly(
                "ConfigMap/blindspot-config: key QUARKUS_DATASOURCE_PASSWORD looks like a credential with a committed "
                        + "value; put it in the Secret",
                "Deployment/ingest-service container ingest: env BLINDSPOT_S3_ACCESS_KEY has a literal value; take it "
                        + "from a Secret (secretKeyRef)");
    }
}
