package io.blindspot.launcher.cli;

/** The help of the {@code blindspot} command line: printed by {@code --help} and after every usage error. */
final class Usage {
    static final String TEXT = """
            usage: blindspot <command> [options]
              up   [--data DIR] [--replicas synth=2,inference=2,scoring=2]
                                                     start the stack and keep it running until Ctrl-C;
                                                     --replicas: JVMs per service, each with its own port,
                                                     log (logs/SVC.log, logs/SVC-2.log, ...) and instance id
                                                     SVC-N; stack.json lists them (SVC, SVC-2, ...)
              run  SPEC.json|SPEC.yaml [--data DIR | --ingest URL --scoring URL] [--out DIR]
                   [--dataset DIR [--slices 128 | 120:140 | 80,85] [--split test|train|all]]
                                                     run one experiment on a running stack, save CSVs and
                                                     figures; --dataset runs it on a MOOD-style folder of .nii /
                                                     .nii.gz volumes (sorted; the first int(0.6 n) train, the rest
                                                     test), slice 128 of axis 2 by default, positions -> seed
              audit --model NAME [--dataset DIR [--slices S] [--split P]] [--threshold 0.5]
                   [--data DIR | --ingest URL --scoring URL] [--out DIR]
                                                     the blind-spot report of a registered model: experiment 3 in
                                                     both modes matched to experiment 1, on the bundled brain or
                                                     a folder; starts the stack when none runs; saves
                                                     OUT/audit-NAME/{audit.json,page.html,figure.png,figure.svg};
                                                     --threshold: an AP (0.5), METRIC:VALUE (ap-normalised:0.5,
                                                     auroc:0.7) or a multiple of AP's chance level (5x)
              figures --experiments ID,ID [--reference ID] --out FILE[.png|.svg]
                   [--data DIR | --scoring URL]      the curves of several experiments in one figure
              demo [--data DIR] [--out DIR]          start the stack, run the golden case and the paper's
                                                     experiment 1, compare with the golden values, stop
            defaults: --data <repo>/.blindspot, --out out/, --split test
            token: run, audit and figures send BLINDSPOT_TOKEN, else the token file of the --data stack
                   (DIR/token, written and printed by 'up')""";

    private Usage() {
    }
}
