import * as pulumi from "@pulumi/pulumi";
import { declareTemplates } from "./templates";

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "newer";
const deployToken = config.getSecret("deployToken") ?? pulumi.secret(`${prefix}-token`);

declareTemplates(prefix, deployToken);
