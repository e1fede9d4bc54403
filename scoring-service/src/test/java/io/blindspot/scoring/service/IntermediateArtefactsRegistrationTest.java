package io.blindspot.scoring.service;

import io.blindspot.scoring.repository.ScoredReconstructions;
import io.blindspot.scoring.repository.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scored-sigma marks on a real PostgreSQL: what registration finds when slices were scored before their
 * experiment was known (the experiments and reconstructions topics race).
 */
class IntermediateArtefactsRegistrationTest {
    private static TestPostgres db;
    private static ScoredReconstructions scored;

    @BeforeAll
    static void start() throws Exception {
        db = TestPostgres.start();
        scored = new ScoredReconstructions(db.dataSource());
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @Test
    void registrationFindsTheSlicesWhoseEverySigmaIsScored() {
        String a = "experiments/e1/slices/v000-axis2-0060/anomalous.npy";
        String b = "experiments/e1/slices/v000-axis2-0070/anomalous.npy";
        String other = "experiments/e10/slices/v000-axis2-0060/anomalous.npy";
        assertThat(scored.markAndCount(a, "gaussian-blur", "normal-rec", 0, 3)).isEqualTo(3);
        assertThat(scored.markAndCount(b, "gaussian-blur", "normal-rec", 0, 2)).isEqualTo(2);
        assertThat(scored.markAndCount(other, "gaussian-blur", "normal-rec", 0, 3)).isEqualTo(3);

        // b lacks its third sigma; e10's slice is another experiment, although its id starts like e1's
        assertThat(scored.completeSlices("experiments/e1/", 3)).containsExactly(a);
        assertThat(scored.markAndCount(b, "gaussian-blur", "normal-rec", 2, 1)).isEqualTo(3);
        assertThat(scored.completeSlices("experiments/e1/", 3)).containsExactlyInAnyOrder(a, b);
        assertThat(scored.completeSlices("experiments/e2/", 3)).isEmpty();
    }

    @Test
    void theVariantsOfAScoredSliceAreItsPlaneAndTheLabelValuesBesideIt() {
        assertThat(IntermediateArtefacts.variantsKeys("experiments/e/slices/v000-axis2-0060/anomalous.npy"))
                .containsExactly("experiments/e/slices/v000-axis2-0060/anomalous.npy",
                        "experiments/e/slices/v000-axis2-0060/label-values.npy");
    }
}
