/**
 * What the demo marketplace sells and where: makes and models with list prices when new, and the
 * cities it operates in, grouped into sales regions.
 */
import type { Rng } from './rng';

export type Fuel = 'petrol' | 'diesel' | 'hybrid' | 'electric';

export interface CarModel {
  make: string;
  model: string;
  /** Typical price new, EUR; used prices are derived from it. */
  newPriceEur: number;
  fuels: readonly Fuel[];
  /** Relative share of the listings. */
  popularity: number;
}

export interface City {
  city: string;
  country: string;
  region: string;
  /** Relative share of the activity. */
  weight: number;
}

const m = (make: string, model: string, newPriceEur: number, fuels: Fuel[], popularity: number): CarModel => ({
  make,
  model,
  newPriceEur,
  fuels,
  popularity,
});

export const MODELS: readonly CarModel[] = [
  m('Volkswagen', 'Golf', 30000, ['petrol', 'diesel', 'hybrid'], 10),
  m('Volkswagen', 'Polo', 21000, ['petrol'], 7),
  m('Volkswagen', 'Tiguan', 38000, ['petrol', 'diesel', 'hybrid'], 6),
  m('Volkswagen', 'ID.3', 39000, ['electric'], 3),
  m('BMW', '3 Series', 46000, ['petrol', 'diesel', 'hybrid'], 6),
  m('BMW', '1 Series', 33000, ['petrol', 'diesel'], 4),
  m('BMW', 'X3', 56000, ['diesel', 'hybrid'], 3),
  m('Mercedes-Benz', 'A-Class', 35000, ['petrol', 'diesel'], 5),
  m('Mercedes-Benz', 'C-Class', 49000, ['petrol', 'diesel', 'hybrid'], 5),
  m('Mercedes-Benz', 'GLC', 59000, ['diesel', 'hybrid'], 3),
  m('Audi', 'A3', 34000, ['petrol', 'diesel'], 5),
  m('Audi', 'A4', 45000, ['petrol', 'diesel'], 4),
  m('Audi', 'Q5', 56000, ['diesel', 'hybrid'], 3),
  m('Skoda', 'Octavia', 31000, ['petrol', 'diesel'], 7),
  m('Skoda', 'Fabia', 20000, ['petrol'], 4),
  m('Renault', 'Clio', 20000, ['petrol', 'diesel', 'hybrid'], 7),
  m('Renault', 'Captur', 25000, ['petrol', 'hybrid'], 4),
  m('Peugeot', '208', 22000, ['petrol', 'electric'], 6),
  m('Peugeot', '3008', 36000, ['petrol', 'diesel', 'hybrid'], 4),
  m('Toyota', 'Yaris', 21000, ['hybrid'], 5),
  m('Toyota', 'Corolla', 30000, ['hybrid'], 5),
  m('Toyota', 'RAV4', 41000, ['hybrid'], 3),
  m('Ford', 'Fiesta', 19000, ['petrol'], 5),
  m('Ford', 'Focus', 26000, ['petrol', 'diesel'], 5),
  m('Opel', 'Corsa', 20000, ['petrol', 'electric'], 5),
  m('Opel', 'Astra', 27000, ['petrol', 'diesel'], 4),
  m('Fiat', '500', 17000, ['petrol', 'hybrid'], 5),
  m('Dacia', 'Sandero', 13000, ['petrol'], 5),
  m('Dacia', 'Duster', 19000, ['petrol', 'diesel'], 4),
  m('Tesla', 'Model 3', 45000, ['electric'], 3),
  m('Tesla', 'Model Y', 50000, ['electric'], 3),
  m('Volvo', 'XC60', 56000, ['diesel', 'hybrid'], 3),
];

export const CITIES: readonly City[] = [
  { city: 'Berlin', country: 'DE', region: 'Central', weight: 10 },
  { city: 'Munich', country: 'DE', region: 'Central', weight: 8 },
  { city: 'Hamburg', country: 'DE', region: 'Central', weight: 6 },
  { city: 'Vienna', country: 'AT', region: 'Central', weight: 5 },
  { city: 'Paris', country: 'FR', region: 'West', weight: 9 },
  { city: 'Lyon', country: 'FR', region: 'West', weight: 4 },
  { city: 'Amsterdam', country: 'NL', region: 'West', weight: 5 },
  { city: 'Brussels', country: 'BE', region: 'West', weight: 4 },
  { city: 'Madrid', country: 'ES', region: 'South', weight: 7 },
  { city: 'Barcelona', country: 'ES', region: 'South', weight: 5 },
  { city: 'Milan', country: 'IT', region: 'South', weight: 7 },
];

/** Where new sales come in, from the platform's first schema change on (see eventGenerator). */
export const CHANNELS = ['web', 'app', 'dealer_api'] as const;

export function cityNamed(name: string): City {
  const city = CITIES.find((c) => c.city === name);
  if (!city) throw new Error(`unknown demo city ${name}`);
  return city;
}

export interface UsedCar {
  model: CarModel;
  fuel: Fuel;
  year: number;
  mileageKm: number;
  askingPriceEur: number;
}

/** A plausible used car: age 1-14 years, ~14,000 km a year, about 13% value lost a year. */
export function usedCar(rng: Rng, currentYear: number): UsedCar {
  const model = rng.weighted(MODELS, (x) => x.popularity);
  const age = Math.min(14, 1 + Math.floor(Math.abs(rng.normal()) * 4.5));
  const mileageKm = Math.round((age * rng.uniform(8000, 21000)) / 100) * 100;
  const mileageFactor = 1 - Math.min(0.25, (mileageKm / (age * 14000) - 1) * 0.12);
  const price = model.newPriceEur * Math.pow(0.87, age) * mileageFactor * rng.uniform(0.92, 1.08);
  return {
    model,
    fuel: rng.pick(model.fuels),
    year: currentYear - age,
    mileageKm,
    askingPriceEur: roundPrice(Math.max(2500, price)),
  };
}

/** Prices end in 90 or 50 the way dealers write them, e.g. 17,490. */
export function roundPrice(eur: number): number {
  return Math.max(990, Math.round(eur / 100) * 100 - 10);
}
