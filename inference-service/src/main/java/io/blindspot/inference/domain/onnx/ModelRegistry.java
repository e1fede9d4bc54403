package io.blindspot.inference.domain.onnx;

import io.blindspot.inference.domain.Reconstructor;
import io.blindspot.inference.domain.Reconstructors;
import io.blindspot.inference.domain.batching.BatchPolicy;
import io.blindspot.inference.domain.batching.MicroBatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The ONNX models this service can run, by name.
 *
 * <p>The object store is the registry: {@link #register} checks a file against {@link OnnxContract} by loading
 * it and only then stores it under {@code models/NAME.onnx}; nothing is stored for a file that fails. Models are
 * loaded lazily on first use by name ({@link #model}), from this process's cache or else from the store, so
 * another replica or a restart finds every registered model. A name is registered once (no overwrite, no
 * delete), which is what lets each model's session live as long as the service. Two replicas registering the
 * same new name at the same moment may both succeed (the store has no compare-and-set); the later write wins.
 *
 * <p>As reconstructors, models are named {@code onnx:NAME} ({@link #registerIn}). Thread-safe.
 */
public final class ModelRegistry implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ModelRegistry.class.getName());

    public static final String FAMILY = "onnx";
    public static final String NAME_RULE = "[a-z0-9][a-z0-9._-]{0,63}";
    private static final Pattern NAME = Pattern.compile(NAME_RULE);

    /** A model name that breaks {@link #NAME_RULE}. */
    public static final class InvalidModelNameException extends IllegalArgumentException {
        InvalidModelNameException(String name) {
            super((name == null || name.isEmpty() ? "a model name is required" : "model name '"
                    + OnnxHeader.printable(name) + "' is invalid") + ": it must match " + NAME_RULE
                    + " (lower-case letters, digits, '.', '_', '-'; at most 64 characters)");
        }
    }

    /** A name that is already registered. */
    public static final class DuplicateModelException extends IllegalArgumentException {
        DuplicateModelException(String name) {
            super("model '" + name + "' is already registered; choose another name");
        }
    }

    /** A name nothing is registered under. */
    public static final class UnknownModelException extends IllegalArgumentException {
        UnknownModelException(String name, List<String> registered) {
            super("unknown model '" + name + "'; registered: " + registered);
        }
    }

    /** Makes the run listener (metrics) of each model's batcher, by model name. */
    @FunctionalInterface
    public interface BatchListeners {
        MicroBatcher.Listener forModel(String name);

        BatchListeners NONE = name -> MicroBatcher.Listener.NONE;
    }

    private final ModelStore store;
    private final OnnxSessions sessions;
    private final BatchPolicy batchPolicy;
    private final BatchListeners listeners;
    private final OnnxHeader.Limits limits;
    private final Map<String, OnnxReconstructor> loaded = new ConcurrentHashMap<>();
    private final Object loadLock = new Object();

    /** @param batchSize at most this many planes per model run, no waiting for more */
    public ModelRegistry(ModelStore store, OnnxSessions sessions, int batchSize) {
        this(store, sessions, BatchPolicy.immediate(requirePositive(batchSize)), BatchListeners.NONE);
    }

    /**
     * @param batchPolicy planes per model run and wait ({@code blindspot.inference.batch.*}), shared by every
     *                    caller of a model
     * @param listeners   each model's run listener
     */
    public ModelRegistry(ModelStore store, OnnxSessions sessions, BatchPolicy batchPolicy, BatchListeners listeners) {
        this(store, sessions, batchPolicy, listeners, OnnxHeader.Limits.DEFAULT);
    }

    /** @param limits what an uploaded file is checked against before ONNX Runtime sees it ({@link OnnxHeader}) */
    public ModelRegistry(ModelStore store, OnnxSessions sessions, BatchPolicy batchPolicy, BatchListeners listeners,
                         OnnxHeader.Limits limits) {
        this.limits = limits;
        this.store = store;
        this.sessions = sessions;
        this.batchPolicy = batchPolicy;
        this.listeners = listeners;
    }

    private static int requirePositive(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("blindspot.inference.batch.size must be >= 1, got " + batchSize);
        }
        return batchSize;
    }

    private OnnxReconstructor reconstructorOf(OnnxModel model) {
        return new OnnxReconstructor(model, batchPolicy, listeners.forModel(model.name()));
    }

    /** Adds the {@code onnx:NAME} family to a reconstructor registry; the sigma of an experiment is ignored. */
    public Reconstructors registerIn(Reconstructors reconstructors) {
        return reconstructors.register(FAMILY, FAMILY + ":<model>", (argument, sigma) -> {
            if (argument == null || argument.isEmpty()) {
                throw new IllegalArgumentException("reconstructor '" + FAMILY + "' needs a model name: "
                        + FAMILY + ":<model>; registered: " + names());
            }
            return reconstructor(argument);
        });
    }

    /**
     * Checks and stores a new model.
     *
     * @throws InvalidModelNameException for a bad name
     * @throws DuplicateModelException   when the name is taken
     * @throws ModelContractException    when the file does not load or breaks the contract (nothing stored)
     */
    public ModelInfo register(String name, byte[] onnx) {
        return register(name, () -> OnnxHeader.check(ByteBuffer.wrap(onnx == null ? new byte[0] : onnx), limits),
                () -> OnnxModel.load(name, onnx, sessions), () -> store.write(name, onnx));
    }

    /**
     * Checks and stores a new model from a file (an upload buffered on disk): the file is checked through a
     * memory map ({@link OnnxHeader}), ONNX Runtime reads it from its path, and it streams to the store, so it
     * is never whole in the Java heap.
     */
    public ModelInfo register(String name, Path file) {
        return register(name, () -> {
            try (FileChannel channel = FileChannel.open(file)) {
                OnnxHeader.check(channel.size() == 0 ? ByteBuffer.allocate(0)
                        : channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()), limits);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the uploaded model", e);
            }
        }, () -> OnnxModel.load(name, file, sessions), () -> store.write(name, file));
    }

    private ModelInfo register(String name, Runnable checkHeader, java.util.function.Supplier<OnnxModel> load,
                               Runnable write) {
        requireValidName(name);
        synchronized (loadLock) {
            if (loaded.containsKey(name) || store.exists(name)) {
                throw new DuplicateModelException(name);
            }
            // The file's bytes are checked before ONNX Runtime (native code) parses them.
            checkHeader.run();
            OnnxModel model = load.get();
            try {
                write.run();
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
            loaded.put(name, reconstructorOf(model));
            LOG.log(Level.INFO, "registered model {0}: input {1}x{2}, metadata {3}", name, model.height(),
                    model.width(), model.metadata());
            return ModelInfo.of(model);
        }
    }

    /**
     * The model called {@code name}, loaded from the store on first use.
     *
     * @throws UnknownModelException  when no such model is registered
     * @throws ModelContractException when the stored file does not load
     */
    public OnnxModel model(String name) {
        return reconstructor(name).model();
    }

    /** The model's reconstructor (one per model, shared). */
    public OnnxReconstructor reconstructor(String name) {
        OnnxReconstructor cached = loaded.get(name);
        if (cached != null) {
            return cached;
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new UnknownModelException(String.valueOf(name), names());
        }
        synchronized (loadLock) {
            cached = loaded.get(name);
            if (cached != null) {
                return cached;
            }
            Optional<byte[]> bytes = store.read(name);
            if (bytes.isEmpty()) {
                throw new UnknownModelException(name, names());
            }
            OnnxModel model;
            try {
                model = OnnxModel.load(name, bytes.get(), sessions);
            } catch (ModelContractException e) {
                throw new ModelContractException("stored model '" + name + "' cannot be used: " + e.getMessage(), e);
            }
            OnnxReconstructor created = reconstructorOf(model);
            loaded.put(name, created);
            LOG.log(Level.INFO, "loaded model {0} from the store", name);
            return created;
        }
    }

    public ModelInfo describe(String name) {
        return ModelInfo.of(model(name));
    }

    /** Every registered model, by name; a stored file that no longer loads is listed with its error. */
    public List<ModelInfo> list() {
        List<ModelInfo> infos = new ArrayList<>();
        for (String name : names()) {
            try {
                infos.add(describe(name));
            } catch (IllegalArgumentException e) {
                infos.add(ModelInfo.broken(name, e.getMessage()));
            }
        }
        return infos;
    }

    /** Names in the store and in this process, sorted. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>(loaded.keySet());
        names.addAll(store.names());
        return List.copyOf(names);
    }

    /**
     * Registers every {@code NAME.onnx} in {@code dir} whose name is not taken yet (the models shipped with the
     * service; a name already registered keeps its stored file). A file that fails the checks is logged and
     * skipped: shipped models must not stop the service.
     *
     * @return the names registered now
     */
    public List<String> registerBundled(Path dir) {
        return registerBundled(dir, error -> false);
    }

    /**
     * As {@link #registerBundled(Path)}, but a failure that {@code retryLater} accepts (the object store out of
     * reach) ends the pass by propagating, so that the caller can run the whole pass again later: names
     * registered before it are skipped then. Failures of a file itself (unreadable, breaks the checks) are
     * still logged and skipped.
     */
    public List<String> registerBundled(Path dir, Predicate<Throwable> retryLater) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".onnx")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list bundled models in " + dir, e);
        }
        List<String> registered = new ArrayList<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - ".onnx".length());
            byte[] onnx;
            try {
                onnx = Files.readAllBytes(file);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "bundled model {0} not registered: {1}", file, e.getMessage());
                continue;
            }
            try {
                if (loaded.containsKey(name) || (NAME.matcher(name).matches() && store.exists(name))) {
                    continue;
                }
                register(name, onnx);
                registered.add(name);
            } catch (RuntimeException e) {
                if (retryLater.test(e)) {
                    throw e;
                }
                LOG.log(Level.WARNING, "bundled model {0} not registered: {1}", file, e.getMessage());
            }
        }
        return registered;
    }

    /** @throws InvalidModelNameException when {@code name} breaks {@link #NAME_RULE} */
    public static void requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidModelNameException(name);
        }
    }

    @Override
    public void close() {
        synchronized (loadLock) {
            loaded.values().forEach(r -> {
                r.close();
                r.model().close();
            });
            loaded.clear();
        }
    }
}
