package peerprep.execution;

/** Hostile programs, one text per language; each does what its name says and nothing else. */
final class Programs {
  private Programs() {
  }

  static String java(String body) {
    return "import java.util.*;\nimport java.io.*;\nimport java.nio.file.*;\nimport java.net.*;\n\n"
      + "public class Main {\n  public static void main(String[] args) throws Exception {\n" + body + "\n  }\n}\n";
  }

  static String cpp(String body) {
    return "#include <cstdio>\n#include <cstring>\n#include <cerrno>\n#include <iostream>\n#include <fstream>\n#include <vector>\n"
      + "#include <unistd.h>\n#include <sys/socket.h>\n#include <netinet/in.h>\n#include <arpa/inet.h>\n"
      + "int main() {\n" + body + "\n  return 0;\n}\n";
  }

  static String infiniteLoop(String language) {
    return switch (language) {
      case "python" -> "while True:\n    pass\n";
      case "javascript" -> "let x = 0;\nwhile (true) { x++; }\n";
      case "java" -> java("    long x = 0;\n    while (true) { x++; if (x == Long.MIN_VALUE) System.out.println(x); }");
      default -> cpp("  volatile unsigned long x = 0;\n  while (true) { x++; }");
    };
  }

  /** Starts processes until the limit refuses one, then says how many it got. */
  static String processCounter(String language) {
    return switch (language) {
      case "python" -> "import os, time\nn = 0\ntry:\n    for i in range(500):\n        if os.fork() == 0:\n"
        + "            time.sleep(5)\n            os._exit(0)\n        n += 1\nexcept OSError as e:\n    print('refused after', n)\n";
      case "javascript" -> "const { spawn } = require('child_process');\nlet n = 0;\nfunction more() {\n"
        + "  const c = spawn('/usr/bin/sleep', ['5']);\n  c.on('spawn', () => { n++; more(); });\n"
        + "  c.on('error', e => { console.log('refused after ' + n); process.exit(0); });\n}\nmore();\n";
      case "java" -> java("    int n = 0;\n    try {\n      for (int i = 0; i < 500; i++) { new ProcessBuilder(\"/usr/bin/sleep\", \"5\").start(); n++; }\n"
        + "    } catch (IOException e) {\n      System.out.println(\"refused after \" + n);\n    }");
      default -> cpp("  int n = 0;\n  for (int i = 0; i < 500; i++) {\n    pid_t p = fork();\n    if (p == 0) { sleep(5); _exit(0); }\n"
        + "    if (p < 0) { std::cout << \"refused after \" << n << std::endl; return 0; }\n    n++;\n  }");
    };
  }

  static String forkBomb(String language) {
    return switch (language) {
      case "python" -> "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n";
      case "javascript" -> "const { spawn } = require('child_process');\n"
        + "setInterval(() => { try { spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']).on('error', () => {}); } catch (e) {} }, 1);\n";
      case "java" -> java("    while (true) { try { new ProcessBuilder(\"/usr/bin/sh\", \"-c\", \"sleep 100\").start(); } catch (IOException e) { } }");
      default -> cpp("  while (true) { fork(); }");
    };
  }

  static String endlessMemory(String language) {
    return switch (language) {
      case "python" -> "a = []\nwhile True:\n    a.append(bytearray(8 * 1024 * 1024))\n";
      case "javascript" -> "const a = [];\nwhile (true) { a.push(new Array(1e6).fill(1.5)); }\n";
      case "java" -> java("    List<long[]> a = new ArrayList<>();\n    while (true) { a.add(new long[1 << 20]); }");
      default -> cpp("  std::vector<char*> v;\n  while (true) { char* p = new char[1 << 20]; memset(p, 1, 1 << 20); v.push_back(p); }");
    };
  }

  static String endlessPrinting(String language) {
    return switch (language) {
      case "python" -> "while True:\n    print('y' * 100)\n";
      case "javascript" -> "for (;;) { process.stdout.write('y'.repeat(100) + '\\n'); }\n";
      case "java" -> java("    while (true) { System.out.println(\"y\".repeat(100)); }");
      default -> cpp("  while (true) { std::cout << std::string(100, 'y') << '\\n'; }");
    };
  }

  static String hugeFile(String language) {
    return switch (language) {
      case "python" -> "f = open('big', 'wb')\nwhile True:\n    f.write(b'x' * 65536)\n    f.flush()\n";
      default -> cpp("  FILE* f = fopen(\"big\", \"wb\");\n  char buf[65536];\n  memset(buf, 'x', sizeof buf);\n"
        + "  while (true) {\n    if (fwrite(buf, 1, sizeof buf, f) != sizeof buf || fflush(f) != 0) { perror(\"write\"); return 1; }\n  }");
    };
  }

