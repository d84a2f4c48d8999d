package hallq.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hallq.DomainException;
import io.vertx.core.VertxException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

  @Test
  @DisplayName("数据库断开（连接被拒、写时被重置、取连接超时）算作不可用（503）；请求本身的错误不算")
  void connectionFailuresAreUnavailableRequestFailuresAreNot() {
    assertTrue(DatabaseUnavailable.is(new ConnectException("Connection refused")));
    assertTrue(DatabaseUnavailable.is(new IOException("Connection reset by peer")), "a reset found while writing");
    assertTrue(DatabaseUnavailable.is(new VertxException("wrapped", new IOException("Broken pipe"))));
    assertTrue(DatabaseUnavailable.is(new TimeoutException("no connection free")));
    assertFalse(DatabaseUnavailable.is(new IllegalStateException("a bug")));
    assertFalse(DatabaseUnavailable.is(DomainException.invalid("serviceCode", "unknown")));
  }
}
