/** Everything a code cell produced, in order. */
import { useMemo } from 'react';
import { mergeOutputs } from '../../common/OutputBuilder';
import type { Output } from '../../kernel/protocol/notebook';
import { ErrorView } from './ErrorView';
import { Grid, type FetchPage } from './Grid';
import { ResultActions } from './ResultActions';
import { RichView } from './RichView';
import { StreamView } from './StreamView';

interface Props {
  cellId: string;
  outputs: Output[];
  source: string;
  fetchPage: FetchPage | null;
  /** A note from the app about this cell, e.g. that a restart lost the variables. */
  notice?: string | null;
  /** Runs this cell again (a grid of an earlier run's rows offers it). */
  onRun?: () => void;
}

export function OutputArea({ cellId, outputs, source, fetchPage, notice, onRun }: Props) {
  // Runs already arrive merged and capped (then this returns the same objects); a notebook opened
  // from a file may hold a huge or split output, which shows capped like the rest.
  const shown = useMemo(() => mergeOutputs(outputs), [outputs]);
  if (shown.length === 0 && !notice) return null;
  return (
    <div className="output" data-testid="output">
      {notice && <div className="output-notice">{notice}</div>}
      {shown.map((o, i) => {
        switch (o.kind) {
          case 'table':
            // Keyed by position, not handle: a re-run (a live update) keeps the grid and its scroll.
            return (
              <Grid
                key={`table-${i}`}
                output={o}
                fetchPage={fetchPage}
                onRun={onRun}
                actions={fetchPage && <ResultActions output={o} cellId={cellId} />}
              />
            );
          case 'stream':
            return <StreamView key={i} output={o} />;
          case 'error':
            return <ErrorView key={i} output={o} source={source} />;
          case 'rich':
            return <RichView key={i} output={o} />;
        }
      })}
    </div>
  );
}
