/**
 * A failure in the catalog panel (a profile's listing, a table's details, a preview), headed by the
 * kind of failure its code names, as a failed cell is: a refused token and a server out of reach
 * read apart at a glance, before the message says exactly what.
 */
import { errorHeadline } from '../../common/errorHeadline';
import { isErrorCode } from '../../common/errorCode';

export function ProblemText({ code, message }: { code?: string; message: string }) {
  const known = code !== undefined && isErrorCode(code) ? code : undefined;
  return (
    <>
      {known && (
        <strong className="catalog-problem-kind" data-testid="catalog-problem-kind" data-code={known}>
          {errorHeadline(known)}
        </strong>
      )}
      {known ? ' ' : ''}
      {message}
    </>
  );
}

/** The code of a request's failure: the client rejects with a SiltError carrying the kernel's code. */
export function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
