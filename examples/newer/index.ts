import * as pulumi from "@pulumi/pulumi";
import { declareAccess } from "./access";

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "newer";
const deployToken = config.getSecret("deployToken") ?? pulumi.secret(`${prefix}-token`);

declareAccess(prefix, deployToken);
