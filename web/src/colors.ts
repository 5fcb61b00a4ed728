// One stable colour per service (hash → hue), readable on both themes.

const cache = new Map<string, string>();

export function serviceColor(service: string): string {
  let c = cache.get(service);
  if (!c) {
    let h = 2166136261;
    for (let i = 0; i < service.length; i++) {
      h ^= service.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    const hue = (h >>> 0) % 360;
    c = `hsl(${hue} 62% 52%)`;
    cache.set(service, c);
  }
  return c;
}
