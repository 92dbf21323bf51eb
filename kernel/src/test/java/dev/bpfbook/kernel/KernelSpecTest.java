package dev.bpfbook.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KernelSpecTest {
    @Test
    void kernelJsonRunsThisJarWithMessageInterrupts(@TempDir Path dir) throws IOException {
        Path spec = KernelSpec.write(dir.resolve("bpftrace"), Path.of("/opt/jdk/bin/java"), Path.of("/opt/b \"q\"/bpfbook.jar"));
        assertEquals("""
                {
                  "argv": ["/opt/jdk/bin/java", "-Djava.awt.headless=true", "-jar", "/opt/b \\"q\\"/bpfbook.jar", "kernel", "{connection_file}"],
                  "display_name": "bpftrace",
                  "language": "bpftrace",
                  "interrupt_mode": "message",
                  "metadata": {"debugger": false}
                }
                """, Files.readString(spec.resolve("kernel.json")));
        for (int size : new int[]{32, 64}) {
            BufferedImage logo = ImageIO.read(spec.resolve("logo-" + size + "x" + size + ".png").toFile());
            assertEquals(size, logo.getWidth());
            assertEquals(size, logo.getHeight());
        }
    }
}
