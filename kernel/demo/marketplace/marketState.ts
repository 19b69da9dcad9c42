/**
 * Everything the event generator remembers between ticks, as plain JSON so the demo can save it
 * next to its tables and a reopened demo continues the exact same stream.
 */

export interface ListingState {
  id: string;
  sellerId: string;
  sellerType: 'dealer' | 'private';
  make: string;
  model: string;
  fuel: string;
  year: number;
  mileageKm: number;
  priceEur: number;
  city: string;
  listedAtMs: number;
  /** event_time of the newest event about this listing, so a late event can tell if it is stale. */
  lastEventMs: number;
  /** The open order holding the car, if any; a reserved car gets no new orders or price changes. */
  reservedBy?: string;
}

export type OrderStage = 'placed' | 'scheduled' | 'handed_over';

export interface OrderState {
  id: string;
  listingId: string;
  buyerId: string;
  make: string;
  model: string;
  amountEur: number;
  city: string;
  placedAtMs: number;
  stage: OrderStage;
  deliveryDate?: string;
  deliveredAtMs?: number;
  lastEventMs: number;
  /** When the order moves to its next stage. */
  nextDueMs: number;
}

/** A finished order that can still be the target of a privacy erasure request. */
export interface ClosedOrder {
  id: string;
  listingId: string;
  closedAtMs: number;
}

/** One raw event as it lands in Bronze. Times are ISO 8601 UTC strings. */
export interface DemoEvent {
  event_id: string;
  event_type: string;
  entity: 'listing' | 'order';
  entity_id: string;
  listing_id: string;
  order_id: string | null;
  event_time: string;
  ingest_time: string;
  batch_id: number;
  /** The entity's full state after the event (event-carried state), as JSON. */
  payload: string;
}

export interface MarketState {
  rngState: number;
  /** Number of batches generated so far; the next batch gets batch + 1. */
  batch: number;
  /** Synthetic clock: the end of the last batch's window, ms since the epoch. */
  clockMs: number;
  nextListing: number;
  nextOrder: number;
  listings: ListingState[];
  orders: OrderState[];
  closedOrders: ClosedOrder[];
  /** The previous batch's original events, which the next batch may deliver again. */
  previousBatch: DemoEvent[];
}

/** Monday 2 March 2026, midnight UTC: the first moment of the demo's history. */
export const DEMO_EPOCH_MS = Date.UTC(2026, 2, 2, 0, 0, 0);

export function initialMarketState(seed: number): MarketState {
  return {
    rngState: (seed ^ 0x5eed1e55) >>> 0,
    batch: 0,
    clockMs: DEMO_EPOCH_MS,
    nextListing: 1,
    nextOrder: 1,
    listings: [],
    orders: [],
    closedOrders: [],
    previousBatch: [],
  };
}
