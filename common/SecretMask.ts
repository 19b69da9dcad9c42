/**
 * Secrets Silt holds (the host's token, the tokens, client secrets and passwords of loaded profiles,
 * OAuth access tokens) replaced by one fixed mark in anything that leaves a process. Each secret is
 * looked for as written, as percent-encoded (in a URL) and as JSON escapes it (in a frame's text),
 * so an error quoting a URL or a frame carrying a printed value is covered the same way.
 */
export const SECRET_MASK = '[redacted]';

/**
 * Shorter values are not taken as secrets: masking "abc" would garble every output that happens to
 * contain it, and no token or generated secret is that short.
 */
export const MIN_SECRET_LENGTH = 6;

export class SecretMask {
  /** Every form of every secret, longest first, so a secret containing another is masked whole. */
  private forms: string[] = [];
  private readonly secrets = new Set<string>();
  private shortest = Infinity;
  private readonly listeners: ((secret: string) => void)[] = [];

  /** Remembers a secret for good: a removed profile's token is still masked if something quotes it later. */
  add(secret: string | undefined | null): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
    this.forms = [...new Set([...this.forms, ...forms])].sort((a, b) => b.length - a.length);
    this.shortest = Math.min(this.shortest, ...[...forms].map((f) => f.length));
    for (const l of this.listeners) l(secret);
  }

  /** Called with each secret added from now on (a session tells its host, whose mask then covers it too). */
  onAdd(listener: (secret: string) => void): void {
    this.listeners.push(listener);
  }

  get size(): number {
    return this.secrets.size;
  }

  /** The text with every secret replaced; the same string when none occurs (one scan per form). */
  text(s: string): string {
    if (s.length < this.shortest) return s;
    let out = s;
    for (const f of this.forms) if (out.includes(f)) out = out.split(f).join(SECRET_MASK);
    return out;
  }

  /**
   * A message object with every string in it masked: arrays and plain objects are walked, other
   * objects (bytes, dates) kept as they are. Nothing is copied unless a secret was found, so a big
   * page of rows costs one look at each long-enough string.
   */
  value<T>(v: T): T {
    return this.forms.length === 0 ? v : (this.walk(v) as T);
  }

  private walk(v: unknown): unknown {
    if (typeof v === 'string') return this.text(v);
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const m = this.walk(v[i]);
        if (m !== v[i]) (copy ??= v.slice())[i] = m;
      }
      return copy ?? v;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v;
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      // A key can be a secret too (a dictionary a cell printed); only then is the object rebuilt.
      if (this.walk(x) !== x || this.text(k) !== k)
        return Object.fromEntries(Object.entries(o).map(([k2, x2]) => [this.text(k2), this.walk(x2)]));
    }
    return v;
  }
}
