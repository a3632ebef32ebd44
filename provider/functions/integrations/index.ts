import type { FunctionDescriptor } from "../descriptor";
import {
  getAwsIntegration,
  getAwsIntegrationAttachment,
  getAwsIntegrationAttachmentExternalId,
  getAwsIntegrations,
} from "./aws";
import { getAzureIntegration, getAzureIntegrationAttachment, getAzureIntegrations } from "./azure";
import {
  getAzureDevopsIntegration,
  getBitbucketCloudIntegration,
  getBitbucketDatacenterIntegration,
  getGithubEnterpriseIntegration,
  getGitlabIntegration,
  getGitlabWebhookEndpoint,
} from "./vcs";

/** Data functions about cloud and VCS integrations. */
export const integrationFunctions: readonly FunctionDescriptor[] = [
  getAwsIntegration,
  getAwsIntegrations,
  getAwsIntegrationAttachment,
  getAwsIntegrationAttachmentExternalId,
  getAzureIntegration,
  getAzureIntegrations,
  getAzureIntegrationAttachment,
  getAzureDevopsIntegration,
  getBitbucketCloudIntegration,
  getBitbucketDatacenterIntegration,
  getGithubEnterpriseIntegration,
  getGitlabIntegration,
  getGitlabWebhookEndpoint,
];
