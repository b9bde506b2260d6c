package dev.continuity.activities;

import com.azure.core.http.rest.Response;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.resources.fluent.ResourcesClient;
import com.azure.resourcemanager.resources.fluent.models.GenericResourceInner;
import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.Json;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads and patches a resource through ARM's generic resource API at an api-version of our choice.
 *
 * <p>Used where no per-service SDK artifact in reach speaks the api-version an action needs: the
 * MySQL flexible server artifact does not resolve on this build's mirror, and the PostgreSQL one
 * that does (1.0.0) predates replica promotion with promoteMode/promoteOption. The request still goes
 * through the SDK's generated client, pipeline and error mapping.
 */
final class GenericArm {
  private GenericArm() {}

  /** The resource's {@code properties} as JSON (missing node when it has none). */
  static JsonNode properties(AzureClients clients, ArmId id, String apiVersion, String role) {
    GenericResourceInner resource = AzureCall.run(id.id(), role,
        () -> resources(clients, id).getByIdWithResponse(bare(id), apiVersion, Context.NONE).getValue());
    Object props = resource == null ? null : resource.properties();
    return props == null ? Json.MAPPER.missingNode() : Json.MAPPER.valueToTree(props);
  }

  /** The resource's {@code properties}, or empty when ARM answers 404 (no such resource). */
  static Optional<JsonNode> find(AzureClients clients, ArmId id, String apiVersion, String role) {
    try {
      GenericResourceInner resource = resources(clients, id).getByIdWithResponse(bare(id), apiVersion, Context.NONE).getValue();
      Object props = resource == null ? null : resource.properties();
      return Optional.of(props == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.valueToTree(props));
    } catch (ManagementException e) {
      if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) return Optional.empty();
      throw ArmFailures.translate(e, id.id(), role);
    } catch (RuntimeException e) {
      throw ArmFailures.translate(e, id.id(), role);
    }
  }

  /** A PUT of a new resource in a location, for {@link ResumableOperation#start}. */
  static Supplier<Mono<Response<Flux<ByteBuffer>>>> put(AzureClients clients, ArmId id, String apiVersion, String location,
      Map<String, Object> properties) {
    GenericResourceInner body = new GenericResourceInner().withProperties(properties);
    body.withLocation(location);
    return () -> resources(clients, id).createOrUpdateByIdWithResponseAsync(bare(id), apiVersion, body);
  }

  /** A DELETE, for {@link ResumableOperation#start}. */
  static Supplier<Mono<Response<Flux<ByteBuffer>>>> delete(AzureClients clients, ArmId id, String apiVersion) {
    return () -> resources(clients, id).deleteByIdWithResponseAsync(bare(id), apiVersion);
  }

  /** A PATCH of the given properties, for {@link ResumableOperation#start}. */
  static Supplier<Mono<Response<Flux<ByteBuffer>>>> patch(AzureClients clients, ArmId id, String apiVersion,
      Map<String, Object> properties) {
    GenericResourceInner body = new GenericResourceInner().withProperties(properties);
    return () -> resources(clients, id).updateByIdWithResponseAsync(bare(id), apiVersion, body);
  }

  static String text(JsonNode node, String... path) {
    JsonNode n = node;
    for (String p : path) n = n.path(p);
    return n.isValueNode() && !n.isNull() ? n.asText() : null;
  }

  private static ResourcesClient resources(AzureClients clients, ArmId id) {
    return clients.resources(id.subscription()).serviceClient().getResources();
  }

  /** The SDK puts the ID after a '/' of its own. */
  private static String bare(ArmId id) {
    return id.id().replaceFirst("^/+", "");
  }
}