  /** Tries to read each path; prints {@code read <path>} or {@code denied <path>}. */
  static String readFiles(String language, String... paths) {
    String list = "\"" + String.join("\", \"", paths) + "\"";
    return switch (language) {
      case "python" -> "for p in [" + list + "]:\n    try:\n        open(p, 'rb').read()\n        print('read', p)\n"
        + "    except Exception as e:\n        print('denied', p)\n";
      case "javascript" -> "const fs = require('fs');\nfor (const p of [" + list + "]) {\n"
        + "  try { fs.readFileSync(p); console.log('read ' + p); } catch (e) { console.log('denied ' + p); }\n}\n";
      case "java" -> java("    for (String p : new String[]{" + list + "}) {\n"
        + "      try { Files.readAllBytes(Path.of(p)); System.out.println(\"read \" + p); }\n"
        + "      catch (Exception e) { System.out.println(\"denied \" + p); }\n    }");
      default -> cpp("  for (const char* p : {" + list + "}) {\n    std::ifstream f(p);\n    std::string s;\n"
        + "    if (f && std::getline(f, s)) std::cout << \"read \" << p << std::endl; else std::cout << \"denied \" << p << std::endl;\n  }");
    };
  }

  /** Tries to connect to each host:port; prints {@code connected} or {@code refused} for each. */
  static String connect(String language, int localPort) {
    return switch (language) {
      case "python" -> "import socket\nfor host, port in [('127.0.0.1', " + localPort + "), ('1.1.1.1', 53), ('example.com', 80)]:\n"
        + "    try:\n        socket.create_connection((host, port), timeout=2).close()\n        print('connected', host)\n"
        + "    except Exception as e:\n        print('refused', host)\n";
      case "javascript" -> "const net = require('net');\nconst targets = [['127.0.0.1', " + localPort + "], ['1.1.1.1', 53], ['example.com', 80]];\n"
        + "(async () => {\n  for (const [host, port] of targets) {\n    await new Promise(done => {\n"
        + "      const s = net.connect({ host, port, timeout: 2000 });\n      s.on('connect', () => { console.log('connected ' + host); s.destroy(); done(); });\n"
        + "      s.on('error', () => { console.log('refused ' + host); done(); });\n"
        + "      s.on('timeout', () => { console.log('refused ' + host); s.destroy(); done(); });\n    });\n  }\n})();\n";
      case "java" -> java("    Object[][] targets = {{\"127.0.0.1\", " + localPort + "}, {\"1.1.1.1\", 53}, {\"example.com\", 80}};\n"
        + "    for (Object[] t : targets) {\n      try (Socket s = new Socket()) {\n"
        + "        s.connect(new InetSocketAddress((String) t[0], (Integer) t[1]), 2000);\n        System.out.println(\"connected \" + t[0]);\n"
        + "      } catch (IOException e) {\n        System.out.println(\"refused \" + t[0]);\n      }\n    }");
      default -> cpp("  const char* hosts[] = {\"127.0.0.1\", \"1.1.1.1\"};\n  int ports[] = {" + localPort + ", 53};\n"
        + "  for (int i = 0; i < 2; i++) {\n    int s = socket(AF_INET, SOCK_STREAM, 0);\n    sockaddr_in a{};\n    a.sin_family = AF_INET;\n"
        + "    a.sin_port = htons(ports[i]);\n    inet_pton(AF_INET, hosts[i], &a.sin_addr);\n"
        + "    if (s >= 0 && connect(s, (sockaddr*) &a, sizeof a) == 0) std::cout << \"connected \" << hosts[i] << std::endl;\n"
        + "    else std::cout << \"refused \" << hosts[i] << std::endl;\n    if (s >= 0) close(s);\n  }");
    };
  }

  static String childLeftRunning(String language) {
    return switch (language) {
      case "python" -> "import os, time\nif os.fork() == 0:\n    os.setsid()\n    time.sleep(60)\n    os._exit(0)\nprint('parent done')\n";
      default -> cpp("  if (fork() == 0) { setsid(); if (fork() == 0) { sleep(60); } _exit(0); }\n  std::cout << \"parent done\" << std::endl;");
    };
  }

  static String closesStdout(String language) {
    return switch (language) {
      case "python" -> "import os, time\nprint('bye', flush=True)\nos.close(1)\nos.close(2)\nwhile True:\n    time.sleep(1)\n";
      default -> "const fs = require('fs');\nconsole.log('bye');\nfs.closeSync(1);\nfs.closeSync(2);\nsetInterval(() => {}, 1000);\n";
    };
  }
}
