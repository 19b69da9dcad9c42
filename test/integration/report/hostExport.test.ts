/** `report.export` over the real WebSocket of a running `silt serve`: no session needed. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIpynb } from '../../../kernel/notebook/fromIpynb';
import { ProtocolClient, ROOT, startHost, type RunningHost } from '../../helpers/startHost';
import { readOnlyDir } from './readOnlyDir';

let host: RunningHost;
let client: ProtocolClient;
const notebook = parseIpynb(readFileSync(join(ROOT, 'test/fixtures/report/sales.ipynb'), 'utf8'));

beforeAll(async () => {
  host = await startHost();
  client = await ProtocolClient.connect(host);
  await client.request('hello', { protocolVersion: (await import('../../../kernel/protocol')).PROTOCOL_VERSION });
});

afterAll(async () => {
  client?.close();
  await host?.stop();
});

describe('report.export', () => {
  it('writes the report inside the workspace for a relative path and answers with where and how big', async () => {
    const r = await client.request('report.export', {
      notebook,
      format: 'md',
      path: 'reports/sales.md',
      title: 'From the app',
      hideCode: true,
    });
    expect(r.path).toBe(join(host.workspace, 'reports', 'sales.md'));
    const md = readFileSync(r.path, 'utf8');
    expect(r.bytes).toBe(Buffer.byteLength(md));
    expect(md.startsWith('# From the app\n')).toBe(true);
    expect(md).not.toContain('GROUP BY');
    expect(readFileSync(join(host.workspace, 'reports', 'sales_files', 'chart-1.svg'), 'utf8')).toContain('Revenue (kEUR)');
  });

  it('answers a read-only folder with an io error that names it', async () => {
    const ro = readOnlyDir();
    try {
      const err = await client.request('report.export', { notebook, format: 'html', path: join(ro.dir, 'a.html') }).then(
        () => null,
        (e) => e,
      );
      expect(err?.code).toBe('io');
      expect(err.message).toContain(`the folder ${ro.dir} is read-only`);
    } finally {
      ro.release();
    }
  });

  it('refuses an unknown format by name', async () => {
    const unknown = await client.request('report.export', { notebook, format: 'docx' as never, path: 'x.docx' }).then(
      () => null,
      (e) => e,
    );
    expect(unknown?.message).toMatch(/Unknown report format "docx"; use one of html, md, pdf, ipynb/);
  });
});
