package dev.continuity.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.continuity.model.actions.ActionCatalog;
import dev.continuity.model.actions.ActionSpec;
import dev.continuity.model.estate.ResourceKinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schemas under runbooks/schema: the parts generated from the code (action names and
 * parameters, resource kinds) must equal what the code says, and every shipped YAML must validate.
 * Run with {@code -Dcontinuity.writeSchemas=true} to regenerate those parts after changing an action.
 */
class SchemaFilesTest {
  static final Path SCHEMAS = ShippedRunbooksTest.SHIPPED.resolve("schema");
  static final Path RUNBOOK_SCHEMA = SCHEMAS.resolve("runbook.schema.json");
  static final Path INVENTORY_SCHEMA = SCHEMAS.resolve("inventory.schema.json");
  static final ObjectMapper JSON = new ObjectMapper();
  static final YAMLMapper YAML = new YAMLMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The action enum and, for each action, an if/then that fixes its parameters. */
  static ObjectNode generatedActions() {
    ObjectNode out = NODES.objectNode();
    ArrayNode names = NODES.arrayNode();
    ActionCatalog.names().forEach(names::add);
    out.set("action", NODES.objectNode().set("enum", names));
    ArrayNode rules = NODES.arrayNode();
    for (ActionSpec spec : ActionCatalog.all()) {
      ObjectNode rule = NODES.objectNode();
      ObjectNode ifAction = NODES.objectNode();
      ifAction.putObject("properties").putObject("action").put("const", spec.name());
      ifAction.putArray("required").add("action");
      rule.set("if", ifAction);
      ObjectNode with = NODES.objectNode();
      with.put("type", "object");
      with.put("description", spec.summary());
      ObjectNode props = with.putObject("properties");
      ArrayNode required = NODES.arrayNode();
      for (ActionSpec.ParamSpec p : spec.params()) {
        props.putObject(p.name()).put("description", p.doc());
        if (p.required()) required.add(p.name());
      }
      if (!required.isEmpty()) with.set("required", required);
      with.put("additionalProperties", false);
      ObjectNode then = NODES.objectNode();
      then.putObject("properties").set("with", with);
      if (!required.isEmpty()) then.putArray("required").add("with");
      rule.set("then", then);
      rules.add(rule);
    }
    out.set("actionParams", NODES.objectNode().set("allOf", rules));
    return out;
  }

  static ObjectNode generatedKinds() {
    ArrayNode kinds = NODES.arrayNode();
    ResourceKinds.ALL.forEach(kinds::add);
    ObjectNode out = NODES.objectNode();
    out.set("kind", NODES.objectNode().set("enum", kinds));
    return out;
  }

  /** Writes the generated parts into the schema files when asked to, so they are never edited by hand. */
  static void writeIfAsked(Path file, ObjectNode generated) throws IOException {
    if (!Boolean.getBoolean("continuity.writeSchemas")) return;
    ObjectNode schema = (ObjectNode) JSON.readTree(file.toFile());
    ObjectNode defs = (ObjectNode) schema.get("$defs");
    generated.fields().forEachRemaining(e -> defs.set(e.getKey(), e.getValue()));
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    Files.writeString(file, JSON.writer(printer).writeValueAsString(schema) + "\n");
  }

  @Test
  void runbookSchemaListsExactlyTheCatalogsActionsAndParameters() throws IOException {
    ObjectNode generated = generatedActions();
    writeIfAsked(RUNBOOK_SCHEMA, generated);
    JsonNode defs = JSON.readTree(RUNBOOK_SCHEMA.toFile()).get("$defs");
    List<String> inSchema = new ArrayList<>();
    defs.get("action").get("enum").forEach(n -> inSchema.add(n.asText()));
    assertEquals(ActionCatalog.names(), inSchema,
        "runbook.schema.json's action enum drifted from ActionCatalog; regenerate with -Dcontinuity.writeSchemas=true");
    assertEquals(generated.get("actionParams"), defs.get("actionParams"),
        "runbook.schema.json's action parameters drifted from ActionCatalog; regenerate with -Dcontinuity.writeSchemas=true");
  }

  @Test
  void inventorySchemaListsExactlyTheResourceKinds() throws IOException {
    ObjectNode generated = generatedKinds();
    writeIfAsked(INVENTORY_SCHEMA, generated);
    JsonNode defs = JSON.readTree(INVENTORY_SCHEMA.toFile()).get("$defs");
    assertEquals(generated.get("kind"), defs.get("kind"));
  }

  static JsonSchema schema(Path file) throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(file.toFile()));
  }

  @Test
  void everyShippedYamlValidatesAgainstItsSchema() throws IOException {
    JsonSchema inventory = schema(INVENTORY_SCHEMA);
    JsonSchema runbook = schema(RUNBOOK_SCHEMA);
    List<Path> files;
    try (Stream<Path> s = Files.list(ShippedRunbooksTest.SHIPPED)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(files.size() >= 7, "inventory and six runbooks expected, found " + files);
    for (Path f : files) {
      JsonNode doc = YAML.readTree(f.toFile());
      boolean isInventory = f.getFileName().toString().equals(Estate.INVENTORY);
      Set<ValidationMessage> errors = (isInventory ? inventory : runbook).validate(doc);
      assertTrue(errors.isEmpty(), f + ": " + errors);
      String first = Files.readAllLines(f).get(0);
      assertEquals("# yaml-language-server: $schema=./schema/" + (isInventory ? "inventory" : "runbook") + ".schema.json", first, f.toString());
    }
  }

  @Test
  void runbookSchemaRejectsWhatTheValidatorRejects() throws IOException {
    JsonSchema runbook = schema(RUNBOOK_SCHEMA);
    JsonNode unknownAction = YAML.readTree("runbook: r\nstamp: s\nsteps:\n  - { id: a, action: cosmos.setWriteRegon, target: c }\n");
    assertFalse(runbook.validate(unknownAction).isEmpty());
    JsonNode missingParam = YAML.readTree("runbook: r\nstamp: s\nsteps:\n  - { id: a, action: cosmos.setWriteRegion, target: c }\n");
    assertFalse(runbook.validate(missingParam).isEmpty());
    JsonNode unknownParam = YAML.readTree("runbook: r\nstamp: s\nsteps:\n  - { id: a, action: cosmos.setWriteRegion, target: c, with: { region: x, regoin: y } }\n");
    assertFalse(runbook.validate(unknownParam).isEmpty());
    JsonNode typo = YAML.readTree("runbook: r\nstamp: s\nsteps:\n  - { id: a, action: cosmos.readReplication, target: c, dependOn: [b] }\n");
    assertFalse(runbook.validate(typo).isEmpty());
    JsonNode fine = YAML.readTree("runbook: r\nstamp: s\nsteps:\n  - { id: a, action: cosmos.setWriteRegion, target: c, with: { region: \"${to}\" }, timeout: 5m }\n");
    assertEquals(Set.of(), runbook.validate(fine));

    JsonSchema inventory = schema(INVENTORY_SCHEMA);
    JsonNode badKind = YAML.readTree("inventory: x\nworkers: { regions: [centralus] }\nstamps:\n  - { name: s, primaryRegion: a, secondaryRegion: b,"
        + " resources: { t: { kind: trafficManagr, id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/g/providers/Microsoft.Network/trafficManagerProfiles/t } } }\n");
    assertFalse(inventory.validate(badKind).isEmpty());
  }
}
