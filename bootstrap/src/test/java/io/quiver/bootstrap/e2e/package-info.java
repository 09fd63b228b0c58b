/**
 * End-to-end tests over real HTTP, every exchange checked against Qdrant's OpenAPI document.
 *
 * <h2>Adding tests for a new endpoint</h2>
 * <ol>
 *   <li>One server per test class:
 *       {@code @RegisterExtension static final QuiverTestServer SERVER = QuiverTestServer.perClass();}
 *       and use unique collection names per test (the tests of a class share the server).</li>
 *   <li>Call it through {@code SERVER.client()} ({@link io.quiver.bootstrap.e2e.ContractClient}):
 *       {@code client.post("/collections/c/points/query").query("timeout", 5).json("{…}").send()}. The request
 *       and the response are validated against {@link io.quiver.bootstrap.e2e.QdrantSpec#V1_19}; nothing else
 *       is needed for a documented operation. Assert on the returned
 *       {@link io.quiver.bootstrap.e2e.ApiResponse} ({@code result()}, {@code error()}, {@code json()}) and use
 *       {@link io.quiver.bootstrap.e2e.QdrantAssertions#assertOk} / {@code assertError} for the envelopes.</li>
 *   <li>Negative tests whose request the document itself forbids (bad enum, value below a minimum, broken
 *       JSON): add {@code .violatingSpec()}. A path or method the document lacks: {@code .outsideSpec()}.</li>
 *   <li>Operations missing from the 1.19 document (legacy {@code points/search}, {@code recommend},
 *       {@code discover} and their batch/groups forms): {@code client.using(QdrantSpec.V1_18)}.</li>
 *   <li>A validator message that is a false positive of the library (not a real difference): add a narrow
 *       rule with an explanation in {@code QdrantSpec.whitelist()}; never switch response validation off.</li>
 *   <li>A server configured differently (API keys, a small request limit, CORS off, TLS):
 *       {@code QuiverTestServer.perClass(c -> c.withApiKeys("key", null))}, or
 *       {@code QuiverTestServer.start(c -> c.withMaxRequestSizeMb(1))} in a try-with-resources.</li>
 *   <li>Crash and restart tests: {@link io.quiver.bootstrap.e2e.QuiverProcess} runs the server as a separate
 *       OS process ({@code kill()} = SIGKILL, {@code stop()} = SIGTERM).</li>
 *   <li>Snapshots: a test server keeps them in {@code storage().resolve("snapshots")} (deleted with the
 *       storage), so {@code file://} recoveries can point there. Binary downloads and multipart uploads go
 *       through a plain {@code HttpClient} (see {@code SnapshotsTest}); a second server for recoveries is
 *       {@code QuiverTestServer.start()}.</li>
 *   <li>Requests no document describes (broken JSON bytes, wrong content types, raw sockets): see
 *       {@code HostileInputTest}, which sends them raw and checks Qdrant's error envelope itself.</li>
 * </ol>
 */
package io.quiver.bootstrap.e2e;
