import * as pulumi from "@pulumi/pulumi";
import { declareRepos } from "./repos";

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "newer";
const deployToken = config.getSecret("deployToken") ?? pulumi.secret(`${prefix}-token`);

declareRepos(prefix, deployToken);
