import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Starts DynamoDB Local on 127.0.0.1 and an ephemeral port. Its command line has no host option (it binds
 * every interface), and tests must only listen on loopback, so the Jetty connector it builds is re-bound
 * before start. Prints "DYNAMODB_LOCAL_PORT=<port>" once it accepts connections; the caller reads that line.
 * Arguments are DynamoDB Local's own (e.g. -inMemory -disableTelemetry).
 */
public final class LoopbackDynamoDbLocal {
  private static final String LOOPBACK = "127.0.0.1";

  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Server jetty = jettyOf(proxy);
    for (Connector connector : jetty.getConnectors()) {
      ServerConnector server = (ServerConnector) connector;
      server.setHost(LOOPBACK);
      server.setPort(0);
    }
    proxy.start();
    ServerConnector bound = (ServerConnector) jetty.getConnectors()[0];
    System.out.println("DYNAMODB_LOCAL_PORT=" + bound.getLocalPort());
    System.out.flush();
    proxy.join();
  }

  private static Server jettyOf(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    return (Server) field.get(proxy);
  }
}
