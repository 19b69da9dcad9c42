import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadServerConfig, runShareCommand, startSharingServer } from '../../../kernel/sharing/server';
import { DATA } from './fixture';

const dir = mkdtempSync(join(tmpdir(), 'silt-share-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('silt share', () => {
  it('serves the folders, writes a 0600 profile and prints the endpoint once it serves', async () => {
    const profileFile = join(dir, 'out.share');
    const lines: string[] = [];
    const server = await runShareCommand(
      [`${DATA}/simple_table`, `${DATA}/cdf-table`, '--name', 'demo', '--schema', 'gold', '--profile-out', profileFile],
      (l) => lines.push(l),
    );
    try {
      expect(lines).toEqual([`Delta Sharing server at ${server.url}`]);
      expect(lines[0]).toMatch(/^Delta Sharing server at http:\/\/127\.0\.0\.1:\d+\/delta-sharing$/);
      expect(statSync(profileFile).mode & 0o777).toBe(0o600);
      const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
      expect(profile).toEqual({ shareCredentialsVersion: 1, endpoint: server.url, bearerToken: server.token });
      const res = await fetch(`${profile.endpoint}/shares/demo/schemas/gold/tables`, {
        headers: { Authorization: `Bearer ${profile.bearerToken}` },
      });
      const body = (await res.json()) as { items: { name: string }[] };
      expect(body.items.map((t) => t.name)).toEqual(['simple_table', 'cdf-table']);
    } finally {
      await server.close();
    }
  });

  it('--ignore-hints answers a query with every file, whatever its predicate and limit hints', async () => {
    const lines: string[] = [];
    const server = await runShareCommand(
      [`${DATA}/delta-0_8_0-partitioned`, '--ignore-hints', '--profile-out', join(dir, 'ih.share')],
      (l) => lines.push(l),
    );
    const files = async (body: object) => {
      const res = await fetch(`${server.url}/shares/silt/schemas/default/tables/delta-0_8_0-partitioned/query`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      return (await res.text()).split('\n').filter((l) => l.startsWith('{"file"')).length;
    };
    try {
      expect(lines[1]).toMatch(/hints are ignored/);
      const hint = JSON.stringify({
        op: 'equal',
        children: [
          { op: 'column', name: 'year', valueType: 'string' },
          { op: 'literal', value: '1999', valueType: 'string' },
        ],
      });
      const all = await files({});
      expect(all).toBe(6); // the table's file count in expected.json
      expect(await files({ jsonPredicateHints: hint, limitHint: 1 })).toBe(all);
    } finally {
      await server.close();
    }
  });

  it('refuses a folder that is not a Delta table and unknown options', async () => {
    await expect(runShareCommand([dir], () => {})).rejects.toThrow(/not a Delta table/);
    await expect(runShareCommand([`${DATA}/simple_table`, '--bogus'], () => {})).rejects.toThrow(/unknown option --bogus/);
    await expect(runShareCommand([], () => {})).rejects.toThrow(/usage: silt share/);
  });
});

describe('YAML configuration', () => {
  it('reads a reference-server style file and serves it', async () => {
    const yamlFile = join(dir, 'server.yaml');
    writeFileSync(
      yamlFile,
      [
        'version: 1',
        'shares:',
        '- name: "share1"',
        '  schemas:',
        '  - name: "default"',
        '    tables:',
        '    - name: "simple"',
        `      location: "${DATA}/simple_table"`,
        '      id: "00000000-0000-0000-0000-000000000001"',
        '      historyShared: true',
        'authorization:',
        '  bearerToken: "yaml-token"',
        'endpoint: "/ds"',
        'preSignedUrlTimeoutSeconds: 600',
      ].join('\n'),
    );
    const cfg = loadServerConfig(yamlFile);
    expect(cfg.urlExpirySeconds).toBe(600);
    const server = await startSharingServer(cfg);
    try {
      expect(server.url).toMatch(/\/ds$/);
      expect(server.token).toBe('yaml-token');
      const res = await fetch(`${server.url}/shares/share1/all-tables`, { headers: { Authorization: 'Bearer yaml-token' } });
      const body = (await res.json()) as { items: { id: string }[] };
      expect(body.items[0].id).toBe('00000000-0000-0000-0000-000000000001');
    } finally {
      await server.close();
    }
  });

  it('names the offending field of a bad file', () => {
    const yamlFile = join(dir, 'bad.yaml');
    writeFileSync(yamlFile, 'shares:\n- name: "a"\n  schemas:\n  - name: "s.x"\n    tables: []\n');
    expect(() => loadServerConfig(yamlFile)).toThrow(/schema name "s.x" contains '.'/);
    writeFileSync(yamlFile, 'shares:\n- name: "a"\n  schemas:\n  - name: "s"\n    tables:\n    - name: "t"\n');
    expect(() => loadServerConfig(yamlFile)).toThrow(/shares\[0\]\.schemas\[0\]\.tables\[0\]\.location/);
  });

  it('reads ignoreHints, and refuses a value that is not true or false', () => {
    const yamlFile = join(dir, 'hints.yaml');
    const shares = 'shares:\n- name: "a"\n  schemas: []\n';
    writeFileSync(yamlFile, `ignoreHints: true\n${shares}`);
    expect(loadServerConfig(yamlFile).ignoreHints).toBe(true);
    writeFileSync(yamlFile, `${shares}`);
    expect(loadServerConfig(yamlFile).ignoreHints).toBeUndefined();
    writeFileSync(yamlFile, `ignoreHints: "yes"\n${shares}`);
    expect(() => loadServerConfig(yamlFile)).toThrow(/ignoreHints must be true or false/);
  });

  it('publicUrl names the proxy in front in the profile and file URLs, and must keep the endpoint path', async () => {
    const yamlFile = join(dir, 'public.yaml');
    const shares = 'shares:\n- name: "a"\n  schemas: []\n';
    writeFileSync(yamlFile, `publicUrl: "https://lab.example:8443/delta-sharing/"\n${shares}`);
    const cfg = loadServerConfig(yamlFile);
    expect(cfg.publicUrl).toBe('https://lab.example:8443/delta-sharing/');
    const server = await startSharingServer(cfg);
    try {
      expect(server.url).toBe('https://lab.example:8443/delta-sharing');
    } finally {
      await server.close();
    }
    writeFileSync(yamlFile, `publicUrl: "https://lab.example/other"\n${shares}`);
    expect(() => loadServerConfig(yamlFile)).toThrow(/publicUrl's path \/other must be the endpoint path \/delta-sharing/);
    writeFileSync(yamlFile, `publicUrl: "ftp://lab.example/delta-sharing"\n${shares}`);
    expect(() => loadServerConfig(yamlFile)).toThrow(/publicUrl must be http or https/);
  });
});
