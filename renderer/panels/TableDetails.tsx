/**
 * One shared table's details (`catalog.table`), a preview of its first rows in the panel, and the
 * actions that put it into the notebook.
 */
import { useEffect, useState } from 'react';
import type { CatalogTable } from '../../kernel/protocol/messages';
import type { KernelClient } from '../kernel-client/KernelClient';
import { formatBytes } from '../../common/formatBytes';
import { tableReference } from './sqlNames';
import { LiveToggle } from '../live/LiveToggle';
import { useLiveTables } from '../live/LiveContext';
import { TrainModelDialog } from '../automl/TrainModelDialog';
import { ExpectationSuggestions } from '../quality/SuggestExpectationsDialog';
import { QualityBadge } from '../quality/QualityBadge';
import { formatTableName } from '../../common/tableName';
import { TablePreview } from './TablePreview';
import { useTablePreview } from './useTablePreview';
import { codeOf, ProblemText } from './ProblemText';
import type { TableRef } from './tableRef';
import './TableDetails.css';

interface Props {
  client: KernelClient;
  sessionId: string;
  table: TableRef;
  /** How SQL names this table (`share.schema.table`, quoted where needed). */
  reference: string;
  onQuery(): void;
}

export function TableDetails({ client, sessionId, table, reference, onQuery }: Props) {
  const [details, setDetails] = useState<CatalogTable | null>(null);
  const [error, setError] = useState<{ message: string; code?: string } | null>(null);
  const [training, setTraining] = useState(false);
  const [suggesting, setSuggesting] = useState(false);
  const preview = useTablePreview(client, sessionId, table);
  const name = `${table.share}.${table.schema}.${table.table}`;

  // A live table moves on while its details are open: read them again at each new version, so the
  // pane never says "Version 275" beside its own "Live · v276".
  const liveVersion = useLiveTables()?.tables[formatTableName(table)]?.version;

  useEffect(() => {
    setDetails(null);
    setError(null);
  }, [client, sessionId, table]);
  useEffect(() => {
    let current = true;
    client.request('catalog.table', { sessionId, ...table }).then(
      (d) => current && setDetails(d),
      (e: Error) => current && setError({ message: e.message, code: codeOf(e) }),
    );
    return () => {
      current = false;
    };
  }, [client, sessionId, table, liveVersion]);

  return (
    <section className="catalog-details" data-testid="catalog-details" aria-label={`Details of ${reference}`}>
      <div className="catalog-details-title" data-testid="catalog-details-title" title={`${name}\nIn SQL: ${reference}`}>
        {name}
      </div>
      <div className="catalog-details-profile">
        profile {table.profile}
        {reference !== tableReference(table, false) && ` · in SQL: ${reference}`}
      </div>
      <QualityBadge client={client} sessionId={sessionId} table={reference} />
      <div className="catalog-actions">
        <button
          className="btn btn-primary"
          data-testid="catalog-preview"
          title="Show the first rows here, without adding a cell"
          aria-pressed={preview.state.kind !== 'none'}
          onClick={preview.state.kind === 'none' ? preview.load : preview.close}
        >
          Preview
        </button>
        <button className="btn" data-testid="catalog-query" title="Insert a query cell below the selected one" onClick={onQuery}>
          Query in new cell
        </button>
        <LiveToggle table={formatTableName(table)} />
        <button
          className="btn"
          data-testid="catalog-automl"
          title="Search for a model that predicts one column of this table (AutoML)"
          disabled={!details}
          onClick={() => setTraining(true)}
        >
          Train a baseline model…
        </button>
        <button
          className="btn"
          data-testid="catalog-expectations"
          title="Suggest data-quality rules that hold on this table"
          onClick={() => setSuggesting(true)}
        >
          Suggest expectations…
        </button>
      </div>
      <TablePreview state={preview.state} onClose={preview.close} />
      {training && details && (
        <TrainModelDialog source={{ table: reference }} columns={details.columns} afterCellId={null} onClose={() => setTraining(false)} />
      )}
      {suggesting && <ExpectationSuggestions table={async () => reference} afterCellId={null} onClose={() => setSuggesting(false)} />}
      {error && (
        <div className="catalog-error" data-testid="catalog-details-error">
          <ProblemText code={error.code} message={error.message} />
        </div>
      )}
      {!details && !error && <div className="catalog-muted">Loading…</div>}
      {details && <Facts details={details} />}
    </section>
  );
}

function Facts({ details }: { details: CatalogTable }) {
  const partitions = new Set(details.partitionColumns);
  return (
    <>
      {details.description && <p className="catalog-description">{details.description}</p>}
      <dl className="catalog-facts">
        <dt>Version</dt>
        <dd data-testid="catalog-version">{details.version}</dd>
        <dt>Files</dt>
        <dd data-testid="catalog-files">
          {details.numFiles ?? '—'}
          {details.sizeBytes !== undefined && ` · ${formatBytes(details.sizeBytes)}`}
        </dd>
        <dt>Partitioned by</dt>
        <dd>{details.partitionColumns.length ? details.partitionColumns.join(', ') : 'none'}</dd>
        <dt>Change data feed</dt>
        <dd data-testid="catalog-cdf">{details.changeDataFeed ? 'on' : 'off'}</dd>
      </dl>
      <table className="catalog-columns">
        <tbody>
          {details.columns.map((c) => (
            <tr key={c.name} data-testid="catalog-column" data-name={c.name}>
              <td className="catalog-col-name">
                {c.name}
                {partitions.has(c.name) && (
                  <span className="catalog-badge" title="Partition column">
                    P
                  </span>
                )}
                {c.comment && <div className="catalog-col-comment">{c.comment}</div>}
              </td>
              <td className="catalog-col-type" data-testid="catalog-column-type">
                {c.type}
                {!c.nullable && <span className="catalog-muted"> not null</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
