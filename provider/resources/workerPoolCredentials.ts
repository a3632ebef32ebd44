/**
 * The key pair and certificate signing request a worker pool is created with when the program
 * gives no CSR of its own, as the Terraform provider does: an RSA-4096 key and a CSR for
 * `CN=workers.spacelift.io`, both handed over as the Base64 of their PEM text.
 *
 * @packageDocumentation
 */

import { generateKeyPair, type KeyObject } from "node:crypto";
import type * as Forge from "node-forge";

/** The subject Spacelift's own tooling puts in worker pool CSRs. */
export const WORKER_POOL_CSR_COMMON_NAME = "workers.spacelift.io";

/** A generated private key and the CSR signed with it, each the Base64 of its PEM text. */
export interface WorkerPoolCredentials {
  /** Base64 of the PEM (PKCS#8) private key the pool's workers must be given. */
  readonly privateKey: string;
  /** Base64 of the PEM certificate signing request sent to Spacelift. */
  readonly csr: string;
}

function newRsaKey(): Promise<KeyObject> {
  return new Promise((resolve, reject) => {
    // node:crypto generates the key (native and off the event loop); forge only builds the CSR.
    generateKeyPair("rsa", { modulusLength: 4096 }, (err, _publicKey, privateKey) =>
      err ? reject(err) : resolve(privateKey),
    );
  });
}

/** Generates a fresh key pair and CSR for a worker pool. */
export async function generateWorkerPoolCredentials(): Promise<WorkerPoolCredentials> {
  const key = await newRsaKey();
  const keyPem = key.export({ type: "pkcs8", format: "pem" }).toString();
  // Loaded here, not with the module: only a worker pool's create needs it, and every provider
  // process loads this module with the descriptors.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const forge = require("node-forge") as typeof Forge;
  const request = forge.pki.createCertificationRequest();
  const signingKey = forge.pki.privateKeyFromPem(keyPem) as Forge.pki.rsa.PrivateKey;
  request.publicKey = forge.pki.rsa.setPublicKey(signingKey.n, signingKey.e);
  request.setSubject([{ name: "commonName", value: WORKER_POOL_CSR_COMMON_NAME }]);
  request.sign(signingKey, forge.md.sha256.create());
  const csrPem = forge.pki.certificationRequestToPem(request);
  return {
    privateKey: Buffer.from(keyPem, "utf8").toString("base64"),
    csr: Buffer.from(csrPem, "utf8").toString("base64"),
  };
}
