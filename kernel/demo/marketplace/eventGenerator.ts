/**
 * The marketplace simulation: cars get listed, repriced, ordered, delivered, sold or withdrawn,
 * and buyers ask for their orders to be erased. Each batch covers a window of synthetic time and
 * comes out the way a real event pipeline delivers it: some events twice, some hours late.
 */
import { CHANNELS, cityNamed, CITIES, roundPrice, usedCar } from './catalog';
import type { ClosedOrder, DemoEvent, ListingState, MarketState, OrderState } from './marketState';
import { Rng } from './rng';

/** From this batch on every payload names its sales `channel`: the platform's schema change. */
export const CHANNEL_FROM_BATCH = 3;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEP_MS = 5 * MINUTE;

/** Rates at full daytime activity. */
const RATES = {
  newListingsPerHour: 14,
  priceChangesPerListingHour: 0.006,
  withdrawalsPerListingHour: 0.0012,
  ordersPerListingHour: 0.004,
  erasuresPerHour: 0.15,
  /** Price edits made in the mobile app while offline, synced hours later. */
  offlineEditsPerHour: 2,
  /** Share of events the producer sends twice in the same batch (at-least-once retries). */
  duplicateShare: 0.02,
  /** Events of the previous batch that the collector replays after a restart, per batch. */
  replaysPerBatch: 1,
};

/** Activity by local hour (CET), so nights are quiet and evenings busy. */
const ACTIVITY = [0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.4, 0.7, 0.9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.1, 1.2, 1.1, 0.8, 0.5, 0.25];

export class EventGenerator {
  private readonly s: MarketState;
  private readonly rng: Rng;
  private batchStart = 0;
  private batchEnd = 0;
  private out: DemoEvent[] = [];

  constructor(state: MarketState) {
    this.s = structuredClone(state);
    this.rng = new Rng(state.rngState);
  }

  /** Number of the last batch generated. */
  get batch(): number {
    return this.s.batch;
  }

  /** A copy of the state after the batches generated so far. */
  get state(): MarketState {
    return structuredClone({ ...this.s, rngState: this.rng.state });
  }

  /** The events received during the next `spanMs` of synthetic time, in arrival order. */
  nextBatch(spanMs: number): DemoEvent[] {
    const s = this.s;
    s.batch += 1;
    this.batchStart = s.clockMs;
    this.batchEnd = s.clockMs + spanMs;
    this.out = [];
    for (let t = this.batchStart; t < this.batchEnd; t += STEP_MS) this.step(t, Math.min(STEP_MS, this.batchEnd - t));
    this.offlineEdits(spanMs);
    const originals = this.out;
    const delivered = [...originals, ...this.duplicates(originals, spanMs)];
    s.previousBatch = originals;
    s.clockMs = this.batchEnd;
    return delivered.sort((a, b) => a.ingest_time.localeCompare(b.ingest_time) || a.event_id.localeCompare(b.event_id));
  }

  private step(t: number, dt: number): void {
    const activity = ACTIVITY[(new Date(t).getUTCHours() + 1) % 24];
    const hours = dt / HOUR;
    const at = () => t + Math.floor(this.rng.next() * dt);
    for (const order of this.s.orders.filter((o) => o.nextDueMs < t + dt).sort((a, b) => a.nextDueMs - b.nextDueMs)) {
      this.advanceOrder(order, order.nextDueMs);
    }
    for (let n = this.rng.poisson(RATES.newListingsPerHour * activity * hours); n > 0; n--) this.createListing(at());
    const rate = (perListingHour: number) => this.available().length * perListingHour * activity * hours;
    for (let n = this.rng.poisson(rate(RATES.priceChangesPerListingHour)); n > 0; n--) this.changePrice(at(), false);
    for (let n = this.rng.poisson(rate(RATES.withdrawalsPerListingHour)); n > 0; n--) this.withdraw(at());
    for (let n = this.rng.poisson(rate(RATES.ordersPerListingHour)); n > 0; n--) this.placeOrder(at());
    for (let n = this.rng.poisson(RATES.erasuresPerHour * hours); n > 0; n--) this.erase(at());
  }

  private available(): ListingState[] {
    return this.s.listings.filter((l) => !l.reservedBy);
  }

  private createListing(at: number): void {
    const car = usedCar(this.rng, 2026);
    const dealer = this.rng.chance(0.7);
    const listing: ListingState = {
      id: `L${String(this.s.nextListing++).padStart(6, '0')}`,
      sellerId: dealer ? `D${this.rng.int(100, 260)}` : `P${this.rng.int(10000, 99999)}`,
      sellerType: dealer ? 'dealer' : 'private',
      make: car.model.make,
      model: car.model.model,
      fuel: car.fuel,
      year: car.year,
      mileageKm: car.mileageKm,
      priceEur: car.askingPriceEur,
      city: this.rng.weighted(CITIES, (c) => c.weight).city,
      listedAtMs: at,
      lastEventMs: at,
    };
    this.s.listings.push(listing);
    this.emitListing('listing_created', listing, 'active', at, at);
  }

