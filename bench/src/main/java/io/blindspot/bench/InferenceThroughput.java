package io.blindspot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.Npy;
import io.blindspot.inference.InferenceKernels;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Inference throughput of the shipped models: slices per second through ONNX Runtime Java (the inference-service's
 * own model runner through {@link InferenceKernels}, CPU execution provider) at batch 1, 8 and 32, beside PyTorch's own eval-mode inference of
 * the same architecture ({@code bench/python/torch_throughput.py}, torch.no_grad, the same number of intra-op
 * threads) in the same run, with the ratio ORT / PyTorch. Then the same on CUDA where the CUDA execution
 * provider starts, else one line saying why not.
 *
 * <p>Input: each model's parity input (two ch2bet training slices padded to 256 x 256) tiled to the batch size;
 * times are the median of repeated runs after two warm-up runs, each batch size timed for at least
 * {@code --min-seconds}. Runs alone or as the last part of {@link Benchmark}:
 * <pre>
 * java -cp 'bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' io.blindspot.bench.InferenceThroughput
 *      [--repo .] [--out bench/target] [--models ae-latent128,... (default: every models/*.onnx)]
 *      [--batches 1,8,32] [--threads N (default: available processors)] [--min-seconds 3] [--no-torch]
 * </pre>
 * Writes {@code OUT/inference-throughput.json} and {@code OUT/inference-throughput.md}.
 */
public final class InferenceThroughput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int WARMUP = 2;
    private static final int MIN_RUNS = 3;

    /** The command line. */
    public record Options(Path repo, Path out, List<String> models, List<Integer> batches, int threads,
                          double minSeconds, boolean torch) {
        public static Options parse(String[] args) {
            Path repo = Path.of(System.getProperty("blindspot.repo.root", "."));
            Path out = Path.of("bench/target");
            List<String> models = List.of();
            List<Integer> batches = List.of(1, 8, 32);
            int threads = Runtime.getRuntime().availableProcessors();
            double minSeconds = 3;
            boolean torch = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--repo" -> repo = Path.of(value(args, ++i));
                    case "--out" -> out = Path.of(value(args, ++i));
                    case "--models" -> models = List.of(value(args, ++i).split(","));
                    case "--batches" -> batches = Stream.of(value(args, ++i).split(",")).map(String::strip)
                            .map(Integer::parseInt).toList();
                    case "--threads" -> threads = Integer.parseInt(value(args, ++i));
                    case "--min-seconds" -> minSeconds = Double.parseDouble(value(args, ++i));
                    case "--no-torch" -> torch = false;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (--repo DIR, "
                            + "--out DIR, --models a,b, --batches 1,8,32, --threads N, --min-seconds S, --no-torch)");
                }
            }
            if (batches.isEmpty() || batches.stream().anyMatch(b -> b < 1) || threads < 1 || minSeconds < 0) {
                throw new IllegalArgumentException("--batches, --threads must be positive, --min-seconds >= 0");
            }
            return new Options(repo, out, models, batches, threads, minSeconds, torch);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    /** One (model, provider, batch) measurement; torch fields are NaN when PyTorch did not run. */
    public record Row(String model, String provider, int batch, int runs, double medianSeconds, double slicesPerSecond,
                      double torchSlicesPerSecond) {
        double ratio() {
            return slicesPerSecond / torchSlicesPerSecond;
        }
    }

    private final PrintStream out;

    public InferenceThroughput(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("inference-throughput: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            new InferenceThroughput(System.out).run(options);
            System.exit(0);
        } catch (Exception e) {
            System.err.println("inference-throughput: FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Measures, prints the table and writes the JSON and Markdown files; returns the rows. */
    public List<Row> run(Options o) throws Exception {
        Path repo = o.repo().toAbsolutePath().normalize();
        Path outDir = o.out().toAbsolutePath().normalize();
        Files.createDirectories(outDir);
        List<Path> models = modelFiles(repo.resolve("models"), o.models());
        Machine machine = Machine.current();
        out.printf(Locale.ROOT, "Inference throughput, %s, %s, load average %.2f; %d intra-op threads, batches %s%n",
                LocalDate.now(), machine.describe(), Machine.loadAverage(), o.threads(), o.batches());

        List<Row> rows = new ArrayList<>();
        Map<String, Object> torchInfo = new LinkedHashMap<>();
        InferenceKernels.Sessions cpu = InferenceKernels.sessions(InferenceKernels.CPU, o.threads());
        for (Path file : models) {
            String name = file.getFileName().toString().replaceFirst("\\.onnx$", "");
            FloatArray parity = Npy.read(Files.readAllBytes(file.resolveSibling(name + ".parity-input.npy")));
            Map<Integer, Double> torch = Map.of();
            if (o.torch()) {
                JsonNode t = torch(repo, file, o);
                torchInfo.put(name, t);
                torch = new LinkedHashMap<>();
                for (JsonNode r : t.get("rows")) {
                    torch.put(r.get("batch").asInt(), r.get("slices_per_second").asDouble());
                }
            }
            try (InferenceKernels.Model model = cpu.load(name, Files.readAllBytes(file))) {
                for (int batch : o.batches()) {
                    rows.add(measure(model, parity, batch, o.minSeconds(), InferenceKernels.CPU,
                            torch.getOrDefault(batch, Double.NaN)));
                    print(rows.getLast());
                }
            }
        }

        String cuda = cudaLine(o);
        if (cuda == null) {
            InferenceKernels.Sessions gpu = InferenceKernels.sessions(InferenceKernels.CUDA, o.threads());
            for (Path file : models) {
                String name = file.getFileName().toString().replaceFirst("\\.onnx$", "");
                FloatArray parity = Npy.read(Files.readAllBytes(file.resolveSibling(name + ".parity-input.npy")));
                try (InferenceKernels.Model model = gpu.load(name, Files.readAllBytes(file))) {
                    for (int batch : o.batches()) {
                        rows.add(measure(model, parity, batch, o.minSeconds(), InferenceKernels.CUDA, Double.NaN));
                        print(rows.getLast());
                    }
                }
            }
            cuda = "CUDA: measured above (provider cuda, device 0)";
        }
        out.println(cuda);
        write(outDir, machine, o, rows, torchInfo, cuda);
        return rows;
    }

    /** Every models/*.onnx (sorted), or the named ones. */
    static List<Path> modelFiles(Path dir, List<String> names) throws IOException {
        if (!names.isEmpty()) {
            List<Path> files = new ArrayList<>();
            for (String n : names) {
                Path f = dir.resolve(n.strip() + ".onnx");
                if (!Files.isRegularFile(f)) {
                    throw new IllegalArgumentException("no model " + f);
                }
                files.add(f);
            }
            return files;
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(".onnx")).sorted().toList();
        }
    }

    /** Median time of one run of {@code batch} planes (the parity planes repeated), after warm-up runs. */
    static Row measure(InferenceKernels.Model model, FloatArray parity, int batch, double minSeconds, String provider,
                       double torchSlicesPerSecond) {
        int plane = model.height() * model.width();
        int available = parity.shape()[0];
        float[] input = new float[batch * plane];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(parity.data(), (i % available) * plane, input, i * plane, plane);
        }
        for (int i = 0; i < WARMUP; i++) {
            model.run(input, batch);
        }
        List<Double> times = new ArrayList<>();
        long start = System.nanoTime();
        while (times.size() < MIN_RUNS || (System.nanoTime() - start) / 1e9 < minSeconds) {
            long t0 = System.nanoTime();
            model.run(input, batch);
            times.add((System.nanoTime() - t0) / 1e9);
        }
        double median = median(times);
        return new Row(model.name(), provider, batch, times.size(), median, batch / median, torchSlicesPerSecond);
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * Null when the CUDA execution provider starts (then CUDA is measured), else the line to print: "no GPU on
     * this machine" when no NVIDIA device node exists, otherwise the provider's reason.
     */
    static String cudaLine(Options o) {
        String reason = InferenceKernels.cudaFallbackReason(o.threads());
        if (reason == null) {
            return null;
        }
        boolean device = Files.exists(Path.of("/dev/nvidia0")) || Files.exists(Path.of("/dev/nvidiactl"));
        return device ? "CUDA: an NVIDIA device is present but the CUDA execution provider cannot start ("
                + reason + "); build with -Pgpu (onnxruntime_gpu) and CUDA 12 + cuDNN 9"
                : "CUDA: no GPU on this machine (ONNX Runtime: " + reason + ")";
    }

    private JsonNode torch(Path repo, Path model, Options o) throws Exception {
        List<String> command = List.of(PythonReference.PYTHON, repo.resolve("bench/python/torch_throughput.py")
                        .toString(), "--model", model.toString(), "--repo", repo.toString(), "--batches",
                String.join(",", o.batches().stream().map(String::valueOf).toList()), "--threads",
                String.valueOf(o.threads()), "--min-seconds", String.valueOf(o.minSeconds()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("torch_throughput.py failed for " + model + ": " + stdout);
        }
        JsonNode result = new ObjectMapper().readTree(stdout.lines().reduce((a, b) -> b).orElseThrow());
        out.printf(Locale.ROOT, "  PyTorch %s (%d threads) on %s: %s, %d parameters%n",
                result.get("torch").asText(), result.get("threads").asInt(), result.get("model").asText(),
                result.get("weights").asText(), result.get("parameters").asLong());
        return result;
    }

    private void print(Row r) {
        out.printf(Locale.ROOT, "  %-18s %-4s batch %3d: ORT %8.2f slices/s (%d runs, median %.4f s)%s%n", r.model(),
                r.provider(), r.batch(), r.slicesPerSecond(), r.runs(), r.medianSeconds(),
                Double.isNaN(r.torchSlicesPerSecond()) ? ""
                        : String.format(Locale.ROOT, " | PyTorch %8.2f slices/s | ORT/PyTorch %.2f",
                        r.torchSlicesPerSecond(), r.ratio()));
    }

    private static void write(Path outDir, Machine machine, Options o, List<Row> rows, Map<String, Object> torch,
                              String cuda) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", LocalDate.now().toString());
        json.put("machine", machine.describe());
        json.put("threads", o.threads());
        json.put("min_seconds", o.minSeconds());
        json.put("rows", rows.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", r.model());
            m.put("provider", r.provider());
            m.put("batch", r.batch());
            m.put("runs", r.runs());
            m.put("median_seconds", r.medianSeconds());
            m.put("ort_slices_per_second", r.slicesPerSecond());
            m.put("torch_slices_per_second", Double.isNaN(r.torchSlicesPerSecond()) ? null
                    : r.torchSlicesPerSecond());
            return m;
        }).toList());
        json.put("torch", torch);
        json.put("cuda", cuda);
        Files.writeString(outDir.resolve("inference-throughput.json"), JSON.writeValueAsString(json));

        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Inference throughput (%s, %s, %d intra-op threads; input 256 x 256)%n%n",
                LocalDate.now(), machine.describe(), o.threads()));
        md.append("| model | provider | batch | ONNX Runtime Java slices/s | PyTorch slices/s | ORT / PyTorch |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            boolean t = !Double.isNaN(r.torchSlicesPerSecond());
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %s | %s |%n", r.model(), r.provider(),
                    r.batch(), r.slicesPerSecond(), t ? String.format(Locale.ROOT, "%.2f", r.torchSlicesPerSecond())
                            : "-", t ? String.format(Locale.ROOT, "%.2f", r.ratio()) : "-"));
        }
        md.append('\n').append(cuda).append('\n');
        Files.writeString(outDir.resolve("inference-throughput.md"), md.toString());
    }
}
