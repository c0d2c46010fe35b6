package peerprep.common.abuse;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import peerprep.common.config.ConfigException;

import java.util.ArrayList;
import java.util.List;

/**
 * The proxies (load balancer, nginx) whose {@code X-Forwarded-For} a service believes, as CIDR blocks
 * ({@code TRUSTED_PROXIES="10.0.0.0/16,127.0.0.1/32"}). The client's address is found by walking the
 * chain from the connection's peer leftwards through the header, for as long as the address in hand is a
 * trusted proxy: the first untrusted address is the client. A peer outside the list is itself the client,
 * whatever header it sends. With no list, no header is believed.
 */
public final class TrustedProxies {
  private static final int MAX_ADDRESS = 64;
  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = blocks;
  }

  /** Parses a comma-separated CIDR list; a bare address is a block of one. Blank trusts nobody. */
  public static TrustedProxies parse(String cidrs) {
    List<Block> blocks = new ArrayList<>();
    if (cidrs != null) {
      for (String part : cidrs.split(",")) {
        if (!part.isBlank()) {
          blocks.add(Block.parse(part.trim()));
        }
      }
    }
    return new TrustedProxies(List.copyOf(blocks));
  }

  public static TrustedProxies none() {
    return new TrustedProxies(List.of());
  }

  /** Whether the address (a literal) lies in a trusted block. */
  public boolean trusts(String address) {
    byte[] bytes = bytes(address);
    return bytes != null && blocks.stream().anyMatch(b -> b.contains(bytes));
  }

  /** The client's address, in one canonical spelling, never taken from a header an untrusted peer sent. */
  public String clientAddress(HttpServerRequest request) {
    String current = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    String forwarded = request.getHeader("X-Forwarded-For");
    String[] hops = forwarded == null ? new String[0] : forwarded.split(",");
    for (int i = hops.length - 1; i >= 0 && trusts(current); i--) {
      String hop = hops[i].trim();
      if (hop.isEmpty()) {
        break;
      }
      current = hop;
    }
    return canonical(current);
  }

  /** The address's bytes, an IPv4-mapped IPv6 address as its IPv4 form; null for anything but a literal. */
  private static byte[] bytes(String address) {
    byte[] b = address == null ? null : NetUtil.createByteArrayFromIpAddressString(address);
    if (b != null && b.length == 16 && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
      for (int i = 0; i < 10; i++) {
        if (b[i] != 0) {
          return b;
        }
      }
      return java.util.Arrays.copyOfRange(b, 12, 16);
    }
    return b;
  }

  private static String canonical(String address) {
    byte[] bytes = bytes(address);
    if (bytes != null) {
      return NetUtil.bytesToIpAddress(bytes);
    }
    return address.length() > MAX_ADDRESS ? address.substring(0, MAX_ADDRESS) : address;
  }

  private record Block(byte[] network, int prefix) {
    static Block parse(String cidr) {
      int slash = cidr.indexOf('/');
      byte[] network = bytes(slash < 0 ? cidr : cidr.substring(0, slash));
      if (network == null) {
        throw new ConfigException("Malformed configuration: TRUSTED_PROXIES entry '" + cidr + "' is not an address or CIDR block");
      }
      int prefix = network.length * 8;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > network.length * 8) {
          throw new ConfigException("Malformed configuration: TRUSTED_PROXIES entry '" + cidr + "' has an invalid prefix length");
        }
      }
      return new Block(network, prefix);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
