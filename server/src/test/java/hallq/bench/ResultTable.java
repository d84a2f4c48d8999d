package hallq.bench;

import java.util.ArrayList;
import java.util.List;

/** The benchmark's printed result: one row per figure, with its target and, where it helps, a ratio. */
final class ResultTable {
  private record Row(String what, String measured, String target, String ratio) {}

  private final List<Row> rows = new ArrayList<>();

  void add(String what, String measured, String target, String ratio) {
    rows.add(new Row(what, measured, target, ratio));
    System.out.printf("%s: %s %s%n", what, measured, ratio);
  }

  String markdown() {
    StringBuilder out = new StringBuilder("| benchmark | measured (median of rounds) | target | ratio |\n|---|---|---|---|\n");
    for (Row row : rows) {
      out.append("| ").append(row.what()).append(" | ").append(row.measured()).append(" | ")
          .append(row.target()).append(" | ").append(row.ratio()).append(" |\n");
    }
    return out.toString();
  }
}
