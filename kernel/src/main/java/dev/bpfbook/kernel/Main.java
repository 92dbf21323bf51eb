package dev.bpfbook.kernel;

import dev.bpfbook.runtime.Session;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The runnable jar: {@code kernel CONNECTION_FILE} runs the Jupyter kernel, {@code install [...]} writes
 * its kernelspec, anything else is the bpftrace-compatible command line.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        StartupArchive.preferFastJna(); // before anything touches JNA
        if (args.length > 0 && args[0].equals("kernel")) {
            if (args.length != 2) {
                System.err.println("usage: java -jar bpfbook.jar kernel CONNECTION_FILE");
                System.exit(2);
            }
            runKernel(Path.of(args[1]));
        } else if (args.length > 0 && args[0].equals("install")) {
            System.exit(KernelSpec.install(Arrays.copyOfRange(args, 1, args.length)));
        } else {
            cli(args);
        }
    }

    private static void runKernel(Path connectionFile) throws Exception {
        // basekernel logs every message at INFO to stderr, i.e. the notebook server's terminal.
        Logger.getLogger("").setLevel(Level.WARNING);
        KernelConnectionProperties connection = KernelConnectionProperties.parse(Files.readString(connectionFile));
        String unavailable = Session.bpfUnavailableReason();
        try (CellRunner cells = new CellRunner(new Session(), unavailable)) {
            BpftraceKernel kernel = new BpftraceKernel(cells);
            JupyterConnection jupyter = new JupyterConnection(connection);
            kernel.becomeHandlerForConnection(jupyter);
            jupyter.connect();
            jupyter.waitUntilClose();
        }
        // A cell may still be unwinding on the shell thread; its session is closed, so leave now.
        System.exit(0);
    }

    private static void cli(String[] args) {
        dev.bpfbook.runtime.Cli.main(args);
    }
}
