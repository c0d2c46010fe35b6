package peerprep.common.testing;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/** The bytes of live objects in this JVM, as a benchmark measures memory per connection. */
public final class LiveHeap {
  private LiveHeap() {
  }

  /** The total of a class histogram, which the JVM takes after a full GC, so only reachable objects count. */
  public static long bytes() {
    try {
      String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[]{new String[0]}, new String[]{String[].class.getName()});
      String[] lines = histogram.strip().split("\n");
      String[] total = lines[lines.length - 1].trim().split("\\s+");
      return Long.parseLong(total[total.length - 1]);
    } catch (javax.management.JMException e) {
      throw new IllegalStateException("the JVM gave no class histogram", e);
    }
  }
}
