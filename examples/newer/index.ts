import * as pulumi from "@pulumi/pulumi";
import { declareAccess } from "./access";
import { declareRepos } from "./repos";
import { declareTemplates } from "./templates";
import { declareVcs } from "./vcs";

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "newer";
const deployToken = config.getSecret("deployToken") ?? pulumi.secret(`${prefix}-token`);

declareAccess(prefix, deployToken);
declareRepos(prefix, deployToken);
declareTemplates(prefix, deployToken);
declareVcs(prefix, deployToken);
