package dev.continuity.emulator;

import com.sun.net.httpserver.HttpServer;
import dev.continuity.model.estate.Inventory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local emulator of the Azure Resource Manager endpoints Continuity's actions call, on loopback.
 * Point an Azure SDK client's resource-manager endpoint at {@link #baseUrl()}; the health-probe relay
 * is at {@link #probeRelayBase()}; the control endpoints are under {@code /_emulator/}
 * (see {@link EmulatorClient}).
 */
public final class ArmEmulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ArmEmulator.class);

  private final HttpServer server;
  private final ExecutorService workers;
  private final ScheduledExecutorService ticker;
  final Estate estate;

  private ArmEmulator(HttpServer server, ExecutorService workers, ScheduledExecutorService ticker, Estate estate) {
    this.server = server;
    this.workers = workers;
    this.ticker = ticker;
    this.estate = estate;
  }

  /**
   * Starts the emulator.
   *
   * @param port the loopback port; 0 picks a free one
   * @param stateFile where the state is persisted after every change (null: memory only); loaded when it exists
   * @param timeScale factor applied to Azure's realistic operation durations (0: operations finish at once)
   * @param inventory the estate to emulate when there is no state file to load (may be null: empty estate)
   */
  public static ArmEmulator start(int port, Path stateFile, double timeScale, Inventory inventory) {
    return start(port, stateFile, timeScale, inventory, Clock.systemUTC());
  }

  /**
   * Starts the emulator on another address than loopback, e.g. 0.0.0.0 in a container whose workers
   * reach it over the container network. Its answers name the host a request was sent to (its Host
   * header), so long-running-operation URLs stay reachable from the caller.
   */
  public static ArmEmulator start(String bindAddress, int port, Path stateFile, double timeScale, Inventory inventory) {
    InetAddress address;
    try {
      address = InetAddress.getByName(bindAddress);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot listen on address '" + bindAddress + "': " + e.getMessage(), e);
    }
    return start(address, port, stateFile, timeScale, inventory, Clock.systemUTC());
  }

  static ArmEmulator start(int port, Path stateFile, double timeScale, Inventory inventory, Clock clock) {
    return start(InetAddress.getLoopbackAddress(), port, stateFile, timeScale, inventory, clock);
  }

  private static ArmEmulator start(
      InetAddress bind, int port, Path stateFile, double timeScale, Inventory inventory, Clock clock) {
    if (timeScale < 0 || Double.isNaN(timeScale)) throw new IllegalArgumentException("time scale must be >= 0, not " + timeScale);
    StateFile file = stateFile == null ? null : new StateFile(stateFile);
    EmulatorState state;
    if (file != null && file.exists()) {
      state = file.load();
      log.info("emulator state loaded from {} ({} resources, {} journal entries)", file.path(), state.resources.size(), state.journal.size());
    } else {
      state = EstateSeeder.seed(inventory);
      log.info("emulator estate seeded from the inventory: {} resources", state.resources.size());
    }
    state.timeScale = timeScale;
    Estate estate = new Estate(state, clock, file);
    estate.operations = new LongRunningOperations(estate);
    List<ArmService> services = List.of(new TrafficManagerService(estate), new FrontDoorService(estate),
        new DnsService(estate), new CosmosDbService(estate), new StorageService(estate), new SqlService(estate),
        new RedisService(estate), new AksService(estate), new FlexibleServerService(estate), new DataFactoryService(estate), new ApplicationGatewayService(estate), new KeyVaultService(estate), new ChaosService(estate), new AppServiceService(estate), new MonitorService(estate),
        new ReadOnlyServices(estate));
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on " + bind.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
    }
    String host = "127.0.0.1:" + server.getAddress().getPort();
    RequestHold hold = new RequestHold();
    ControlApi control = new ControlApi(estate, () -> inventory == null ? null : EstateSeeder.seed(inventory), hold);
    server.createContext("/", new ArmRouter(estate, services, control, hold, new ProbeRelay(estate), host));
    ExecutorService workers = Executors.newFixedThreadPool(8, daemon("arm-emulator-http"));
    server.setExecutor(workers);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("arm-emulator-operations"));
    ticker.scheduleWithFixedDelay(() -> {
      try {
        synchronized (estate) {
          estate.operations.tick();
        }
      } catch (RuntimeException e) {
        log.error("completing operations failed", e);
      }
    }, 50, 50, TimeUnit.MILLISECONDS);
    server.start();
    synchronized (estate) {
      estate.persist();
    }
    log.info("ARM emulator listening on http://{} (time scale {})", host, timeScale);
    return new ArmEmulator(server, workers, ticker, estate);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The resource-manager endpoint, e.g. http://127.0.0.1:8123 (no trailing slash). */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The relay base for health probes: GET {probeRelayBase}/{vantage}?url={target}. */
  public String probeRelayBase() {
    return baseUrl() + "/_probe";
  }

  public void stop() {
    server.stop(0);
    ticker.shutdownNow();
    workers.shutdownNow();
    synchronized (estate) {
      estate.persist();
    }
    log.info("ARM emulator on port {} stopped", port());
  }

  @Override
  public void close() {
    stop();
  }
}
