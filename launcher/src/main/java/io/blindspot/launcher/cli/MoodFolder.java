package io.blindspot.launcher.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A MOOD-style folder of NIfTI volumes, split as the paper's code splits MOOD: files sorted by name, the first
 * {@code int(n * 0.6)} for training, the rest for testing ({@code train_idx = int(len(files) * 0.6)} in
 * residual-score-pitfalls' {@code split_mood_ds}; Python's {@code int} truncates, so 5 files give 3 + 2 and
 * 7 give 4 + 3).
 */
public final class MoodFolder {
    /** The share of files that trains; the rest tests. */
    static final double TRAIN_FRACTION = 0.6;

    /** Which part of the folder an experiment uses. */
    public enum Split {
        TEST, TRAIN, ALL;

        /** {@code test}, {@code train} or {@code all}. */
        public static Split parse(String name) {
            return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
                case "test" -> TEST;
                case "train" -> TRAIN;
                case "all" -> ALL;
                default -> throw new CliException(2, "--split must be test, train or all, got '" + name + "'");
            };
        }
    }

    private MoodFolder() {
    }

    /**
     * The folder's {@code *.nii} and {@code *.nii.gz} files (not recursive), sorted by file name as Python's
     * {@code sorted()} sorts them (code point order; the paper globs one folder, so names decide).
     *
     * @throws CliException when the folder does not exist or holds no NIfTI file
     */
    public static List<Path> volumes(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CliException(2, "--dataset " + dir + " is not a directory");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(Files::isRegularFile).filter(p -> isNifti(p.getFileName().toString())).forEach(files::add);
        } catch (IOException e) {
            throw new CliException(1, "cannot list " + dir + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new CliException(2, "--dataset " + dir + " holds no .nii or .nii.gz file");
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files;
    }

    static boolean isNifti(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".nii") || name.endsWith(".nii.gz");
    }

    /** Number of training files among {@code n}: {@code int(n * 0.6)}, the product in double as Python has it. */
    public static int trainCount(int n) {
        return (int) (n * TRAIN_FRACTION);
    }

    /** The part of the sorted {@code files} that {@code split} names. */
    public static <T> List<T> select(List<T> files, Split split) {
        int train = trainCount(files.size());
        return switch (split) {
            case TRAIN -> List.copyOf(files.subList(0, train));
            case TEST -> List.copyOf(files.subList(train, files.size()));
            case ALL -> List.copyOf(files);
        };
    }
}
