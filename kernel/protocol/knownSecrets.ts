/**
 * The secrets this process knows, for the choke points that mask everything it sends out: the
 * host's WebSocket frames, `POST /rpc` answers, HTTP refusals and log lines; a session's replies,
 * events and stdout/stderr. Secrets are added where they come to be known (a profile parsed, an
 * OAuth token fetched, the host's token chosen), so no message has to remember to hide them.
 */
import { SecretMask } from '../../common/SecretMask';

export const knownSecrets = new SecretMask();
