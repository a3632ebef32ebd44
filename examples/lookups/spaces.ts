import * as spacelift from "pulumi-spacelift";

// The addresses to allow-list in a firewall in front of a private VCS or registry.
const ips = spacelift.getIPsOutput();

/** What this part of the example found. */
export const lookups = {
  ips: ips.ips,
};
