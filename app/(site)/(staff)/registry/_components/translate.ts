// The slice of a next-intl translator the registry's helpers need: keys are built from the
// record type and field name, so they are plain strings here.
export interface Translate {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}
