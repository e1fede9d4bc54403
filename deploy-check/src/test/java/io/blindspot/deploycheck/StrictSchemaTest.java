package io.blindspot.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StrictSchemaTest {

    @Test
    void theGoodFixturePasses() {
        assertThat(Checks.schema(Fixtures.good())).isEmpty();
    }

    @Test
    void anUnknownFieldDeepInAPodIsRefused() {
        Rendered r = Fixtures.good();
        Fixtures.at(r, "Deployment", "ingest-service", "/spec/template/spec/containers/0/securityContext")
                .put("readOnlyRootFileSystem", true); // misspelt: the API server would refuse it in strict mode
        assertThat(Checks.schema(r)).singleElement().asString()
                .contains("Deployment/ingest-service", "readOnlyRootFileSystem", "securityContext");
    }

    @Test
    void aMisplacedFieldIsRefused() {
        Rendered r = Fixtures.good();
        Fixtures.at(r, "Deployment", "inference-service", "/spec").put("nodeSelector", "gpu"); // belongs in the pod spec
        assertThat(Checks.schema(r)).singleElement().asString().contains("nodeSelector");
    }

    @Test
    void aNumberWhereAStringBelongsIsRefused() {
        Rendered r = Fixtures.good();
        Fixtures.at(r, "ConfigMap", "blindspot-config", "/data").put("TOPIC_PARTITIONS", 4);
        assertThat(Checks.schema(r)).singleElement().asString().contains("ConfigMap/blindspot-config");
    }

    @Test
    void anUnknownFieldInAnHttpRouteIsRefused() {
        Rendered r = Fixtures.good();
        Fixtures.at(r, "HTTPRoute", "blindspot", "/spec/rules/0").put("backends", "x");
        assertThat(Checks.schema(r)).singleElement().asString().contains("HTTPRoute/blindspot", "backends");
    }

    @Test
    void scaledObjectFieldsAreCheckedByHand() {
        Rendered r = Fixtures.good();
        Fixtures.at(r, "ScaledObject", "inference-service", "/spec").put("maxReplicas", 4);
        Fixtures.at(r, "ScaledObject", "inference-service", "/spec/triggers/0/metadata").put("lagThreshold", 10);
        Fixtures.at(r, "ScaledObject", "inference-service", "/spec/triggers/0/metadata").remove("consumerGroup");
        assertThat(Checks.schema(r)).containsExactlyInAnyOrder(
                "ScaledObject/inference-service: unknown field \"maxReplicas\" at .spec",
                "ScaledObject/inference-service: .spec.triggers[0].metadata.lagThreshold must be a string (quote it)",
                "ScaledObject/inference-service: .spec.triggers[0].metadata.consumerGroup is required");
    }

    @Test
    void aKindWithNoKnownSchemaFails() {
        Rendered r = new Rendered("x", Manifest.parseAll("apiVersion: example.org/v1\nkind: Widget\nmetadata:\n  name: w\n"));
        assertThat(Checks.schema(r)).singleElement().asString().contains("no schema known");
    }

    @Test
    void externalSecretsAreCheckedByHand() {
        Rendered r = new Rendered("x", Manifest.parseAll("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata:
                  name: blindspot-credentials
                spec:
                  secretStoreRef: {name: vault, kind: ClusterSecretStore}
                  target: {name: blindspot-credentials}
                  data:
                    - secretKey: s3-access-key
                      remoteRef: {key: blindspot/s3, property: access-key}
                """));
        assertThat(Checks.schema(r)).isEmpty();
        Fixtures.at(r, "ExternalSecret", "blindspot-credentials", "/spec/data/0").put("remoteKey", "x");
        assertThat(Checks.schema(r)).singleElement().asString().contains("remoteKey");
    }
}
