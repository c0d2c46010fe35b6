package peerprep.execution.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time and peak memory of a program's processes, as GNU time reported them for the whole tree. */
public record Usage(long cpuMs, long peakMemoryKb) {
  static final Usage UNKNOWN = new Usage(-1, -1);

  /** The report's last line, {@code <wall s> <user s> <system s> <max RSS KiB>}; UNKNOWN when it is missing. */
  static Usage read(Path report) {
    try {
      List<String> lines = Files.readAllLines(report).stream().filter(l -> !l.isBlank()).toList();
      if (lines.isEmpty()) {
        return UNKNOWN;
      }
      String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
      if (f.length < 4) {
        return UNKNOWN;
      }
      long cpu = Math.round((Double.parseDouble(f[1]) + Double.parseDouble(f[2])) * 1000);
      return new Usage(cpu, Long.parseLong(f[3]));
    } catch (IOException | NumberFormatException e) {
      return UNKNOWN;
    }
  }
}