  /** A price change, usually a cut. A late one was made hours ago and may be older than newer news. */
  private changePrice(now: number, late: boolean): void {
    const candidates = this.available().filter((l) => !late || l.listedAtMs < now - 2 * HOUR);
    if (candidates.length === 0) return;
    const listing = this.rng.pick(candidates);
    const factor = this.rng.chance(0.85) ? this.rng.uniform(0.9, 0.98) : this.rng.uniform(1.02, 1.05);
    const changed = { ...listing, priceEur: roundPrice(listing.priceEur * factor) };
    const eventTime = late
      ? Math.max(listing.listedAtMs + MINUTE, now - Math.floor(this.rng.uniform(2, 30) * HOUR))
      : Math.max(now, listing.lastEventMs + SECOND);
    // A stale edit loses to what already happened, in the simulation as in Silver.
    if (eventTime > listing.lastEventMs) Object.assign(listing, { priceEur: changed.priceEur, lastEventMs: eventTime });
    this.emitListing('listing_price_changed', changed, 'active', eventTime, late ? now : eventTime);
  }

  private withdraw(at: number): void {
    const candidates = this.available();
    if (candidates.length === 0) return;
    const listing = this.rng.pick(candidates);
    this.removeListing(listing);
    this.emitListing('listing_withdrawn', listing, 'withdrawn', Math.max(at, listing.lastEventMs + SECOND));
  }

  private placeOrder(at: number): void {
    const candidates = this.available();
    if (candidates.length === 0) return;
    const listing = this.rng.pick(candidates);
    const placedAt = Math.max(at, listing.lastEventMs + SECOND);
    const local = this.rng.chance(0.6) ? cityNamed(listing.city) : this.rng.weighted(CITIES, (c) => c.weight);
    const order: OrderState = {
      id: `O${String(this.s.nextOrder++).padStart(6, '0')}`,
      listingId: listing.id,
      buyerId: `B${this.rng.int(100000, 999999)}`,
      make: listing.make,
      model: listing.model,
      // Buyers negotiate a little off the asking price.
      amountEur: roundPrice(listing.priceEur * this.rng.uniform(0.95, 1)),
      city: local.city,
      placedAtMs: placedAt,
      stage: 'placed',
      lastEventMs: placedAt,
      nextDueMs: placedAt + Math.floor(this.rng.uniform(2, 20) * HOUR),
    };
    listing.reservedBy = order.id;
    this.s.orders.push(order);
    this.emitOrder('order_placed', order, 'placed', placedAt);
  }

  private advanceOrder(order: OrderState, at: number): void {
    if (order.stage === 'placed') {
      if (this.rng.chance(0.12)) return this.cancel(order, at);
      const day = Math.floor(at / DAY) * DAY + this.rng.int(3, 9) * DAY;
      order.deliveryDate = new Date(day).toISOString().slice(0, 10);
      order.stage = 'scheduled';
      order.nextDueMs = day + 8 * HOUR + Math.floor(this.rng.uniform(0, 9) * HOUR);
      // The logistics partner sometimes reports the booking hours after making it.
      const late = this.rng.chance(0.15);
      const eventTime = late ? Math.max(order.lastEventMs + MINUTE, at - Math.floor(this.rng.uniform(2, 12) * HOUR)) : at;
      order.lastEventMs = eventTime;
      this.emitOrder('delivery_scheduled', order, 'scheduled', eventTime, at);
    } else if (order.stage === 'scheduled') {
      if (this.rng.chance(0.04)) return this.cancel(order, at);
      order.stage = 'handed_over';
      order.lastEventMs = at;
      order.nextDueMs = at + Math.floor(this.rng.uniform(0.25, 3) * HOUR);
      this.emitOrder('delivery_completed', order, 'handed_over', at);
    } else {
      order.deliveredAtMs = at;
      order.lastEventMs = at;
      this.emitOrder('order_delivered', order, 'delivered', at);
      const listing = this.s.listings.find((l) => l.id === order.listingId)!;
      this.removeListing(listing);
      // The sale is booked a few minutes after delivery, but within this batch's window.
      const soldAt = Math.max(at + SECOND, Math.min(at + this.rng.int(1, 10) * MINUTE, this.batchEnd - SECOND));
      this.emitListing('listing_sold', { ...listing, priceEur: order.amountEur }, 'sold', soldAt);
      this.close(order, at);
    }
  }

  private cancel(order: OrderState, at: number): void {
    const listing = this.s.listings.find((l) => l.id === order.listingId);
    if (listing) delete listing.reservedBy;
    order.lastEventMs = at;
    this.emitOrder('order_cancelled', order, 'cancelled', at);
    this.close(order, at);
  }

