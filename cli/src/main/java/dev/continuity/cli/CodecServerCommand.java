package dev.continuity.cli;

import dev.continuity.starter.codec.CodecServer;
import dev.continuity.starter.codec.EncryptionCodec;
import dev.continuity.starter.codec.PayloadKeys;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "codec-server",
    mixinStandardHelpOptions = true,
    description = {
        "Serves the payload codec to the Temporal Web UI until Ctrl-C, so operators read encrypted payloads in clear.",
        "Uses the keys of " + PayloadKeys.KEY + " or " + PayloadKeys.KEY_FILE + " (the worker's). In the Web UI, set "
            + "the codec endpoint (Settings, 'Codec Server') to this server's URL; or start the UI with it."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:stopped by Ctrl-C", "1:a payload key is malformed", "2:no payload keys configured, or the port is taken"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  CONTINUITY_PAYLOAD_KEY_FILE=/etc/continuity/payload.keys continuity codec-server --port 8888",
        "  continuity codec-server --port 8888 --ui-origin https://temporal.example.com"})
final class CodecServerCommand extends ContinuityCommand {

  @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: ${DEFAULT-VALUE}).", defaultValue = "8888")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: ${DEFAULT-VALUE}).",
      defaultValue = "127.0.0.1")
  String bind;

  @Option(names = "--ui-origin", paramLabel = "URL",
      description = "Web UI origin allowed to call it from a browser; repeatable (default: http://localhost:8233 and http://127.0.0.1:8233).")
  List<String> origins;

  @Override
  public Integer call() throws InterruptedException {
    PayloadKeys keys = root.connection().payloadKeys();
    if (keys == null) {
      err().println("continuity: no payload keys: set " + PayloadKeys.KEY + " (id:base64key) or " + PayloadKeys.KEY_FILE);
      return ExitCodes.USAGE;
    }
    Set<String> allowed = new LinkedHashSet<>(origins == null || origins.isEmpty()
        ? List.of("http://localhost:8233", "http://127.0.0.1:8233") : origins);
    CodecServer server;
    try {
      server = CodecServer.start(bind, port, new EncryptionCodec(keys), allowed);
    } catch (java.io.UncheckedIOException e) {
      err().println("continuity: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "codec-server-shutdown"));
    out().println("codec server: http://" + bind + ":" + server.port() + " (keys " + keys.ids() + ", current "
        + keys.currentId() + "; UI origins " + allowed + "); Ctrl-C to stop");
    out().flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
