// Where a reminder webhook may post: public addresses only, unless WEBHOOK_ALLOWED_TARGETS lists the host
// or range (a chat server on the LAN). Checked when the URL is saved and again when a reminder is sent,
// on the address the connection actually uses (a custom DNS lookup), so a name that later resolves to
// 127.0.0.1 or 169.254.169.254 (DNS rebinding) is refused too. Redirects are never followed.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockList, isIP } from "node:net";
import { BadRequestError } from "../../errors.js";

const BLOCKED_V4: [string, number, string][] = [
  ["0.0.0.0", 8, "an unspecified address"],
  ["10.0.0.0", 8, "a private address"],
  ["100.64.0.0", 10, "a carrier-grade NAT address"],
  ["127.0.0.0", 8, "a loopback address"],
  ["169.254.0.0", 16, "a link-local or cloud metadata address"],
  ["172.16.0.0", 12, "a private address"],
  ["192.0.0.0", 24, "a reserved address"],
  ["192.168.0.0", 16, "a private address"],
  ["198.18.0.0", 15, "a benchmarking address"],
  ["224.0.0.0", 4, "a multicast address"],
  ["240.0.0.0", 4, "a reserved address"],
];
const BLOCKED_V6: [string, number, string][] = [
  ["::", 128, "an unspecified address"],
  ["::1", 128, "a loopback address"],
  ["fc00::", 7, "a private (unique local) address"],
  ["fe80::", 10, "a link-local address"],
  ["fec0::", 10, "a site-local address"],
  ["ff00::", 8, "a multicast address"],
];

const blocked = new BlockList();
const reasons: { list: BlockList; reason: string }[] = [];
for (const [net, prefix, reason] of BLOCKED_V4) {
  blocked.addSubnet(net, prefix, "ipv4");
  const one = new BlockList();
  one.addSubnet(net, prefix, "ipv4");
  reasons.push({ list: one, reason });
}
for (const [net, prefix, reason] of BLOCKED_V6) {
  blocked.addSubnet(net, prefix, "ipv6");
  const one = new BlockList();
  one.addSubnet(net, prefix, "ipv6");
  reasons.push({ list: one, reason });
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::) or 6to4 (2002::) address. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:(?:0:)?|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:(?:0:)?|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) return hexPairToIpv4(hex[1], hex[2]);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  if (sixToFour) return hexPairToIpv4(sixToFour[1], sixToFour[2]);
  return undefined;
}

function hexPairToIpv4(high: string, low: string): string {
  const h = Number.parseInt(high, 16);
  const l = Number.parseInt(low, 16);
  return [h >> 8, h & 255, l >> 8, l & 255].join(".");
}

/** Why an address may not receive webhooks (loopback, private, …), or undefined for a public one. */
export function blockedReason(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return "not an IP address";
  if (family === 6) {
    const inner = embeddedIpv4(address);
    if (inner) return blockedReason(inner);
  }
  const type = family === 4 ? "ipv4" : "ipv6";
  if (!blocked.check(address, type)) return undefined;
  return reasons.find((r) => r.list.check(address, type))?.reason ?? "a non-public address";
}

/** WEBHOOK_ALLOWED_TARGETS: host names, addresses and CIDR ranges a webhook may reach although private. */
export class WebhookTargetPolicy {
  private readonly hosts = new Set<string>();
  private readonly ranges = new BlockList();

  constructor(allowed: readonly string[] = []) {
    for (const entry of allowed.map((a) => a.trim().toLowerCase()).filter(Boolean)) {
      const [net, prefix] = entry.split("/");
      const family = isIP(net);
      if (family === 0) this.hosts.add(entry);
      else if (prefix === undefined) this.ranges.addAddress(net, family === 4 ? "ipv4" : "ipv6");
      else this.ranges.addSubnet(net, Number(prefix), family === 4 ? "ipv4" : "ipv6");
    }
  }

  hostAllowed(hostname: string): boolean {
    return this.hosts.has(hostname.toLowerCase().replace(/^\[|\]$/g, ""));
  }

  /** Why this address, reached for `hostname`, is refused; undefined when the webhook may go there. */
  refusal(hostname: string, address: string): string | undefined {
    if (this.hostAllowed(hostname)) return undefined;
    const family = isIP(address);
    if (family !== 0 && this.ranges.check(address, family === 4 ? "ipv4" : "ipv6")) return undefined;
    const reason = blockedReason(address);
    return reason
      ? `${address} is ${reason}; webhooks go to public addresses only (list LAN targets in WEBHOOK_ALLOWED_TARGETS)`
      : undefined;
  }

  /**
   * Save-time check of a webhook URL: a literal address or a name that resolves to a refused address
   * is a 400. A name that does not resolve now is accepted (the send-time check still applies).
   */
  async checkUrl(url: URL): Promise<void> {
    const hostname = url.hostname.replace(/^\[|\]$/g, "");
    if (this.hostAllowed(hostname)) return;
    if (hostname === "localhost" || hostname.endsWith(".localhost"))
      throw new BadRequestError(
        `webhookUrl points at ${hostname}, a loopback name; webhooks go to public addresses only (list LAN targets in WEBHOOK_ALLOWED_TARGETS).`,
      );
    const addresses = isIP(hostname) ? [hostname] : await resolveAll(hostname);
    for (const address of addresses) {
      const refusal = this.refusal(hostname, address);
      if (refusal) throw new BadRequestError(`webhookUrl is refused: ${refusal}.`);
    }
  }

  /** A DNS lookup for http.request that refuses blocked answers: the checked address is the one used. */
  lookupFor(hostname: string) {
    return (
      name: string,
      options: object,
      callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
    ) => {
      dnsLookup(name, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
        if (error) return callback(error, []);
        for (const { address } of addresses) {
          const refusal = this.refusal(hostname, address);
          if (refusal) return callback(Object.assign(new Error(refusal), { code: "EWEBHOOKBLOCKED" }), []);
        }
        if ((options as { all?: boolean }).all) return callback(null, addresses);
        return callback(null, addresses[0].address, addresses[0].family);
      });
    };
  }
}

function resolveAll(hostname: string): Promise<string[]> {
  return new Promise((resolve) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => resolve(error ? [] : addresses.map((a) => a.address)));
  });
}

/**
 * POSTs `body` as JSON to `url` once: no redirect is followed (a 3xx is a failure), the address connected
 * to is checked by the policy. Returns null on a 2xx, otherwise what went wrong.
 */
export async function postWebhook(
  policy: WebhookTargetPolicy,
  url: string,
  body: unknown,
  timeoutMs: number,
): Promise<string | null> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return "not a URL";
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") return `unsupported protocol ${target.protocol}`;
  const hostname = target.hostname.replace(/^\[|\]$/g, "");
  // a literal address skips DNS, so http.request would never call the lookup: check it here
  if (isIP(hostname)) {
    const refusal = policy.refusal(hostname, hostname);
    if (refusal) return refusal;
  }
  const payload = JSON.stringify(body);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send(
      target,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
        lookup: policy.lookupFor(hostname) as never,
        timeout: timeoutMs,
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(null);
        else if (status >= 300 && status < 400) resolve(`HTTP ${status} redirect (not followed)`);
        else resolve(`HTTP ${status}`);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    request.on("error", (error) => resolve(error.message));
    request.end(payload);
  });
}
