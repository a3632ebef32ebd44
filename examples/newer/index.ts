import * as pulumi from "@pulumi/pulumi";
import { declareVcs } from "./vcs";

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "newer";
const deployToken = config.getSecret("deployToken") ?? pulumi.secret(`${prefix}-token`);

declareVcs(prefix, deployToken);
