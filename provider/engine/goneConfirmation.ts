/**
 * What the engine's reads and its deletion watcher share when an empty answer must be confirmed
 * before an object is taken as gone (Spacelift answers a token it no longer accepts as an
 * anonymous caller, whose reads come back empty).
 *
 * @packageDocumentation
 */

/** Times an empty answer may be asked again with a fresh token before the step fails. */
export const MAX_GONE_CONFIRMATIONS = 5;

/** How every failure to confirm an empty answer starts. */
export const NOT_CONFIRMED_GONE = "could not confirm that the object is gone";

/** The failure when fresh tokens kept being refused, {@link MAX_GONE_CONFIRMATIONS} times. */
export const TOKENS_KEPT_REFUSED =
  `${NOT_CONFIRMED_GONE}: Spacelift kept refusing the tokens it had just accepted ` +
  "(tokens are being revoked faster than they can be used); run the command again";
