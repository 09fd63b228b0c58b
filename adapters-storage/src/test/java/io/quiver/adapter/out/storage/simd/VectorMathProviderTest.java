package io.quiver.adapter.out.storage.simd;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.domain.vector.ScalarVectorMath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VectorMathProviderTest {

    @Test
    void choosesTheVectorApiWhenTheModuleIsPresent() {
        // surefire starts the test JVM with --add-modules jdk.incubator.vector (see surefire.vector.flags)
        assertThat(VectorMathProvider.vectorModulePresent()).isTrue();
        assertThat(VectorMathProvider.best()).isInstanceOf(PanamaVectorMath.class);
        assertThat(VectorMathProvider.describe()).contains("Vector API").contains("present");
    }

    @Test
    void fallsBackToScalarAndSaysHowToEnableSimdWhenTheModuleIsMissing() {
        VectorMathProvider.Choice choice = VectorMathProvider.choose(false);
        assertThat(choice.math()).isInstanceOf(ScalarVectorMath.class);
        assertThat(choice.reason()).contains("--add-modules jdk.incubator.vector");
    }

    @Test
    void bestIsChosenOnceAndShared() {
        assertThat(VectorMathProvider.best()).isSameAs(VectorMathProvider.best());
    }

    @Test
    void scalarIsAlwaysThePortableImplementation() {
        assertThat(VectorMathProvider.scalar()).isInstanceOf(ScalarVectorMath.class);
    }

    @Test
    void aJvmWithoutTheModuleRunsOnScalarKernelsInsteadOfFailing() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(
                java.toString(), "-cp", System.getProperty("java.class.path"), ProviderProbe.class.getName()))
                .redirectErrorStream(true)
                .start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }

        assertThat(finished).as("probe JVM finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("implementation=ScalarVectorMath")
                .contains("dot=32.0")
                .doesNotContain("NoClassDefFoundError");
    }
}
