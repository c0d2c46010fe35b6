package peerprep.execution.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * The host directory of one run, fresh and empty, removed afterwards: {@code src/} (the code, read-only to
 * the program), {@code out/} (what the compiler wrote), {@code work/} (the working directory when no
 * namespace gives the run its own), the program's stdin and the usage report of the run's processes.
 */
public record RunDirs(Path root, Path src, Path out, Path work, Path stdin, Path usage) {

  /** Creates the directories, owned by {@code uid} when the service may hand them over (it runs as root). */
  public static RunDirs create(Path runsRoot, Integer uid) {
    Path root = runsRoot.resolve(UUID.randomUUID().toString());
    try {
      Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
      RunDirs dirs = new RunDirs(root, root.resolve("src"), root.resolve("out"), root.resolve("work"),
        root.resolve("stdin"), root.resolve("usage"));
      Files.createDirectory(dirs.src, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      for (Path writable : new Path[]{dirs.out, dirs.work}) {
        Files.createDirectory(writable, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (uid != null) {
          Files.setAttribute(writable, "unix:uid", uid);
          Files.setAttribute(writable, "unix:gid", uid);
        }
      }
      return dirs;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not prepare the run's directory under " + runsRoot, e);
    }
  }

  /** Writes a file the program may read but not change. */
  public Path writeSource(String name, String text) {
    try {
      Path file = src.resolve(name);
      Files.writeString(file, text);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void writeStdin(String text) {
    try {
      Files.writeString(stdin, text == null ? "" : text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the run's directory and everything in it. */
  public void delete() {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove the run's directory " + root, e);
    }
  }
}
