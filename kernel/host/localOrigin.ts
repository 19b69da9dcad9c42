/**
 * Requests must be addressed to this host by name and port. Checking `Host` stops DNS rebinding: a
 * foreign name that resolves to 127.0.0.1 reaches the socket but names itself in `Host`. Checking a
 * WebSocket's (or a POST's) `Origin` stops a page on another origin from driving a session with a
 * cookie the browser attaches for it. Both run before the token is even looked at.
 */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** `Host` is one of the loopback names with this host's own port. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return LOOPBACK_NAMES.some((name) => host.toLowerCase() === `${name}:${port}`);
}

/** An `Origin` that is this host itself. Tools without an Origin header (tests, CLI) pass on the token alone. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return LOOPBACK_NAMES.some((name) => origin.toLowerCase() === `http://${name}:${port}`);
}
