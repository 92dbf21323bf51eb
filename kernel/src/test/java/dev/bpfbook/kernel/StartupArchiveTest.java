package dev.bpfbook.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupArchiveTest {
    @Test
    void archiveLivesBesideTheJupyterDataDirectory() {
        assertEquals(Path.of("/usr/local/share/bpfbook"),
                KernelSpec.startupArchive(Path.of("/usr/local/share/jupyter/kernels")).dir());
        assertEquals(Path.of("/p/share/bpfbook"), KernelSpec.startupArchive(Path.of("/p/share/jupyter/kernels")).dir());
    }

    @Test
    void kernelJsonCarriesTheFlagsBeforeTheJar() {
        StartupArchive startup = new StartupArchive(Path.of("/c"));
        String json = KernelSpec.json(Path.of("/j/java"), Path.of("/b.jar"), startup.kernelFlags());
        assertTrue(json.contains("\"argv\": [\"/j/java\", \"-Djava.awt.headless=true\", "
                + "\"-XX:SharedArchiveFile=/c/bpfbook.jsa\", \"-Xshare:auto\", \"-XX:+UseSerialGC\", "
                + "\"-Dbpfbook.jnidispatch=/c/libjnidispatch.so\", \"-jar\", \"/b.jar\", \"kernel\", \"{connection_file}\"]"), json);
        assertEquals(List.of("-XX:SharedArchiveFile=/c/bpfbook.jsa", "-Xshare:auto", "-XX:+UseSerialGC",
                "-Dbpfbook.jnidispatch=/c/libjnidispatch.so", "-XX:TieredStopAtLevel=1"), startup.cliFlags());
    }

    @Test
    void argFileQuotesSpacesQuotesAndBackslashes() {
        assertEquals("\"/opt/a b/\\\"q\\\"\\\\x.jar\"", StartupArchive.argFileQuote("/opt/a b/\"q\"\\x.jar"));
    }

    @Test
    void jnaLoadsTheUnpackedLibraryOnlyWhenItIsTheJarsOwn(@TempDir Path dir) throws IOException {
        Path lib = dir.resolve("libjnidispatch.so");
        try (InputStream in = Main.class.getClassLoader().getResourceAsStream(StartupArchive.JNIDISPATCH_ENTRY)) {
            assertNotNull(in, StartupArchive.JNIDISPATCH_ENTRY);
            Files.copy(in, lib);
        }
        String before = System.getProperty("jna.boot.library.path");
        assertNull(before, "the test JVM sets no jna.boot.library.path");
        try {
            System.setProperty(StartupArchive.JNIDISPATCH_PROPERTY, lib.toString());
            StartupArchive.preferFastJna();
            assertEquals(dir.toString(), System.getProperty("jna.boot.library.path"));

            System.clearProperty("jna.boot.library.path");
            byte[] other = Files.readAllBytes(lib);
            other[other.length / 2] ^= 1;
            Files.write(lib, other);
            StartupArchive.preferFastJna();
            assertNull(System.getProperty("jna.boot.library.path"), "a different library is left to JNA");
            assertNotNull(System.getProperty("jna.platform.library.path"));
        } finally {
            System.clearProperty("jna.boot.library.path");
            System.clearProperty(StartupArchive.JNIDISPATCH_PROPERTY);
        }
    }
}
