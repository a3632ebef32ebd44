import * as pulumi from "@pulumi/pulumi";
const spacelift = require("pulumi-spacelift");
const variant = process.argv[2] ?? "base";
pulumi.runtime.setMocks({ newResource: (a: any) => ({ id: a.name, state: a.inputs }), call: (a: any) => a.inputs }, "p", "s", false);
const N = Number(process.argv[3] ?? 100);
const t0 = process.cpuUsage();
const w0 = Date.now();
const orig = Error.stackTraceLimit;
const all: pulumi.Output<string>[] = [];
for (let i = 0; i < N; i++) {
  if (variant !== "base") Error.stackTraceLimit = Number(variant);
  try {
    const s = new spacelift.Stack(`s${i}`, { name: `n${i}`, repository: "r", branch: "main", spaceId: "root" });
    all.push(s.urn);
  } finally { Error.stackTraceLimit = orig; }
}
pulumi.all(all).apply(() => {
  const c = process.cpuUsage(t0);
  console.log(variant, N, "cpu ms", ((c.user + c.system) / 1000).toFixed(0), "wall", Date.now() - w0);
});
