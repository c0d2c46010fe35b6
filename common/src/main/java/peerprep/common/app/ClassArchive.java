package peerprep.common.app;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The training run behind a service image's class-data sharing archive: {@code java
 * -XX:ArchiveClassesAtExit=app.jsa -jar app.jar train} loads every class of the service's jar (without
 * running their initialisers), starts and stops Vert.x with the service's options, and exits; the JVM then
 * writes the loaded classes, parsed and verified, into the archive that {@code -XX:SharedArchiveFile} maps
 * at every later start.
 */
final class ClassArchive {
  private static final Logger LOG = LoggerFactory.getLogger(ClassArchive.class);

  private ClassArchive() {
  }

  /** Runs the training; 0 when done, 1 when the service does not run from a jar. */
  static int train() {
    File jar;
    try {
      jar = new File(ClassArchive.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | SecurityException e) {
      LOG.error("Cannot find the service's jar: {}", e.getMessage());
      return 1;
    }
    if (!jar.isFile()) {
      LOG.error("Class-data training needs the service's fat jar; {} is not one", jar);
      return 1;
    }
    int loaded = loadAll(jar);
    Vertx vertx = Vertx.builder().with(new io.vertx.core.VertxOptions().setMetricsOptions(ServiceMain.metricsOptions())).build();
    try {
      vertx.createHttpServer().requestHandler(r -> r.response().end()).listen(0).await(30, TimeUnit.SECONDS)
        .close().await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.warn("Starting an HTTP server for the training took too long");
    } finally {
      vertx.close().await();
    }
    LOG.info("Loaded {} classes for the class-data archive", loaded);
    return 0;
  }

  private static int loadAll(File jar) {
    ClassLoader loader = ClassArchive.class.getClassLoader();
    int loaded = 0;
    try (JarFile file = new JarFile(jar)) {
      for (JarEntry entry : java.util.Collections.list(file.entries())) {
        String name = entry.getName();
        if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
          loaded += load(loader, name.substring(0, name.length() - ".class".length()).replace('/', '.')) ? 1 : 0;
        }
      }
    } catch (IOException e) {
      LOG.warn("Reading {} failed: {}", jar, e.getMessage());
    }
    return loaded;
  }

  /** Loads without initialising; classes that need what the jar does not carry (optional dependencies) are skipped. */
  private static boolean load(ClassLoader loader, String name) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (Throwable e) {
      return false;
    }
  }
}
