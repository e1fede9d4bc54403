package io.blindspot.launcher.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Argument handling of run/audit/figures that fails before any stack is needed. */
class CliOptionsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), Path.of("."));

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void auditNeedsAModel() {
        assertThat(cli.run(new String[] {"audit"})).isEqualTo(2);
        assertThat(errors()).contains("audit needs --model NAME");
    }

    @Test
    void slicesAndSplitGoWithADataset() {
        assertThat(cli.run(new String[] {"audit", "--model", "ae", "--slices", "128"})).isEqualTo(2);
        assertThat(cli.run(new String[] {"run", "presets/exp1.json", "--split", "train", "--ingest", "http://x",
                "--scoring", "http://y"})).isEqualTo(2);
        assertThat(errors()).contains("--slices and --split go with --dataset DIR");
    }

    @Test
    void unknownOptionsAreRefusedPerCommand() {
        assertThat(cli.run(new String[] {"audit", "--model", "ae", "--mode", "x"})).isEqualTo(2);
        assertThat(errors()).contains("unknown option --mode");
        assertThat(cli.run(new String[] {"figures", "--out", "f.png"})).isEqualTo(2);
        assertThat(errors()).contains("figures needs --experiments ID,ID and --out FILE");
    }

    @Test
    void upRefusesBadReplicasBeforeStartingAnything() {
        assertThat(cli.run(new String[] {"up", "--replicas", "scoring=2,nope=1", "--data", "target/never"}))
                .isEqualTo(2);
        assertThat(errors()).contains("unknown service 'nope'");
        assertThat(Path.of("target/never")).doesNotExist();
    }

    @Test
    void aDatasetRunNeedsAJsonSpec() {
        assertThat(cli.run(new String[] {"run", "spec.yaml", "--dataset", ".", "--ingest", "http://x",
                "--scoring", "http://y"})).isEqualTo(2);
        assertThat(errors()).contains("--dataset needs a JSON spec");
    }

    @Test
    void thresholdIsAnApInZeroToOne() {
        assertThat(AuditCommand.threshold(null)).isEqualTo(0.5);
        assertThat(AuditCommand.threshold("0.25")).isEqualTo(0.25);
        assertThat(AuditCommand.threshold("1")).isEqualTo(1.0);
        assertThatThrownBy(() -> AuditCommand.threshold("0")).isInstanceOf(CliException.class)
                .hasMessage("--threshold must be an AP in (0, 1], got '0'");
        assertThatThrownBy(() -> AuditCommand.threshold("high")).hasMessageContaining("got 'high'");
        // the audit request's other threshold forms (issue 14)
        assertThat(AuditCommand.thresholdNode(null).toString()).isEqualTo("0.5");
        assertThat(AuditCommand.thresholdNode("0.25").toString()).isEqualTo("0.25");
        assertThat(AuditCommand.thresholdNode("ap-normalised:0.5").toString())
                .isEqualTo("{\"metric\":\"ap-normalised\",\"below\":0.5}");
        assertThat(AuditCommand.thresholdNode("5x").toString()).isEqualTo("{\"times-chance\":5.0}");
        assertThat(AuditCommand.thresholdNode("times-chance:2.5").toString()).isEqualTo("{\"times-chance\":2.5}");
        assertThatThrownBy(() -> AuditCommand.thresholdNode("auroc:high")).isInstanceOf(CliException.class)
                .hasMessageContaining("METRIC:VALUE").hasMessageContaining("got 'auroc:high'");
    }

    @Test
    void theFiguresQueryListsTheExperimentsAndTheReference() {
        assertThat(FiguresCommand.figureQuery("a, b,", "r")).isEqualTo("?experiments=a,b&reference=r");
        assertThat(FiguresCommand.figureQuery("a", null)).isEqualTo("?experiments=a");
        assertThatThrownBy(() -> FiguresCommand.figureQuery(",", null)).hasMessage("--experiments lists no id");
    }

    @Test
    void aCurveIsATextureOrOneSigma() {
        double nan = Double.NaN;
        assertThat(ExperimentRunner.isCurve(new Grid(new double[] {nan}, new double[] {0, 1},
                new double[][] {{1, 1}}))).isTrue();
        assertThat(ExperimentRunner.isCurve(new Grid(new double[] {0, 0.5}, new double[] {0},
                new double[][] {{1}, {1}}))).isTrue();
        assertThat(ExperimentRunner.isCurve(new Grid(new double[] {0, 0.5}, new double[] {0, 1},
                new double[][] {{1, 1}, {1, 1}}))).isFalse();
    }
}
