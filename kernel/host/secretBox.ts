/**
 * AES-256-GCM with a key the desktop shell keeps in the OS keychain (Electron safeStorage), so
 * profile secrets at rest are useless without the user's login keychain. Format: version byte,
 * 12-byte IV, 16-byte tag, ciphertext.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** From the base64 key the shell hands over; refuses anything that is not 32 bytes. */
  static fromBase64(text: string): SecretBox {
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32) throw new Error('the profile key must be 32 bytes of base64');
    return new SecretBox(key);
  }

  seal(plain: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer): string {
    if (sealed.length < 29 || sealed[0] !== VERSION) throw new Error('not a sealed profile');
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(1, 13));
    decipher.setAuthTag(sealed.subarray(13, 29));
    return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
  }
}
