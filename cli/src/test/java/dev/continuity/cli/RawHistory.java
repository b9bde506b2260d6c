package dev.continuity.cli;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.ArrayList;
import java.util.List;

/** A workflow's history as the server stores it, read without any data converter: what an attacker with the database sees. */
final class RawHistory {
  private RawHistory() {}

  /** Every payload of the history (search attributes aside: they are indexed in clear by design). */
  static List<Payload> payloads(WorkflowServiceStubs service, String namespace, String workflowId) {
    List<Payload> out = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse r = service.blockingStub().getWorkflowExecutionHistory(
          GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(namespace)
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).setNextPageToken(token).build());
      for (HistoryEvent e : r.getHistory().getEventsList()) collect(e, out);
      token = r.getNextPageToken();
    } while (!token.isEmpty());
    return out;
  }

  private static void collect(Message m, List<Payload> out) {
    if (m instanceof Payload p) {
      out.add(p);
      return;
    }
    if (m instanceof SearchAttributes) return;
    // Workflow.getVersion markers (change id and version number, no operation data) are recorded
    // by the SDK without the payload codec; everything the operation carries goes through it.
    if (m instanceof MarkerRecordedEventAttributes marker && "Version".equals(marker.getMarkerName())) return;
    for (Object v : m.getAllFields().values()) {
      if (v instanceof List<?> list) {
        for (Object o : list) if (o instanceof Message child) collect(child, out);
      } else if (v instanceof Message child) {
        collect(child, out);
      }
    }
  }
}
