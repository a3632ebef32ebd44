import * as pulumi from "@pulumi/pulumi";
import * as spacelift from "pulumi-spacelift";

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "shop";

const space = new spacelift.Space("shop", {
  name: `${prefix}-infrastructure`,
  description: "Network and application stacks, and the module they share.",
});

// A private registry module, published from its own repository. Its id follows Spacelift's
// terraform-<provider>-<name> convention.
const vpcModule = new spacelift.Module("vpc", {
  name: `${prefix}-vpc`,
  terraformProvider: "aws",
  repository: "terraform-aws-vpc",
  branch: "main",
  spaceId: space.id,
  description: "Opinionated VPC used by every stack.",
  labels: ["network"],
});
new spacelift.EnvironmentVariable("vpc-module-test-region", {
  moduleId: vpcModule.id,
  name: "AWS_REGION",
  value: "eu-west-1",
  writeOnly: false,
});

const network = new spacelift.Stack("network", {
  name: `${prefix}-network`,
  spaceId: space.id,
  repository: "shop-infrastructure",
  branch: "main",
  projectRoot: "network",
  terraformVersion: "1.5.7",
  labels: ["network"],
});
// Look for drift in the network every night and fix it automatically.
new spacelift.DriftDetection("network-drift", {
  stackId: network.id,
  schedules: ["0 3 * * *"],
  timezone: "Europe/Berlin",
  reconcile: true,
});

const app = new spacelift.Stack("app", {
  name: `${prefix}-app`,
  spaceId: space.id,
  repository: "shop-infrastructure",
  branch: "main",
  projectRoot: "app",
  terraformVersion: "1.5.7",
  labels: ["app"],
});

// The app deploys after the network, and receives the network's outputs as its inputs.
const appAfterNetwork = new spacelift.StackDependency("app-after-network", {
  stackId: app.id,
  dependsOnStackId: network.id,
});
new spacelift.StackDependencyReference("vpc-id", {
  stackDependencyId: appAfterNetwork.id,
  outputName: "vpc_id",
  inputName: "TF_VAR_vpc_id",
});
new spacelift.StackDependencyReference("private-subnets", {
  stackDependencyId: appAfterNetwork.id,
  outputName: "private_subnet_ids",
  inputName: "TF_VAR_private_subnet_ids",
  triggerAlways: true,
});

export const moduleId = vpcModule.id;
export const networkStackId = network.id;
export const appStackId = app.id;
