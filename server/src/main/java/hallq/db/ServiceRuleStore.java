package hallq.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Where one kind of per-service queue rule is kept: locked, then changed with its audit row, in the caller's transaction. */
public interface ServiceRuleStore<R> {

  Future<Optional<R>> lock(SqlClient sql, String serviceCode);

  Future<Void> change(SqlClient sql, String serviceCode, R before, R after, String by, Instant at);

  /** Rules read from rows that carry {@code service_code}, by that code in the rows' order. */
  static <R> Map<String, R> byServiceCode(RowSet<Row> rows, Function<Row, R> read) {
    Map<String, R> rules = new LinkedHashMap<>();
    rows.forEach(row -> rules.put(row.getString("service_code"), read.apply(row)));
    return rules;
  }

  static <R> Optional<R> single(RowSet<Row> rows, Function<Row, R> read) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(read.apply(rows.iterator().next()));
  }
}
