/**
 * Whether a host is still up and serving: its process has not exited and a fresh connection gets an
 * answer to `hello`. Every hardening and fuzz case ends with this.
 */
import { PROTOCOL_VERSION } from '../../common/protocolVersion';
import { ProtocolClient, type RunningHost } from './startHost';

export async function hostAnswers(host: RunningHost, timeoutMs = 5000): Promise<boolean> {
  if (host.child.exitCode !== null || host.child.signalCode !== null) return false;
  let client: ProtocolClient | null = null;
  const timeout = new Promise<false>((r) => setTimeout(() => r(false), timeoutMs));
  const attempt = (async () => {
    client = await ProtocolClient.connect(host);
    const hello = await client.request('hello', { protocolVersion: PROTOCOL_VERSION });
    return hello.protocolVersion === PROTOCOL_VERSION;
  })().catch(() => false);
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    (client as ProtocolClient | null)?.close();
  }
}

/** POST /rpc as the window sends a big request; `headers` replace the defaults. */
export async function postRpc(
  host: RunningHost,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`http://127.0.0.1:${host.port}/rpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: `silt_token=${host.token}`, ...headers },
    body,
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // a plain-text refusal
  }
  return { status: res.status, json };
}
