import type { Express } from 'express';

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: ExpressLayer[] };
}

/** Every 'METHOD /path' the app really answers, read from Express's own router (routers mounted with app.use included). */
export function routesOf(app: Express): string[] {
  const found: string[] = [];
  const walk = (layers: ExpressLayer[]) => {
    for (const layer of layers) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') found.push(`${method.toUpperCase()} ${layer.route.path}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: ExpressLayer[] } }).router.stack);
  return found.sort();
}