  private close(order: OrderState, at: number): void {
    this.s.orders = this.s.orders.filter((o) => o !== order);
    const closed: ClosedOrder = { id: order.id, listingId: order.listingId, closedAtMs: at };
    this.s.closedOrders = [...this.s.closedOrders, closed].slice(-300);
  }

  /** A buyer's privacy request (GDPR Art. 17): the order must disappear from Silver. */
  private erase(at: number): void {
    const candidates = this.s.closedOrders.filter((o) => o.closedAtMs < at);
    if (candidates.length === 0) return;
    const order = this.rng.pick(candidates);
    this.s.closedOrders = this.s.closedOrders.filter((o) => o !== order);
    const payload = { order_id: order.id, requested_at: iso(at), legal_basis: 'GDPR Art. 17' };
    this.emit('order_erasure_requested', 'order', order.id, order.listingId, order.id, at, at, payload);
  }

  private offlineEdits(spanMs: number): void {
    for (let n = this.rng.poisson((RATES.offlineEditsPerHour * spanMs) / HOUR); n > 0; n--) {
      this.changePrice(this.batchStart + Math.floor(this.rng.next() * spanMs), true);
    }
  }

  private duplicates(originals: DemoEvent[], spanMs: number): DemoEvent[] {
    const copies: DemoEvent[] = [];
    for (const e of originals) {
      if (!this.rng.chance(RATES.duplicateShare)) continue;
      const ingest = Math.min(Date.parse(e.ingest_time) + this.rng.int(1, 30) * SECOND, this.batchEnd);
      copies.push({ ...e, ingest_time: iso(ingest) });
    }
    const previous = this.s.previousBatch;
    const replays = previous.length === 0 ? 0 : this.rng.poisson(RATES.replaysPerBatch * Math.max(1, spanMs / DAY));
    for (let n = replays; n > 0; n--) {
      const ingest = this.batchStart + Math.floor(this.rng.next() * spanMs);
      copies.push({ ...this.rng.pick(previous), ingest_time: iso(ingest), batch_id: this.s.batch });
    }
    return copies;
  }

  private removeListing(listing: ListingState): void {
    this.s.listings = this.s.listings.filter((l) => l !== listing);
  }

  private emitListing(type: string, l: ListingState, status: string, eventTime: number, arrival = eventTime): void {
    const city = cityNamed(l.city);
    const payload = {
      listing_id: l.id,
      seller_id: l.sellerId,
      seller_type: l.sellerType,
      make: l.make,
      model: l.model,
      fuel: l.fuel,
      year: l.year,
      mileage_km: l.mileageKm,
      price_eur: l.priceEur,
      city: l.city,
      country: city.country,
      region: city.region,
      status,
      listed_at: iso(l.listedAtMs),
      ...this.channel(l.sellerType === 'dealer'),
    };
    this.emit(type, 'listing', l.id, l.id, null, eventTime, arrival, payload);
  }

  private emitOrder(type: string, o: OrderState, status: string, eventTime: number, arrival = eventTime): void {
    const city = cityNamed(o.city);
    const payload = {
      order_id: o.id,
      listing_id: o.listingId,
      buyer_id: o.buyerId,
      make: o.make,
      model: o.model,
      amount_eur: o.amountEur,
      city: o.city,
      country: city.country,
      region: city.region,
      status,
      placed_at: iso(o.placedAtMs),
      delivery_date: o.deliveryDate ?? null,
      delivered_at: o.deliveredAtMs !== undefined ? iso(o.deliveredAtMs) : null,
      ...this.channel(false),
    };
    this.emit(type, 'order', o.id, o.listingId, o.id, eventTime, arrival, payload);
  }

  private channel(dealer: boolean): { channel?: string } {
    if (this.s.batch < CHANNEL_FROM_BATCH) return {};
    const weights = dealer ? [0.2, 0.1, 0.7] : [0.55, 0.45, 0];
    return { channel: this.rng.weighted(CHANNELS, (c) => weights[CHANNELS.indexOf(c)]) };
  }

  private emit(
    type: string,
    entity: 'listing' | 'order',
    entityId: string,
    listingId: string,
    orderId: string | null,
    eventTime: number,
    arrival: number,
    payload: object,
  ): void {
    const time = Math.floor(eventTime / SECOND) * SECOND;
    const ingest = Math.max(time, Math.min(this.batchEnd, arrival + this.rng.int(1, 90) * SECOND));
    const r = this.rng;
    this.out.push({
      event_id: `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-${r.hex(4)}-${r.hex(12)}`,
      event_type: type,
      entity,
      entity_id: entityId,
      listing_id: listingId,
      order_id: orderId,
      event_time: iso(time),
      ingest_time: iso(ingest),
      batch_id: this.s.batch,
      payload: JSON.stringify(payload),
    });
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
