/**
 * A table's data-quality state in the catalog: the verdict of its most recent check in this
 * workspace (all pass, warnings, failing), with the version it read and when. Nothing when the table
 * was never checked: the badge only says what a check really found. It reads the state again
 * whenever the session records a check (`quality.checked`: an expectation cell, `quality.check`, a
 * live table's new version), so it never shows a verdict a later check has replaced.
 */
import { useEffect, useState } from 'react';
import type { QualityLastCheck } from '../../kernel/protocol/quality';
import type { KernelClient } from '../kernel-client/KernelClient';
import './QualityBadge.css';

const LABEL = { pass: 'All pass', warn: 'Warnings', fail: 'Failing' } as const;

export function QualityBadge({ client, sessionId, table }: { client: KernelClient; sessionId: string; table: string }) {
  const [check, setCheck] = useState<QualityLastCheck | null>(null);
  useEffect(() => {
    let current = true;
    // Answers may arrive out of order when checks come fast: only the latest request's answer counts.
    let asked = 0;
    const read = () => {
      const n = ++asked;
      client.request('quality.last', { sessionId, table }).then(
        (r) => current && n === asked && setCheck(r.check),
        () => current && n === asked && setCheck(null),
      );
    };
    setCheck(null);
    read();
    // Any recorded check may be this table's (names as written differ in case and quoting; quality.last matches them).
    const stop = client.onEvent((e) => {
      if (e.type === 'quality.checked' && e.sessionId === sessionId) read();
    });
    return () => {
      current = false;
      stop();
    };
  }, [client, sessionId, table]);
  if (!check) return null;
  const when = new Date(check.checkedAt).toLocaleString();
  const detail = [
    `${check.rules} rule${check.rules === 1 ? '' : 's'}`,
    check.tableVersion !== null ? `v${check.tableVersion}` : null,
    `checked ${when}`,
    check.failing.length > 0 ? `failing: ${check.failing.join(', ')}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className={`quality-badge quality-badge-${check.state}`} data-testid="quality-badge" data-state={check.state} title={detail}>
      <span className="quality-badge-label">{LABEL[check.state]}</span>
      <span className="quality-badge-detail">{detail}</span>
    </div>
  );
}
