package jp.kpireview.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The real programs the system tests run (LibreOffice, poppler, Chromium and its driver): each is waited for until it
 * and every process it started have exited, so that no program still writes into a folder the test is about to
 * delete. The one limit is {@link SystemTest#PATIENCE}, a guard against a program that hangs, not a measure of speed: a
 * conversion that takes seconds on a quiet machine still passes on one whose two cores are busy.
 */
public final class Programs {

    private Programs() {
    }

    /** Fails, naming what to install, when {@code program} is not on this machine; the system tests never skip. */
    public static void requireInstalled(Path program, String debianPackage) {
        assertTrue(Files.isExecutable(program), program + " is not installed: .ci/run installs it (apt-get install "
                + debianPackage + ")");
    }

    /** Runs {@code command} in {@code dir}, waits for it and its children; what it printed. Exit 0, or the test fails. */
    public static String run(Path dir, String... command) throws IOException, InterruptedException {
        String named = String.join(" ", command);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        // read on a thread of its own: a program whose output is not read blocks once the pipe is full
        CompletableFuture<byte[]> out = new CompletableFuture<>();
        Thread.startVirtualThread(() -> {
            try {
                out.complete(p.getInputStream().readAllBytes());
            } catch (IOException e) {
                out.completeExceptionally(e);
            }
        });
        // the processes it starts (LibreOffice's soffice.bin behind its launcher), seen while it runs
        Set<ProcessHandle> family = new LinkedHashSet<>();
        long deadline = System.nanoTime() + SystemTest.PATIENCE.toNanos();
        while (!p.waitFor(1, TimeUnit.SECONDS)) {
            p.descendants().forEach(family::add);
            if (System.nanoTime() > deadline) {
                stop(p.toHandle(), List.copyOf(family));
                fail(named + " did not finish in " + SystemTest.PATIENCE.toMinutes() + " minutes");
            }
        }
        awaitExit(List.copyOf(family));
        String text;
        try {
            text = new String(out.get(SystemTest.PATIENCE.toSeconds(), TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(named + ": its output could not be read", e);
        }
        assertEquals(0, p.exitValue(), named + ":\n" + text);
        return text;
    }

    /**
     * Waits until every process of {@code family} has exited; those still running after {@link SystemTest#PATIENCE}
     * are killed and waited for again.
     */
    public static void awaitExit(List<ProcessHandle> family) throws InterruptedException {
        long deadline = System.nanoTime() + SystemTest.PATIENCE.toNanos();
        for (ProcessHandle p : family) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException hung) {
                p.destroyForcibly();
            } catch (ExecutionException cannot) {
                throw new IllegalStateException(cannot);
            }
        }
        for (ProcessHandle p : family) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                System.err.println("process " + p.pid() + " did not exit after it was killed");
            }
        }
    }

    /** Kills {@code root} and {@code family} and waits for them. */
    static void stop(ProcessHandle root, List<ProcessHandle> family) throws InterruptedException {
        root.destroyForcibly();
        family.forEach(ProcessHandle::destroyForcibly);
        awaitExit(java.util.stream.Stream.concat(java.util.stream.Stream.of(root), family.stream()).toList());
    }

    /**
     * Deletes a folder real programs wrote into, once they have exited. A folder that cannot be deleted is reported
     * on the test's error output, never an error of the test: what is tested is the program's work, not the cleanup.
     */
    public static void deleteQuietly(Path folder) {
        try {
            jp.kpireview.io.Folders.deleteTree(folder);
        } catch (RuntimeException e) {
            System.err.println("left " + folder + ": " + e);
        }
    }
}
