package io.quiver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quiver.bootstrap.QuiverConfig;
import io.quiver.bootstrap.QuiverServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code service.enable_tls} with PEM {@code tls.cert}/{@code tls.key}, as Qdrant configures HTTPS. */
class TlsTest {

    @TempDir
    Path dir;

    /** A self-signed certificate for 127.0.0.1/localhost, made with openssl for this test. */
    private Path[] selfSigned(String keyAlgorithm) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p;
        try {
            p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", keyAlgorithm, "-nodes",
                    "-keyout", key.toString(), "-out", cert.toString(), "-days", "1",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "openssl is not installed: " + e.getMessage());
            throw e;
        }
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return new Path[] {cert, key};
    }

    private static HttpClient trusting(Path certPem) throws Exception {
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(certPem)) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("quiver", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void theRestPortSpeaksHttpsWithAPemCertificateAndKey() throws Exception {
        Path[] pem = selfSigned("rsa:2048");
        try (QuiverTestServer server = QuiverTestServer.start(c -> c.withTls(pem[0], pem[1]))) {
            assertThat(server.baseUri().getScheme()).isEqualTo("https");
            HttpClient https = trusting(pem[0]);

            HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/healthz"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> collections = https.send(HttpRequest.newBuilder(
                    URI.create(server.baseUri() + "/collections")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("healthz check passed");
            assertThat(collections.statusCode()).isEqualTo(200);
            assertThat(collections.body()).contains("\"status\":\"ok\"");

            URI plain = URI.create("http://127.0.0.1:" + server.baseUri().getPort() + "/healthz");
            assertThatThrownBy(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .as("plain HTTP on the TLS port").isInstanceOf(IOException.class);
        }
    }

    @Test
    void anEllipticCurveKeyWorksToo() throws Exception {
        Path[] pem = selfSigned("ec:" + ecParams());
        try (QuiverTestServer server = QuiverTestServer.start(c -> c.withTls(pem[0], pem[1]))) {
            HttpResponse<String> r = trusting(pem[0]).send(HttpRequest.newBuilder(
                    URI.create(server.baseUri() + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    /** {@code -newkey ec:<file>} wants a parameters file. */
    private Path ecParams() throws Exception {
        Path params = dir.resolve("ec.pem");
        Process p = new ProcessBuilder("openssl", "ecparam", "-name", "prime256v1", "-out", params.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return params;
    }

    @Test
    void aMissingCertificateStopsStartUpWithAMessageNamingTheKey() throws Exception {
        Path storage = Files.createDirectories(dir.resolve("storage"));
        QuiverConfig config = new QuiverConfig("127.0.0.1", 0, storage, 32, null, null, "WARN")
                .withTls(dir.resolve("absent-cert.pem"), dir.resolve("absent-key.pem"));

        assertThatThrownBy(() -> QuiverServer.start(config).close())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tls.cert")
                .hasMessageContaining("absent-cert.pem");
    }
}
