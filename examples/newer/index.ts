import * as pulumi from "@pulumi/pulumi";
import { declareAccess } from "./access";
import { declareAccount } from "./account";
import { declareRepos } from "./repos";
import { declareTemplates } from "./templates";
import { declareVcs } from "./vcs";

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "newer";
const deployToken = config.getSecret("deployToken") ?? pulumi.secret(`${prefix}-token`);

declareAccess(prefix, deployToken);
declareAccount(prefix);
declareRepos(prefix, deployToken);
declareTemplates(prefix, deployToken);
declareVcs(prefix, deployToken);
