package dev.atrium.core.barrier;

import java.util.List;

/**
 * The answer to a change of many users at once: one message per submitted id, in the order submitted, empty
 * where that id was fine. The change is made only if every message is empty.
 */
public record BulkResult(List<String> results) {
  public BulkResult {
    results = List.copyOf(results);
  }

  public boolean succeeded() {
    return results.stream().allMatch(String::isEmpty);
  }
}
