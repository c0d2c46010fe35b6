package peerprep.execution.sandbox;

/**
 * What one phase (compile or run) of a program may use. {@code memoryMb} bounds the address space of a
 * natively compiled or interpreted program; Java and Node reserve far more address space than they touch,
 * so for them the heap is capped at {@code memoryMb} and the address space at {@code vmAddressSpaceMb}.
 */
public record Limits(int cpuSeconds, long wallMs, int memoryMb, int vmAddressSpaceMb, int processes, long fileBytes,
                     int openFiles, int outputBytes, int workDirMb) {

  /** The same limits with another CPU and wall time, as a compile gets. */
  public Limits withTime(int cpu, long wall) {
    return new Limits(cpu, wall, memoryMb, vmAddressSpaceMb, processes, fileBytes, openFiles, outputBytes, workDirMb);
  }

  /** The address-space rlimit: the memory limit itself, or the wide ceiling a virtual machine needs. */
  public long addressSpaceBytes(boolean vm) {
    return (vm ? vmAddressSpaceMb : memoryMb) * 1024L * 1024L;
  }

  /** The same limits with another wall time. */
  public Limits withWall(long wall) {
    return withTime(cpuSeconds, wall);
  }
}
