import { describe, expect, it } from 'vitest';
import { formatCapabilities, parseCapabilities } from '../../../kernel/sharing/capabilities';

describe('delta-sharing-capabilities header', () => {
  it('parses keys and values case-insensitively, keeping format preference order', () => {
    expect(
      parseCapabilities('ResponseFormat=Delta,Parquet; readerfeatures=DeletionVectors,columnMapping;includeEndStreamAction=TRUE'),
    ).toEqual({
      responseFormat: ['delta', 'parquet'],
      readerFeatures: ['deletionvectors', 'columnmapping'],
      includeEndStreamAction: true,
      asyncQuery: false,
    });
  });

  it('treats a missing header as nothing requested and skips unknown formats', () => {
    expect(parseCapabilities(undefined).responseFormat).toEqual([]);
    expect(parseCapabilities('responseformat=arrow,parquet;garbage').responseFormat).toEqual(['parquet']);
  });

  it('formats lowercase, and readerfeatures only with delta', () => {
    expect(formatCapabilities({ responseFormat: ['delta'], readerFeatures: ['deletionvectors'], includeEndStreamAction: true })).toBe(
      'responseformat=delta;readerfeatures=deletionvectors;includeendstreamaction=true',
    );
    expect(formatCapabilities({ responseFormat: ['parquet'], readerFeatures: ['deletionvectors'] })).toBe('responseformat=parquet');
  });
});
